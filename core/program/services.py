"""The program's services: evaluate, read Today, and mark actions done, skipped or snoozed."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, or_, select, update
from sqlalchemy.orm import Session

from core.kernel.changes import Changes
from core.kernel.desk import who_is_at_the_desk
from core.kernel.errors import Invalid, NotFound, Problem
from core.program.clock import shop_today
from core.program.demo import play_program_backlog
from core.program.evaluate import DONE, OPEN, SKIPPED, Evaluation, evaluate_program
from core.program.models import Action
from core.program.queries import read_customer_actions, read_open_actions, read_today
from core.program.settings import ProgramSettings
from core.program.types import (
    DUE,
    OVERDUE,
    UPCOMING,
    ActionRow,
    TodayView,
)
from core.program.why import DateFormat
from core.settings.services import get_settings
from core.store.changes import note_changes
from core.store.db import RawConnection

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
               format_date: DateFormat = dt.date.isoformat, *,
               per_section: int | None = None) -> TodayView:
    """What Today shows (core.program.queries.read_today), in this unit of work."""
    return read_today(_raw(session), today, format_date, per_section=per_section)


def customer_actions(session: Session, customer_id: int, today: dt.date,
                     format_date: DateFormat = dt.date.isoformat) -> list[ActionRow]:
    """Every action of one customer, newest occasion first (their record's history)."""
    return read_customer_actions(_raw(session), customer_id, today, format_date)


def _raw(session: Session) -> RawConnection:
    """This session's own connection, for the plain-row queries (it sees what the unit of
    work has written)."""
    session.flush()
    connection = session.connection()
    return RawConnection(connection.dialect.name, connection.connection.driver_connection)


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
    return [row for row in read_open_actions(_raw(session), gestures, last, today)
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
    gesture) are done as of `now`, by whoever is at this desk. Returns every action it
    completed."""
    ids = set(action_ids)
    closing = tuple(session.scalars(select(Action.id).where(
        or_(Action.id.in_(ids), Action.joined_to_id.in_(ids)), Action.state == OPEN)))
    if closing:
        session.execute(update(Action).where(Action.id.in_(closing))
                        .values(state=DONE, completed_at=now,
                                completed_by=who_is_at_the_desk()))
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
