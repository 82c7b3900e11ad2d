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
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from core.kernel.changes import Changes
from core.program.models import Action, RuleState
from core.program.rules import CALL, Rule, Span, all_rules
from core.program.settings import ProgramSettings, due_days, late_days, rule_on
from core.settings.services import get_settings
from core.store.changes import note_changes

# A catch-up never looks back further than this: the yearly occasions (birthdays) would
# otherwise fall twice into one span.
MAX_SPAN_DAYS = 364

OPEN, DONE, SKIPPED, MISSED = "open", "done", "skipped", "missed"


@dataclass(frozen=True)
class Evaluation:
    created: int  # new open actions
    missed: int  # occasions found too late, or open actions whose window passed


def evaluate_program(session: Session, today: dt.date) -> Evaluation:
    """Bring the program's actions up to `today` (the shop's local date)."""
    settings = get_settings(session, ProgramSettings)
    created = missed = 0
    for rule in all_rules():
        state = session.get(RuleState, rule.key)
        if not rule_on(settings, rule.key):
            if state is not None:  # switched off: switching on again starts afresh
                session.delete(state)
            continue
        if state is None:
            state = RuleState(rule=rule.key, enabled_on=today)
            session.add(state)
        if rule.withdraw is not None:
            rule.withdraw(session)
        new_open, new_missed = _evaluate_rule(session, rule, state, settings, today)
        created += new_open
        missed += new_missed + _expire(session, rule, settings, today)
        if state.evaluated_on is None or state.evaluated_on < today:
            state.evaluated_on = today
    _join_close_cards(session, settings, today)
    session.flush()
    note_changes(session, Changes(actions=True))
    return Evaluation(created, missed)


def _evaluate_rule(session: Session, rule: Rule, state: RuleState, settings: ProgramSettings,
                   today: dt.date) -> tuple[int, int]:
    late = dt.timedelta(days=late_days(settings, rule.key))
    offset = dt.timedelta(days=due_days(settings, rule.key))
    last_due = today + dt.timedelta(days=settings.upcoming_days)
    first_due = max(state.enabled_on - late, (state.evaluated_on or today) - late,
                    last_due - dt.timedelta(days=MAX_SPAN_DAYS))
    span = Span(first_due - offset, last_due - offset)
    oldest_open = today - late
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
    inserted = _insert_new(session, rows)
    return (sum(1 for row in inserted if row == OPEN),
            sum(1 for row in inserted if row == MISSED))


def _insert_new(session: Session, rows: list[dict[str, Any]]) -> list[str]:
    """Insert the actions not already recorded; the states of those inserted. Another desk
    may insert the same ones at the same moment: the unique key lets only one through."""
    if not rows:
        return []
    table: Any = Action.__table__
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    states: list[str] = []
    for start in range(0, len(rows), 500):
        chunk = rows[start:start + 500]
        statement = insert(table).values(chunk).on_conflict_do_nothing().returning(table.c.state)
        states.extend(session.scalars(statement))
    return states


def _expire(session: Session, rule: Rule, settings: ProgramSettings, today: dt.date) -> int:
    """Open actions whose window passed while nobody did them become missed."""
    oldest_open = today - dt.timedelta(days=late_days(settings, rule.key))
    result = session.execute(
        update(Action)
        .where(Action.rule == rule.key, Action.state == OPEN,
               func.coalesce(Action.snoozed_until, Action.due_on) < oldest_open)
        .values(state=MISSED)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _join_close_cards(session: Session, settings: ProgramSettings, today: dt.date) -> None:
    """At most one card or letter per customer in `cards_at_most_every_days`: open cards
    that fall closer together than that are made as one gesture, led by the earliest."""
    cap = dt.timedelta(days=settings.cards_at_most_every_days)
    rows = session.execute(
        select(Action.id, Action.customer_id, Action.due_on, Action.joined_to_id)
        .where(Action.state == OPEN, Action.gesture != CALL,
               Action.customer_id.in_(
                   select(Action.customer_id)
                   .where(Action.state == OPEN, Action.gesture != CALL)
                   .group_by(Action.customer_id).having(func.count() > 1)))
        .order_by(Action.customer_id, Action.due_on, Action.id)
    ).all()
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


def withdraw_open(session: Session, rule: str, customer_ids: list[int]) -> int:
    """Remove open actions of `rule` for these customers (an occasion that no longer holds:
    a lapsed customer came back). Done, skipped and missed ones stay in the history."""
    if not customer_ids:
        return 0
    result = session.execute(delete(Action).where(
        Action.rule == rule, Action.state == OPEN, Action.customer_id.in_(customer_ids)))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


