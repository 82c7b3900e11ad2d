"""Complaint and promise services: open a complaint, move it through its statuses (each
move kept with its time), resolve or close it; record a promise and when it was kept.

Every write is an ORM write, so the unit of work reports `Changes(listening=True)` with
the customer's id; the program re-evaluates that customer (a resolved complaint queues its
follow-up call, and lets the marketing gestures held back meanwhile through again).
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.complaints.errors import (
    BEFORE_MADE,
    BEFORE_OPENED,
    MAX_TEXT,
    REQUIRED,
    TOO_LONG,
    UNKNOWN_SEVERITY,
    UNKNOWN_STATUS,
    ComplaintEnded,
    PromiseKept,
)
from core.complaints.models import Complaint, ComplaintStatusChange, Promise
from core.complaints.queries import get_complaint
from core.complaints.types import (
    CLOSED,
    ENDED,
    IN_PROGRESS,
    OPEN,
    RESOLVED,
    SEVERITIES,
    STATUSES,
    WAITING,
    ComplaintDraft,
    ComplaintRow,
    ComplaintSettings,
    ComplaintValues,
)
from core.customers.tables import CUSTOMERS
from core.kernel.edits import checked_edit
from core.kernel.errors import Invalid, NotFound, Problem
from core.settings.services import get_settings

__all__ = ["FOLLOW_UP_QUESTION", "add_demo_listening", "add_promise", "close_complaint",
           "complaint_due_on", "keep_promise", "move_complaint", "open_complaint",
           "record_follow_up_call", "resolve_complaint", "save_complaint"]

# The question the "are they happy now?" call asks, kept with the answer as a CSAT score.
FOLLOW_UP_QUESTION = "How satisfied are you now with how we put it right?"


def complaint_due_on(session: Session, severity: str, opened_on: dt.date) -> dt.date:
    """The day a complaint of this severity is due: the severity's days in Settings."""
    settings = get_settings(session, ComplaintSettings)
    return opened_on + dt.timedelta(days=settings.due_days(severity))


def open_complaint(session: Session, draft: ComplaintDraft) -> int:
    """Record a complaint, open, due by its severity's days; returns its id. Raises
    NotFound("customer", id) for a missing or trashed customer, Invalid naming `summary`
    or `severity`; then nothing is written."""
    _live_customer(session, draft.customer_id)
    problems = _text_problems("summary", draft.summary)
    if draft.severity not in SEVERITIES:
        problems.append(Problem("severity", UNKNOWN_SEVERITY, draft.severity))
    if problems:
        raise Invalid(problems)
    opened_at = (draft.opened_at or dt.datetime.now()).replace(microsecond=0)
    complaint = Complaint(
        customer_id=draft.customer_id, opened_at=opened_at, summary=draft.summary.strip(),
        severity=draft.severity, owner=draft.owner.strip(), status=OPEN,
        due_on=complaint_due_on(session, draft.severity, opened_at.date()), resolution="")
    session.add(complaint)
    session.flush()
    session.add(ComplaintStatusChange(complaint_id=complaint.id, status=OPEN,
                                      changed_at=opened_at, changed_by=draft.owner.strip()))
    session.flush()
    return complaint.id


def save_complaint(session: Session, complaint_id: int, values: ComplaintValues, *,
                   base: ComplaintValues | None = None, base_version: int | None = None,
                   at: dt.datetime | None = None, by: str = "") -> ComplaintRow:
    """Store a complaint's values as a person changed them; returns it as saved. A new
    status is kept in its history at `at` (now), by `by`; a new severity sets its due day
    again. With `base` and `base_version` (the complaint as the person saw it), another
    desk's change meanwhile is merged in field by field, or raises EditConflict when it
    changed a field this change changes too, differently (moved it on, resolved it): then
    nothing is written, and the person chooses (keeping their status may reopen what the
    other desk ended). Without a base an ended complaint's status and resolution cannot
    change (ComplaintEnded). Raises NotFound, or Invalid naming `summary`, `severity`, `status`,
    `resolution` or `at`."""
    complaint = session.get(Complaint, complaint_id)
    if complaint is None:
        raise NotFound("complaint", complaint_id)
    values = _cleaned(values)
    if base is not None:
        values = checked_edit("complaint", complaint_id, base=_cleaned(base),
                              base_version=base_version, mine=values,
                              theirs=_values(complaint), version=complaint.version)
    elif complaint.status in ENDED and (values.status, values.resolution, values.satisfied) != (
            complaint.status, complaint.resolution or "", complaint.satisfied):
        raise ComplaintEnded(complaint_id, complaint.status)  # resolved is resolved
    problems = _text_problems("summary", values.summary)
    if values.severity not in SEVERITIES:
        problems.append(Problem("severity", UNKNOWN_SEVERITY, values.severity))
    if values.status not in STATUSES:
        problems.append(Problem("status", UNKNOWN_STATUS, values.status))
    if values.status == RESOLVED:
        problems += _text_problems("resolution", values.resolution)
    elif len(values.resolution) > MAX_TEXT:
        problems.append(Problem("resolution", TOO_LONG, str(MAX_TEXT)))
    if problems:
        raise Invalid(problems)
    if values.status != complaint.status:
        _move(session, complaint, values.status, at, by)
    if values.severity != complaint.severity:
        complaint.due_on = complaint_due_on(session, values.severity, complaint.opened_at.date())
    complaint.summary, complaint.severity, complaint.owner = (
        values.summary, values.severity, values.owner)
    complaint.resolution, complaint.satisfied = values.resolution, values.satisfied
    session.flush()
    return get_complaint(session, complaint_id)


def move_complaint(session: Session, complaint_id: int, status: str, *,
                   at: dt.datetime | None = None, by: str = "",
                   base: ComplaintValues | None = None,
                   base_version: int | None = None) -> ComplaintRow:
    """Move an unresolved complaint to open, in progress or waiting on the customer, at
    `at` (now); `base` and `base_version` as `save_complaint`. Raises NotFound,
    ComplaintEnded, EditConflict, or Invalid naming `status` or `at`."""
    if status not in (OPEN, IN_PROGRESS, WAITING):
        raise Invalid([Problem("status", UNKNOWN_STATUS, status)])
    seen = _seen(session, complaint_id, base)
    return save_complaint(session, complaint_id, dataclasses.replace(seen, status=status),
                          base=base, base_version=base_version, at=at, by=by)


def resolve_complaint(session: Session, complaint_id: int, *, resolution: str,
                      satisfied: bool | None = None, at: dt.datetime | None = None,
                      by: str = "", base: ComplaintValues | None = None,
                      base_version: int | None = None) -> ComplaintRow:
    """Resolve a complaint: what was done, and whether the customer said they were
    satisfied (None: not asked). The program queues a follow-up call a week later.
    `base` and `base_version` as `save_complaint`. Raises NotFound, ComplaintEnded,
    EditConflict, or Invalid naming `resolution` or `at`."""
    problems = _text_problems("resolution", resolution)
    if problems:
        raise Invalid(problems)
    seen = _seen(session, complaint_id, base)
    return save_complaint(session, complaint_id, dataclasses.replace(
        seen, status=RESOLVED, resolution=resolution, satisfied=satisfied),
        base=base, base_version=base_version, at=at, by=by)


def close_complaint(session: Session, complaint_id: int, *, reason: str = "",
                    at: dt.datetime | None = None, by: str = "",
                    base: ComplaintValues | None = None,
                    base_version: int | None = None) -> ComplaintRow:
    """Close a complaint without resolution (the customer went quiet, it was not ours to
    put right); `reason` is kept as its resolution. `base` and `base_version` as
    `save_complaint`. Raises NotFound, ComplaintEnded, EditConflict, or Invalid naming
    `resolution` or `at`."""
    if len(reason) > MAX_TEXT:
        raise Invalid([Problem("resolution", TOO_LONG, str(MAX_TEXT))])
    seen = _seen(session, complaint_id, base)
    return save_complaint(session, complaint_id, dataclasses.replace(
        seen, status=CLOSED, resolution=reason), base=base, base_version=base_version,
        at=at, by=by)


def add_promise(session: Session, *, customer_id: int, what: str, due_on: dt.date,
                made_on: dt.date | None = None, owner: str = "") -> int:
    """Record a promise made to a customer, due on a day; returns its id. Raises NotFound
    ("customer", id), or Invalid naming `what` or `due_on` (before the day it was made)."""
    _live_customer(session, customer_id)
    made_on = made_on or dt.date.today()
    problems = _text_problems("what", what)
    if due_on < made_on:
        problems.append(Problem("due_on", BEFORE_MADE, made_on.isoformat()))
    if problems:
        raise Invalid(problems)
    promise = Promise(customer_id=customer_id, what=what.strip(), made_on=made_on,
                      due_on=due_on, owner=owner.strip())
    session.add(promise)
    session.flush()
    return promise.id


def keep_promise(session: Session, promise_id: int, *, kept_on: dt.date | None = None) -> None:
    """Record that a promise was kept on `kept_on` (today): early, on time or late follows
    from its day. Raises NotFound("promise", id), PromiseKept, or Invalid naming `kept_on`
    (before the promise was made). Kept at two desks, it is kept once, on the first one's
    day: the second gets PromiseKept with that day (or, when both read it as not kept at
    the same moment, the version check refuses the second write: SavedMeanwhile, and done
    again it is PromiseKept). Nothing is kept twice or overwritten, and there is nothing
    to choose."""
    promise = session.get(Promise, promise_id)
    if promise is None:
        raise NotFound("promise", promise_id)
    if promise.kept_on is not None:
        raise PromiseKept(promise_id, promise.kept_on.isoformat())
    kept_on = kept_on or dt.date.today()
    if kept_on < promise.made_on:
        raise Invalid([Problem("kept_on", BEFORE_MADE, promise.made_on.isoformat())])
    promise.kept_on = kept_on


def _values(complaint: Complaint) -> ComplaintValues:
    return ComplaintValues(complaint.summary, complaint.severity, complaint.owner or "",
                           complaint.status, complaint.resolution or "", complaint.satisfied)


def _seen(session: Session, complaint_id: int,
          base: ComplaintValues | None) -> ComplaintValues:
    """The values a change starts from: as the person saw them, else as stored."""
    if base is not None:
        return base
    complaint = session.get(Complaint, complaint_id)
    if complaint is None:
        raise NotFound("complaint", complaint_id)
    return _values(complaint)


def _cleaned(values: ComplaintValues) -> ComplaintValues:
    return dataclasses.replace(values, summary=values.summary.strip(),
                               owner=values.owner.strip()[:200],
                               resolution=values.resolution.strip())


def _move(session: Session, complaint: Complaint, status: str, at: dt.datetime | None,
          by: str) -> None:
    latest = session.scalar(select(ComplaintStatusChange.changed_at)
                            .where(ComplaintStatusChange.complaint_id == complaint.id)
                            .order_by(ComplaintStatusChange.changed_at.desc()).limit(1))
    if at is None:  # now; or just after the last move, when its desk's clock runs ahead
        at = max(dt.datetime.now(), latest or complaint.opened_at)
    at = at.replace(microsecond=0)
    if at < complaint.opened_at or (latest is not None and at < latest):
        raise Invalid([Problem("at", BEFORE_OPENED, (latest or complaint.opened_at).isoformat())])
    complaint.status = status
    complaint.ended_at = at if status in ENDED else None
    session.add(ComplaintStatusChange(complaint_id=complaint.id, status=status, changed_at=at,
                                      changed_by=by.strip()))


def _live_customer(session: Session, customer_id: int) -> None:
    found = session.scalar(select(CUSTOMERS.c.id).where(
        CUSTOMERS.c.id == customer_id, CUSTOMERS.c.deleted_at.is_(None)))
    if found is None:
        raise NotFound("customer", customer_id)


def _text_problems(field: str, text: str) -> list[Problem]:
    if not text.strip():
        return [Problem(field, REQUIRED)]
    if len(text) > MAX_TEXT:
        return [Problem(field, TOO_LONG, str(MAX_TEXT))]
    return []


def add_demo_listening(session: Session, today: dt.date, rng: object) -> None:
    """`main.py demo`'s complaints, promises and meeting notes (core.complaints.demo)."""
    import random

    from core.complaints.demo import add_demo_listening as add

    assert isinstance(rng, random.Random)
    add(session, today, rng)


def record_follow_up_call(session: Session, action_id: int, customer_id: int, outcome: str,
                          today: dt.date, *, satisfaction: int | None = None,
                          by: str = "") -> int:
    """The call a week after a complaint was resolved: done, and what was said kept on the
    customer's history like any call; with `satisfaction` (1–5), their answer is recorded
    as a CSAT score given by phone too. Returns the call's id. Raises what `complete_call`
    and `record_score` raise (then nothing is written)."""
    from core.program.services import complete_call
    from core.scores.services import record_score
    from core.scores.types import CSAT, PHONE, ScoreDraft

    call = complete_call(session, action_id, outcome, today, by=by)
    if satisfaction is not None:
        record_score(session, customer_id, ScoreDraft(CSAT, satisfaction, today, PHONE,
                                                      outcome.strip(), FOLLOW_UP_QUESTION),
                     today=today)
    return call
