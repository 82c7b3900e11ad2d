"""The program's services: evaluate, read Today, and mark actions done, skipped or snoozed."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, func, or_, select, update
from sqlalchemy.orm import Session

from core.customers.tables import CUSTOMERS
from core.customers.types import display_name
from core.kernel.changes import Changes
from core.kernel.errors import Invalid, NotFound, Problem
from core.program.clock import shop_today
from core.program.demo import play_program_backlog
from core.program.evaluate import DONE, MISSED, OPEN, SKIPPED, Evaluation, evaluate_program
from core.program.models import Action
from core.program.rules import rule_named
from core.program.settings import ProgramSettings
from core.program.types import (
    DUE,
    OVERDUE,
    SNOOZED,
    UPCOMING,
    ActionRow,
    JoinedOccasion,
    TodayCounts,
    TodayView,
)
from core.program.why import DateFormat, why_line
from core.settings.services import get_settings
from core.store.changes import note_changes

__all__ = ["Evaluation", "complete_action", "complete_call", "complete_printed_actions",
           "customer_actions", "due_actions", "evaluate_program", "plan_due_cards",
           "play_program_backlog", "print_due_cards",
           "reopen_printed_actions", "shop_today", "skip_action", "snooze_action",
           "today_view"]

if TYPE_CHECKING:
    from core.program.due_cards import DueCards

ACTIONS = cast(Table, Action.__table__)
NOT_OPEN = "not_open"  # Problem code: the action was already done, skipped or missed
IN_THE_PAST = "in_the_past"  # Problem code: a snooze date that is not after today
DONE_WEEK_DAYS = 7
ON_TIME_OVER_DAYS = 90
MISSED_SHOWN_DAYS = 30


def today_view(session: Session, today: dt.date,
               format_date: DateFormat = dt.date.isoformat) -> TodayView:
    """Open actions due up to the coming week (overdue, due, upcoming, snoozed), missed ones
    of the last month, and those done or skipped this week. Actions made together with
    another (the per-customer cap) appear inside it, not on their own."""
    settings = get_settings(session, ProgramSettings)
    horizon = today + dt.timedelta(days=settings.upcoming_days)
    week_ago = dt.datetime.combine(today - dt.timedelta(days=DONE_WEEK_DAYS - 1), dt.time.min)
    shown = or_(
        (Action.state == OPEN) & (func.coalesce(Action.snoozed_until, Action.due_on) <= horizon),
        (Action.state == OPEN) & (Action.snoozed_until > today),
        (Action.state == MISSED) & (Action.due_on >= today - dt.timedelta(days=MISSED_SHOWN_DAYS)),
        Action.state.in_((DONE, SKIPPED)) & (Action.completed_at >= week_ago),
    )
    rows = _rows(session, shown, today, format_date)
    counts = TodayCounts(
        due=sum(1 for row in rows if row.state == DUE),
        overdue=sum(1 for row in rows if row.state == OVERDUE),
        upcoming=sum(1 for row in rows if row.state == UPCOMING),
        missed=sum(1 for row in rows if row.state == MISSED),
        done_this_week=sum(1 for row in rows if row.state == DONE),
        on_time_share=_on_time_share(session, today),
    )
    return TodayView(today, tuple(rows), counts)


def customer_actions(session: Session, customer_id: int, today: dt.date,
                     format_date: DateFormat = dt.date.isoformat) -> list[ActionRow]:
    """Every action of one customer, newest occasion first (their record's history)."""
    return sorted(_rows(session, Action.customer_id == customer_id, today, format_date),
                  key=lambda row: row.occasion_on, reverse=True)


def complete_action(session: Session, action_id: int, *, note: str = "", by: str = "",
                    now: dt.datetime | None = None) -> None:
    """Mark an action done (with the actions made in the same gesture)."""
    _close(session, action_id, DONE, note, by, now)


def complete_call(session: Session, action_id: int, outcome: str, today: dt.date, *,
                  by: str = "") -> int:
    """Mark a call done and keep what was said as a call on the customer's history; returns
    the new interaction's id."""
    from core.visits.services import log_interaction
    from core.visits.types import InteractionDraft

    action = _open_action(session, action_id)
    interaction_id = log_interaction(session, action.customer_id,
                                     InteractionDraft("call", today, None, outcome.strip()),
                                     today=today)
    _close(session, action_id, DONE, outcome, by, None)
    return interaction_id


def skip_action(session: Session, action_id: int, *, reason: str = "", by: str = "",
                now: dt.datetime | None = None) -> None:
    """Skip an action for good: it never comes back for this occasion."""
    _close(session, action_id, SKIPPED, reason, by, now)


def snooze_action(session: Session, action_id: int, until: dt.date, today: dt.date) -> None:
    """Put an open action aside until `until` (after today); it is due again that day."""
    action = _open_action(session, action_id)
    if until <= today:
        raise Invalid([Problem("until", IN_THE_PAST, until.isoformat())])
    action.snoozed_until = until
    session.flush()


def due_actions(session: Session, today: dt.date, *, gestures: tuple[str, ...],
                include_upcoming: bool = False) -> list[ActionRow]:
    """Open actions of these gestures due by `today` (overdue and due; with
    `include_upcoming`, those of the coming week too), in Today's order. Actions made
    together with another appear inside it (ActionRow.joined), not on their own."""
    settings = get_settings(session, ProgramSettings)
    last = today + dt.timedelta(days=settings.upcoming_days) if include_upcoming else today
    wanted = (OVERDUE, DUE, UPCOMING) if include_upcoming else (OVERDUE, DUE)
    shown = ((Action.state == OPEN) & Action.gesture.in_(gestures)
             & (func.coalesce(Action.snoozed_until, Action.due_on) <= last))
    return [row for row in _rows(session, shown, today, dt.date.isoformat)
            if row.state in wanted]


def plan_due_cards(session: Session, today: dt.date, *, include_upcoming: bool = False,
                   label_sheet: str = "", label_start: int = 1) -> DueCards:
    """The due cards and letters as one batch, and who is left out (core.program.due_cards)."""
    from core.program.due_cards import plan_due_cards as plan

    return plan(session, today, include_upcoming=include_upcoming, label_sheet=label_sheet,
                label_start=label_start)


def complete_printed_actions(session: Session, action_ids: tuple[int, ...], *,
                             now: dt.datetime) -> tuple[int, ...]:
    """Their cards were marked sent: these open actions (and those made in the same
    gesture) are done as of `now`. Returns every action it completed."""
    ids = set(action_ids)
    closing = tuple(session.scalars(select(Action.id).where(
        or_(Action.id.in_(ids), Action.joined_to_id.in_(ids)), Action.state == OPEN)))
    if closing:
        session.execute(update(Action).where(Action.id.in_(closing))
                        .values(state=DONE, completed_at=now))
        _noted(session, closing)
    return closing


def reopen_printed_actions(session: Session, action_ids: tuple[int, ...], *,
                           completed_at: dt.datetime) -> tuple[int, ...]:
    """Undo `complete_printed_actions` (the card was not sent after all, or came out
    spoiled): these actions, and those made with them, done at `completed_at` are open
    again. An action done another way, or at another time, stays done."""
    ids = set(action_ids)
    opening = tuple(session.scalars(select(Action.id).where(
        or_(Action.id.in_(ids), Action.joined_to_id.in_(ids)), Action.state == DONE,
        Action.completed_at == completed_at)))
    if opening:
        session.execute(update(Action).where(Action.id.in_(opening))
                        .values(state=OPEN, completed_at=None, completed_by="", note=""))
        _noted(session, opening)
    return opening


def print_due_cards(*args: Any, **kwargs: Any) -> Any:
    """Plan and print the due cards in one go (core.program.due_cards.print_due_cards)."""
    from core.program.due_cards import print_due_cards as print_them

    return print_them(*args, **kwargs)


def _noted(session: Session, action_ids: tuple[int, ...]) -> None:
    customers = frozenset(session.scalars(
        select(Action.customer_id).where(Action.id.in_(action_ids))))
    session.expire_all()
    note_changes(session, Changes(actions=True, customer_ids=customers))


def _close(session: Session, action_id: int, state: str, note: str, by: str,
           now: dt.datetime | None) -> None:
    action = _open_action(session, action_id)
    customer_id = action.customer_id
    session.execute(
        update(Action)
        .where(or_(Action.id == action.id, Action.joined_to_id == action.id),
               Action.state == OPEN)
        .values(state=state, note=note.strip(), completed_by=by.strip(),
                completed_at=now or dt.datetime.now())
    )
    session.expire_all()
    note_changes(session, Changes(actions=True, customer_ids=frozenset({customer_id})))


def _open_action(session: Session, action_id: int) -> Action:
    action = session.get(Action, action_id)
    if action is None:
        raise NotFound("action", action_id)
    if action.state != OPEN:
        raise Invalid([Problem("state", NOT_OPEN, action.state)])
    return action


def _rows(session: Session, condition: object, today: dt.date,
          format_date: DateFormat) -> list[ActionRow]:
    """Actions as rows (plain columns, not ORM objects: Today may hold thousands)."""
    a, c = ACTIONS.c, CUSTOMERS.c
    query = (
        select(a.id, a.rule, a.gesture, a.customer_id, a.occasion_on, a.due_on, a.state,
               a.snoozed_until, a.joined_to_id, a.detail, a.note, a.completed_by,
               a.completed_at, c.first_name, c.last_name, c.organisation, c.email)
        .join(CUSTOMERS, c.id == a.customer_id)
        .where(condition, c.deleted_at.is_(None))  # type: ignore[arg-type]
        .order_by(a.due_on, a.id)
    )
    found = session.execute(query).all()
    listed = {row.id for row in found}
    joined: dict[int, list[JoinedOccasion]] = {}
    for row in found:
        if row.joined_to_id in listed and row.state == OPEN:
            joined.setdefault(row.joined_to_id, []).append(
                JoinedOccasion(row.id, row.rule, row.occasion_on, row.detail))
    return [_row(row, today, format_date, tuple(joined.get(row.id, ())))
            for row in found
            if not (row.joined_to_id in listed and row.state == OPEN)]  # shown inside it


def _row(found: Any, today: dt.date, format_date: DateFormat,
         joined: tuple[JoinedOccasion, ...]) -> ActionRow:
    state, late = _state_on(found.state, found.due_on, found.snoozed_until, today)
    name = display_name(found.first_name, found.last_name, found.organisation) or found.email
    return ActionRow(
        id=found.id, rule=found.rule, gesture=found.gesture,
        template=_template(found.rule, found.detail), customer_id=found.customer_id,
        customer_name=name, occasion_on=found.occasion_on, due_on=found.due_on,
        state=state, days_late=late, detail=found.detail,
        why=why_line(found.rule, found.gesture, found.occasion_on, found.due_on,
                     found.detail, format_date),
        snoozed_until=found.snoozed_until, note=found.note,
        completed_by=found.completed_by, completed_at=found.completed_at, joined=joined,
    )


def _state_on(stored: str, due_on: dt.date, snoozed_until: dt.date | None,
              today: dt.date) -> tuple[str, int]:
    if stored != OPEN:
        late = (today - due_on).days if stored == MISSED else 0
        return stored, max(late, 0)
    if snoozed_until is not None and snoozed_until > today:
        return SNOOZED, 0
    due = snoozed_until or due_on
    if due < today:
        return OVERDUE, (today - due_on).days
    return (DUE, 0) if due == today else (UPCOMING, 0)


def _template(rule: str, detail: str) -> str:
    """The card or letter an action prints: a life event's own card, else the rule's."""
    if rule == "life_event":
        event = detail.split()[0] if detail else "other"
        return f"life-event-{event.replace('_', '-')}"
    try:
        return rule_named(rule).template
    except KeyError:  # an action of a rule no longer registered
        return ""


def _on_time_share(session: Session, today: dt.date) -> float | None:
    """Of the gestures due in the last 90 days and done, skipped or missed by now: the share
    done by their due day."""
    since = today - dt.timedelta(days=ON_TIME_OVER_DAYS)
    rows = session.execute(
        select(Action.state, Action.due_on, Action.completed_at)
        .where(Action.due_on >= since, Action.due_on <= today,
               Action.state.in_((DONE, SKIPPED, MISSED)))
    ).all()
    counted = [row for row in rows if row.state != SKIPPED]
    if not counted:
        return None
    on_time = sum(1 for row in counted if row.state == DONE and row.completed_at is not None
                  and row.completed_at.date() <= row.due_on)
    return on_time / len(counted)
