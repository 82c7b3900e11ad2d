"""Bulk jobs of one kind run one at a time on a server: the second desk's job waits.

Two imports running at once on two desks would each match against the customers as they
were before the other began, and both create the same new people. So every bulk job takes
a PostgreSQL advisory lock for its kind first thing in its transaction; the lock ends with
the transaction, whether it commits or rolls back (a killed desk's too). A job that finds
its kind running elsewhere waits, telling whoever runs it whom it waits for
(core.kernel.jobs.waits_shown), and can be cancelled while it waits. After the wait it
reads what the other job committed, so matching sees the other import's customers.

SQLite needs none of this: a writer holds the whole file (BEGIN IMMEDIATE) until it commits.
The unique keys (a customer's external id per source, an action per rule, customer and
occasion, a till sale per source) still refuse a duplicate if anything got past.

A job takes its locks before it writes anything: the wait polls (so that Cancel answers),
and the server cannot see a deadlock between a row this transaction holds and a lock
it polls for.
"""
from __future__ import annotations

import logging
import time

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from core.kernel.jobs import (
    CancelCheck,
    Cancelled,
    WaitingFor,
    never_cancelled,
    show_waiting,
    waiting_cancelled,
)
from core.store.desk import application_name, desk_of

log = logging.getLogger(__name__)

IMPORT_CUSTOMERS = "import_customers"
IMPORT_VISITS = "import_visits"
PROGRAM_EVALUATION = "program_evaluation"
MARK_SENT = "mark_sent"
# The order locks are taken in when one job needs several: always this one, so that two
# jobs never each hold one the other wants.
JOB_KINDS = (IMPORT_CUSTOMERS, IMPORT_VISITS, PROGRAM_EVALUATION, MARK_SENT)
# Advisory locks are two int4 keys: this app's, then the kind's.
LOCK_SPACE = 0x52475253  # "RGRS"
POLL_SECONDS = 0.2

_NAME_DESK = text("SELECT set_config('application_name', :name, true)")
_TRY = text("SELECT pg_try_advisory_xact_lock(:space, :kind)")
_HOLDER = text(
    "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
    "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = :space "
    "AND l.objid = :kind AND l.objsubid = 2 AND l.pid <> pg_backend_pid()")


def _key(kind: str) -> int:
    return JOB_KINDS.index(kind) + 1


def take_job_locks(session: Session, *kinds: str,
                   is_cancelled: CancelCheck = never_cancelled) -> None:
    """Hold the locks of these kinds of job until the session's transaction ends, waiting
    for another desk's job of the same kind to finish. Raises Cancelled when
    `is_cancelled()` (or the waits_shown check) turns true while waiting; a no-op on SQLite.
    """
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return
    # The desk's name as it is now (it may have been named since the connection was made).
    connection.execute(_NAME_DESK, {"name": application_name()})
    for kind in sorted(set(kinds), key=JOB_KINDS.index):
        _take(connection, kind, is_cancelled)


def _take(connection: Connection, kind: str, is_cancelled: CancelCheck) -> None:
    params = {"space": LOCK_SPACE, "kind": _key(kind)}
    if connection.execute(_TRY, params).scalar():
        return
    shown: WaitingFor | None = None
    try:
        while True:
            # Read again each turn: the job waited for may end and another take its place.
            holder = connection.execute(_HOLDER, params).scalar()
            waiting = WaitingFor(kind, desk_of(holder))
            if waiting != shown:
                log.info("waiting for %s at %s", kind, waiting.desk or "another desk")
                show_waiting(waiting)
                shown = waiting
            if is_cancelled() or waiting_cancelled():
                raise Cancelled()
            time.sleep(POLL_SECONDS)
            if connection.execute(_TRY, params).scalar():
                log.info("%s: the other desk's job has finished", kind)
                return
    finally:
        if shown is not None:
            show_waiting(None)
