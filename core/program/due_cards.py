"""Today's "Print Due Cards": every card and letter due (overdue and due today, and if asked
the coming week) printed as one batch, each with its rule's template, labels in the same
order. Each item links to its action: marking the batch sent completes the actions, undoing
that opens them again, and a spoiled card leaves its action open to be printed again
(core.printing.batches calls back into this area's services for that)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from core.kernel.jobs import CancelCheck, Progress, never_cancelled, no_progress
from core.printing.errors import NoRecipients
from core.printing.services import (
    BatchEntry,
    BatchPlan,
    BatchSummary,
    RenderedBatch,
    actions_awaiting_sending,
    plan_entries,
    print_planned_batch,
)
from core.printing.services import list_templates as list_print_templates
from core.printing.types import ALREADY_PRINTED, NO_TEMPLATE, Skipped
from core.program.rules import CARD, LETTER, rule_named
from core.program.services import due_actions
from core.program.types import ActionRow
from core.program.why import also_celebrating
from core.store.db import Database

OTHER_LIFE_EVENT = "life-event-other"


@dataclass(frozen=True)
class LeftOut:
    """A due card or letter that is not in the batch, and why (a core.printing.types skip
    reason: no address, no mail; or already printed, no template)."""

    action_id: int
    customer_id: int
    name: str
    reason: str
    rule: str = ""
    gesture: str = ""


@dataclass(frozen=True)
class DueCards:
    """What "Print Due Cards" will print: the plan (None when nothing can be printed), the
    actions it prints in order, and those left out."""

    plan: BatchPlan | None
    actions: tuple[ActionRow, ...]
    left_out: tuple[LeftOut, ...]

    @property
    def cards(self) -> int:
        return sum(1 for action in self.actions if action.gesture == CARD)

    @property
    def letters(self) -> int:
        return sum(1 for action in self.actions if action.gesture == LETTER)


def plan_due_cards(session: Session, today: dt.date, *, include_upcoming: bool = False,
                   label_sheet: str = "", label_start: int = 1) -> DueCards:
    """Choose the due cards and letters and plan their batch. Reads only."""
    due = due_actions(session, today, gestures=(CARD, LETTER),
                      include_upcoming=include_upcoming)
    waiting = actions_awaiting_sending(session)
    known = {template.name for template in list_print_templates(session)}
    left_out: list[LeftOut] = []
    chosen: list[tuple[ActionRow, str]] = []
    for action in due:
        template = action.template
        if template not in known and template.startswith("life-event-"):
            template = OTHER_LIFE_EVENT
        if action.id in waiting:
            left_out.append(LeftOut(action.id, action.customer_id, action.customer_name,
                                    ALREADY_PRINTED, action.rule, action.gesture))
        elif template not in known:
            left_out.append(LeftOut(action.id, action.customer_id, action.customer_name,
                                    NO_TEMPLATE, action.rule, action.gesture))
        else:
            chosen.append((action, template))
    entries = [BatchEntry(a.customer_id, template, a.id,
                          _also_celebrating(a) + _letter_values(session, a))
               for a, template in chosen]
    plan: BatchPlan | None = None
    skipped: tuple[Skipped, ...] = ()
    if entries:
        try:
            plan = plan_entries(session, entries, label_sheet=label_sheet,
                                label_start=label_start, today=today)
            skipped = plan.skipped
        except NoRecipients as nobody:
            skipped = nobody.skipped
    reasons = {skip.customer_id: skip.reason for skip in skipped}
    printed = tuple(a for a, _template in chosen if a.customer_id not in reasons)
    left_out += [LeftOut(a.id, a.customer_id, a.customer_name, reasons[a.customer_id],
                         a.rule, a.gesture)
                 for a, _template in chosen if a.customer_id in reasons]
    return DueCards(plan, printed, tuple(left_out))


def _letter_values(session: Session, action: ActionRow) -> tuple[tuple[str, str], ...]:
    """What a rule's letter needs beyond the customer's fields (a council meeting's)."""
    try:
        rule = rule_named(action.rule)
    except KeyError:
        return ()
    if rule.letter_values is None:
        return ()
    return rule.letter_values(session, action.rule, action.customer_id, action.occasion_on,
                              action.detail)


def _also_celebrating(action: ActionRow) -> tuple[tuple[str, str], ...]:
    """A card made for several occasions names the others (the merge field)."""
    if not action.joined:
        return ()
    others = [(joined.rule, joined.detail) for joined in action.joined]
    return (("also_celebrating", also_celebrating(others)),)


def print_due_cards(
    database: Database, today: dt.date, out_path: Path, *, labels_path: Path | None = None,
    label_sheet: str = "", include_upcoming: bool = False, mark_sent: bool = False,
    progress: Progress = no_progress, is_cancelled: CancelCheck = never_cancelled,
) -> tuple[DueCards, BatchSummary | None, RenderedBatch | None]:
    """Plan and print the due cards (the command line's `print due-cards`); the summary and
    rendering are None when nothing could be printed."""
    with database.unit_of_work() as session:
        due = plan_due_cards(session, today, include_upcoming=include_upcoming,
                             label_sheet=label_sheet if labels_path else "")
    if due.plan is None:
        return due, None, None
    summary, _plan, rendered = print_planned_batch(
        database, due.plan, out_path, labels_path=labels_path, mark_sent=mark_sent,
        progress=progress, is_cancelled=is_cancelled)
    return due, summary, rendered
