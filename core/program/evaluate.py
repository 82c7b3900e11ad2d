"""Evaluating the program: every switched-on rule's occasions become actions, once each.

Nothing needs a server or a scheduled job: the app evaluates on opening, on waking, at
midnight and after changes, and `main.py today` does it from a script. Because each action
is keyed on (rule, customer, occasion) with a unique constraint, evaluating again, on any
day, on two desks at once, never creates a second one, and a done or skipped action never
comes back.

Each rule is asked about the occasions whose due day falls between where the last
evaluation left off (less the rule's window, so nothing slips between two evaluations) and
the end of the coming week:
- due days inside the rule's window (not later than `late_days` ago) become open actions;
- older ones, found only after a gap, are recorded once as missed;
- nothing is looked for before the day the rule was switched on, less its window: switching
  a rule on (or the first run) never floods the list with years of old occasions.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from core.kernel.changes import Changes
from core.program.models import Action, RuleState
from core.program.rules import CARD, LETTER, Rule, Span, all_rules
from core.program.rules.common import unresolved_complaint
from core.program.settings import ProgramSettings, due_days, late_days, rule_on
from core.settings.services import get_settings
from core.store.changes import note_changes
from core.store.job_locks import PROGRAM_EVALUATION, take_job_locks

# A catch-up never looks back further than this: the yearly occasions (birthdays) would
# otherwise fall twice into one span.
MAX_SPAN_DAYS = 364

OPEN, DONE, SKIPPED, MISSED = "open", "done", "skipped", "missed"


@dataclass(frozen=True)
class Evaluation:
    created: int  # new open actions
    missed: int  # occasions found too late, or open actions whose window passed


def evaluate_program(session: Session, today: dt.date, *,
                     customers: Iterable[int] | None = None,
                     whole_window: bool = False) -> Evaluation:
    """Bring the program's actions up to `today` (the shop's local date).

    By default only the due days that came into view since the last evaluation are looked
    at (a new day; all the days of a gap), which is cheap enough for every start and wake.
    After a change that can move occasions into days already looked at (a visit logged for
    last week, a birthday typed in), evaluate again over each rule's whole window: for the
    changed `customers`, or for everyone (`whole_window`, after an import)."""
    take_job_locks(session, PROGRAM_EVALUATION)  # another desk evaluating: after it
    settings = get_settings(session, ProgramSettings)
    only = None if customers is None else frozenset(customers)
    created = missed = 0
    touched: set[int] = set()
    for rule in all_rules():
        state = session.get(RuleState, rule.key)
        if not rule_on(settings, rule.key):
            if state is not None:  # switched off: switching on again starts afresh
                session.delete(state)
            continue
        if state is None:
            state = RuleState(rule=rule.key, enabled_on=today)
            session.add(state)
        if rule.prepare is not None:
            rule.prepare(session)
        if rule.marketing:
            _hold_during_complaints(session, rule)
        span = _span(rule, state, settings, today, only, whole_window or only is not None)
        if span is not None:
            rows = _evaluate_rule(session, rule, span, settings, today)
            created += sum(1 for row in rows if row["state"] == OPEN)
            missed += sum(1 for row in rows if row["state"] == MISSED)
            touched.update(row["customer_id"] for row in rows)
        missed += _expire(session, rule, settings, today)
        if only is None and (state.evaluated_on is None or state.evaluated_on < today):
            state.evaluated_on = today  # a scoped evaluation did not look at everyone
    _join_close_cards(session, settings, touched)
    session.flush()
    note_changes(session, Changes(actions=True))
    return Evaluation(created, missed)


def _span(rule: Rule, state: RuleState, settings: ProgramSettings, today: dt.date,
          only: frozenset[int] | None, whole_window: bool) -> Span | None:
    """The occasion days to look at (None: nothing new to look at)."""
    late = dt.timedelta(days=late_days(settings, rule.key))
    offset = dt.timedelta(days=due_days(settings, rule.key))
    last_due = today + dt.timedelta(days=settings.upcoming_days)
    # Never before the rule was switched on (less its window): no backward flood. Never more
    # than a year: a yearly occasion must not fall twice into one span.
    floor = max(state.enabled_on - late, last_due - dt.timedelta(days=MAX_SPAN_DAYS))
    if state.evaluated_on is None:
        first_due = today - late
    else:
        first_new = state.evaluated_on + dt.timedelta(days=settings.upcoming_days + 1)
        first_due = min(first_new, today - late) if whole_window else first_new
    first_due = max(first_due, floor)
    if first_due > last_due:
        return None
    return Span(first_due - offset, last_due - offset, only, rule.marketing)


def _evaluate_rule(session: Session, rule: Rule, span: Span, settings: ProgramSettings,
                   today: dt.date) -> list[dict[str, Any]]:
    """The rule's occasions in `span` that were not recorded yet, now recorded (open, or
    missed when found after their window)."""
    offset = dt.timedelta(days=due_days(settings, rule.key))
    oldest_open = today - dt.timedelta(days=late_days(settings, rule.key))
    now = dt.datetime.now()
    rows = []
    for occasion in rule.occasions(session, span, settings):
        due_on = occasion.occasion_on + offset
        rows.append({
            "rule": rule.key, "customer_id": occasion.customer_id,
            "occasion_on": occasion.occasion_on, "due_on": due_on, "gesture": rule.gesture,
            "detail": occasion.detail, "state": MISSED if due_on < oldest_open else OPEN,
            "note": "", "completed_by": "", "created_at": now,
        })
    return _insert_new(session, rule, span, rows)


def _insert_new(session: Session, rule: Rule, span: Span,
                rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Insert the actions not already recorded; returns them. Another desk may insert the
    same ones at the same moment: the unique key lets only one through (ON CONFLICT DO
    NOTHING), and that desk's count is one too high."""
    if not rows:
        return []
    recorded = {(customer_id, on) for customer_id, on in session.execute(
        select(Action.customer_id, Action.occasion_on)
        .where(Action.rule == rule.key, Action.occasion_on.between(span.first, span.last)))}
    new = list({(row["customer_id"], row["occasion_on"]): row for row in rows
                if (row["customer_id"], row["occasion_on"]) not in recorded}.values())
    if new:
        table: Any = Action.__table__
        postgres = session.get_bind().dialect.name == "postgresql"
        insert = postgresql.insert if postgres else sqlite.insert
        session.execute(insert(table).on_conflict_do_nothing(), new)
    return new


def _expire(session: Session, rule: Rule, settings: ProgramSettings, today: dt.date) -> int:
    """Open actions whose window passed while nobody did them become missed."""
    oldest_open = today - dt.timedelta(days=late_days(settings, rule.key))
    result = session.execute(
        update(Action)
        # due_on first, so the (state, due_on) index finds the few candidates.
        .where(Action.state == OPEN, Action.due_on < oldest_open, Action.rule == rule.key,
               func.coalesce(Action.snoozed_until, Action.due_on) < oldest_open)
        .values(state=MISSED)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _join_close_cards(session: Session, settings: ProgramSettings,
                      customers: set[int]) -> None:
    """At most one card or letter per customer in `cards_at_most_every_days`: open cards
    of these customers that fall closer together than that are made as one gesture, led
    by the earliest."""
    if not customers:
        return
    cap = dt.timedelta(days=settings.cards_at_most_every_days)
    rows: list[Any] = []
    ids = sorted(customers)
    standalone = [rule.key for rule in all_rules() if rule.standalone]
    for start in range(0, len(ids), 500):
        rows.extend(session.execute(
            select(Action.id, Action.customer_id, Action.due_on, Action.joined_to_id)
            .where(Action.state == OPEN, Action.gesture.in_((CARD, LETTER)),
                   Action.rule.not_in(standalone),
                   Action.customer_id.in_(ids[start:start + 500]))
            .order_by(Action.customer_id, Action.due_on, Action.id)
        ).all())
    leader: tuple[int, int, dt.date] | None = None  # (customer, action id, due)
    for action_id, customer_id, due_on, joined_to in rows:
        if leader is not None and leader[0] == customer_id and due_on - leader[2] < cap:
            if joined_to != leader[1]:
                session.execute(update(Action).where(Action.id == action_id)
                                .values(joined_to_id=leader[1]))
        else:
            leader = (customer_id, action_id, due_on)
            if joined_to is not None:
                session.execute(update(Action).where(Action.id == action_id)
                                .values(joined_to_id=None))


def _hold_during_complaints(session: Session, rule: Rule) -> None:
    """A marketing gesture queued before a complaint was opened waits for its resolution:
    its open action is withdrawn (and `willing` finds it again once the complaint is
    resolved, while it is still in its window)."""
    session.execute(delete(Action).where(
        Action.rule == rule.key, Action.state == OPEN,
        unresolved_complaint(Action.customer_id)))


def withdraw_open(session: Session, rule: str, customer_ids: list[int]) -> int:
    """Remove open actions of `rule` for these customers (an occasion that no longer holds:
    a lapsed customer came back). Done, skipped and missed ones stay in the history."""
    if not customer_ids:
        return 0
    result = session.execute(delete(Action).where(
        Action.rule == rule, Action.state == OPEN, Action.customer_id.in_(customer_ids)))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


