"""The program's services: evaluate, read Today, and mark actions done, skipped or snoozed."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from core.customers.tables import CUSTOMERS
from core.customers.types import display_name
from core.kernel.errors import Invalid, NotFound, Problem
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

__all__ = ["Evaluation", "complete_action", "complete_call", "customer_actions",
           "evaluate_program",
           "skip_action", "snooze_action", "today_view"]

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


def _close(session: Session, action_id: int, state: str, note: str, by: str,
           now: dt.datetime | None) -> None:
    action = _open_action(session, action_id)
    session.execute(
        update(Action)
        .where(or_(Action.id == action.id, Action.joined_to_id == action.id),
               Action.state == OPEN)
        .values(state=state, note=note.strip(), completed_by=by.strip(),
                completed_at=now or dt.datetime.now())
    )
    session.expire_all()
    session.flush()


def _open_action(session: Session, action_id: int) -> Action:
    action = session.get(Action, action_id)
    if action is None:
        raise NotFound("action", action_id)
    if action.state != OPEN:
        raise Invalid([Problem("state", NOT_OPEN, action.state)])
    return action


def _rows(session: Session, condition: object, today: dt.date,
          format_date: DateFormat) -> list[ActionRow]:
    c = CUSTOMERS.c
    query = (
        select(Action, c.first_name, c.last_name, c.organisation, c.email)
        .join(CUSTOMERS, c.id == Action.customer_id)
        .where(condition, c.deleted_at.is_(None))  # type: ignore[arg-type]
        .order_by(Action.due_on, Action.id)
    )
    found = session.execute(query).all()
    joined: dict[int, list[JoinedOccasion]] = {}
    for action, *_name in found:
        if action.joined_to_id is not None and action.state == OPEN:
            joined.setdefault(action.joined_to_id, []).append(
                JoinedOccasion(action.id, action.rule, action.occasion_on, action.detail))
    listed = {action.id for action, *_name in found}
    rows = []
    for action, first, last, organisation, email in found:
        if action.joined_to_id in listed and action.state == OPEN:
            continue  # shown inside the action it is made with
        rows.append(_row(action, display_name(first, last, organisation) or email, today,
                         format_date, tuple(joined.get(action.id, ()))))
    return rows


def _row(action: Action, name: str, today: dt.date, format_date: DateFormat,
         joined: tuple[JoinedOccasion, ...]) -> ActionRow:
    state, late = _state_on(action, today)
    return ActionRow(
        id=action.id, rule=action.rule, gesture=action.gesture,
        template=_template(action.rule, action.detail), customer_id=action.customer_id,
        customer_name=name, occasion_on=action.occasion_on, due_on=action.due_on,
        state=state, days_late=late, detail=action.detail,
        why=why_line(action.rule, action.gesture, action.occasion_on, action.due_on,
                     action.detail, format_date),
        snoozed_until=action.snoozed_until, note=action.note,
        completed_by=action.completed_by, completed_at=action.completed_at, joined=joined,
    )


def _state_on(action: Action, today: dt.date) -> tuple[str, int]:
    if action.state != OPEN:
        late = (today - action.due_on).days if action.state == MISSED else 0
        return action.state, max(late, 0)
    if action.snoozed_until is not None and action.snoozed_until > today:
        return SNOOZED, 0
    due = action.snoozed_until or action.due_on
    if due < today:
        return OVERDUE, (today - action.due_on).days
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
