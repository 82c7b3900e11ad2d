"""Two desks work on the same complaint or promise at once (the other desk is a real second
process). A move made from what a desk saw is not applied over another desk's move: the
status it would overwrite is shown with this desk's, and nothing is written until the person
chooses. Changes to different values merge. A promise kept at two desks stays kept once,
on the first desk's day."""
from __future__ import annotations

import datetime as dt

import pytest

from core.complaints.errors import PromiseKept
from core.complaints.models import Promise
from core.complaints.queries import get_complaint, get_promise
from core.complaints.services import (
    add_promise,
    close_complaint,
    keep_promise,
    move_complaint,
    open_complaint,
    resolve_complaint,
    save_complaint,
)
from core.complaints.types import (
    CLOSED,
    HIGH,
    IN_PROGRESS,
    OPEN,
    RESOLVED,
    WAITING,
    ComplaintDraft,
    ComplaintRow,
)
from core.desks.services import customer_changes
from core.kernel.edits import EditConflict
from core.store.db import Database

from tests.core.customers.other_desk import run_code_at_another_desk
from tests.core.program.shop import add_customer

D = dt.date
T = dt.datetime


@pytest.fixture
def seen(db: Database) -> ComplaintRow:
    """Ana's complaint as this desk shows it: open, owned by Sam."""
    ana = add_customer(db, "Ana", today=D(2026, 11, 2))
    with db.unit_of_work() as session:
        complaint = open_complaint(session, ComplaintDraft(
            ana, "The birthday cake was dry", owner="Sam", opened_at=T(2026, 11, 2, 9)))
    with db.unit_of_work() as session:
        return get_complaint(session, complaint)


def _at_the_other_desk(db: Database, complaint_id: int, change: str) -> None:
    """That desk opens the complaint and makes `change` (code, with `row` as it saw it)."""
    run_code_at_another_desk(db, f"""
        import dataclasses, datetime as dt
        from core.complaints.queries import get_complaint
        from core.complaints.services import (close_complaint, move_complaint,
                                              resolve_complaint, save_complaint)
        with db.unit_of_work() as session:
            row = get_complaint(session, {complaint_id})
            seen = dict(base=row.values(), base_version=row.version)
            {change}
    """)


def test_a_move_here_and_a_new_owner_there_are_both_kept(
        db: Database, seen: ComplaintRow) -> None:
    _at_the_other_desk(db, seen.id, "save_complaint(session, row.id, dataclasses.replace("
                       "row.values(), owner='Jo', severity='high'), **seen)")
    with db.unit_of_work() as session:
        saved = move_complaint(session, seen.id, IN_PROGRESS, by="Sam", base=seen.values(),
                               base_version=seen.version)
    assert (saved.status, saved.owner, saved.severity) == (IN_PROGRESS, "Jo", HIGH)
    assert saved.due_on == D(2026, 11, 3)  # high: a day, from the other desk's change
    assert [change.status for change in saved.history] == [OPEN, IN_PROGRESS]
    assert saved.version == seen.version + 2

    with db.unit_of_work() as session:  # both saves are on the customer's Changes
        changes = customer_changes(session, seen.customer_id)
    assert [(c.kind, c.record_id, c.fields) for c in changes[:2]] == [
        ("complaints", seen.id, ("status",)), ("complaints", seen.id, ("severity", "owner",
                                                                       "due_on"))]


def test_a_move_over_a_resolution_at_the_other_desk_is_refused_with_both_statuses(
        db: Database, seen: ComplaintRow) -> None:
    _at_the_other_desk(db, seen.id, "resolve_complaint(session, row.id, resolution='Baked "
                       "another', satisfied=True, **seen)")
    with pytest.raises(EditConflict) as raised, db.unit_of_work() as session:
        move_complaint(session, seen.id, WAITING, by="Sam", base=seen.values(),
                       base_version=seen.version)
    conflict = raised.value
    assert conflict.clashing == ("status",)
    assert (conflict.theirs.status, conflict.mine.status) == (RESOLVED, WAITING)
    assert set(conflict.their_fields) == {"status", "resolution", "satisfied"}
    with db.unit_of_work() as session:  # nothing of this desk's move was written
        stored = get_complaint(session, seen.id)
    assert stored.status == RESOLVED and [c.status for c in stored.history] == [OPEN, RESOLVED]

    # Keeping theirs writes nothing more; the resolution stands.
    with db.unit_of_work() as session:
        kept = save_complaint(session, seen.id, conflict.resolved({"status": "theirs"}),
                              base=conflict.theirs, base_version=conflict.version)
    assert (kept.status, kept.resolution, kept.version) == (
        RESOLVED, "Baked another", stored.version)


def test_keeping_this_desks_move_over_their_resolution_reopens_the_complaint(
        db: Database, seen: ComplaintRow) -> None:
    _at_the_other_desk(db, seen.id, "resolve_complaint(session, row.id, resolution='Baked "
                       "another', **seen)")
    with pytest.raises(EditConflict) as raised, db.unit_of_work() as session:
        move_complaint(session, seen.id, IN_PROGRESS, base=seen.values(),
                       base_version=seen.version)
    with db.unit_of_work() as session:
        saved = save_complaint(session, seen.id, raised.value.resolved({"status": "mine"}),
                               base=raised.value.theirs, base_version=raised.value.version)
    assert saved.status == IN_PROGRESS and saved.unresolved and saved.ended_at is None
    assert [c.status for c in saved.history] == [OPEN, RESOLVED, IN_PROGRESS]


def test_resolved_at_two_desks_in_different_words_asks_which_words_and_keeps_one_history(
        db: Database, seen: ComplaintRow) -> None:
    _at_the_other_desk(db, seen.id, "resolve_complaint(session, row.id, resolution='Refunded', "
                       "**seen)")
    with pytest.raises(EditConflict) as raised, db.unit_of_work() as session:
        resolve_complaint(session, seen.id, resolution="Baked another", satisfied=True,
                          base=seen.values(), base_version=seen.version)
    assert raised.value.clashing == ("resolution",)  # the status and "satisfied" merge
    with db.unit_of_work() as session:
        saved = save_complaint(session, seen.id, raised.value.resolved({"resolution": "mine"}),
                               base=raised.value.theirs, base_version=raised.value.version)
    assert (saved.status, saved.resolution, saved.satisfied) == (
        RESOLVED, "Baked another", True)
    assert [c.status for c in saved.history] == [OPEN, RESOLVED]  # resolved once


def test_closed_here_after_it_moved_on_there_is_refused_and_stays_in_progress(
        db: Database, seen: ComplaintRow) -> None:
    _at_the_other_desk(db, seen.id, "move_complaint(session, row.id, 'in_progress', **seen)")
    with pytest.raises(EditConflict) as raised, db.unit_of_work() as session:
        close_complaint(session, seen.id, reason="They did not answer",
                        base=seen.values(), base_version=seen.version)
    assert raised.value.clashing == ("status",)
    assert raised.value.mine.resolution == "They did not answer"  # kept for the choice
    with db.unit_of_work() as session:
        stored = get_complaint(session, seen.id)
    assert (stored.status, stored.resolution) == (IN_PROGRESS, "")
    assert CLOSED not in [c.status for c in stored.history]


def test_the_same_move_at_two_desks_is_recorded_once(db: Database, seen: ComplaintRow) -> None:
    _at_the_other_desk(db, seen.id, "move_complaint(session, row.id, 'in_progress', **seen)")
    with db.unit_of_work() as session:
        saved = move_complaint(session, seen.id, IN_PROGRESS, base=seen.values(),
                               base_version=seen.version)
    assert [c.status for c in saved.history] == [OPEN, IN_PROGRESS]


def _promise(db: Database) -> int:
    ana = add_customer(db, "Ana", today=D(2026, 11, 2))
    with db.unit_of_work() as session:
        return add_promise(session, customer_id=ana, what="Frame ready", due_on=D(2026, 11, 6),
                           made_on=D(2026, 11, 2))


def test_a_promise_kept_at_the_other_desk_first_stays_kept_on_their_day(db: Database) -> None:
    promise = _promise(db)
    run_code_at_another_desk(db, f"""
        import datetime as dt
        from core.complaints.services import keep_promise
        with db.unit_of_work() as session:
            keep_promise(session, {promise}, kept_on=dt.date(2026, 11, 5))
    """)
    with pytest.raises(PromiseKept) as kept, db.unit_of_work() as session:
        keep_promise(session, promise, kept_on=D(2026, 11, 6))
    assert kept.value.kept_on == "2026-11-05"
    with db.unit_of_work() as session:
        assert get_promise(session, promise).kept_on == D(2026, 11, 5)  # not overwritten


def test_a_promise_kept_at_two_desks_in_the_same_moment_is_kept_once(pg_db: Database) -> None:
    """On a server, two desks can read the promise as not kept at the same time; the
    second write finds the version moved and writes nothing."""
    from sqlalchemy.orm.exc import StaleDataError

    promise = _promise(pg_db)
    with pytest.raises(StaleDataError), pg_db.unit_of_work() as session:
        read_here = session.get(Promise, promise)
        assert read_here is not None and read_here.kept_on is None
        run_code_at_another_desk(pg_db, f"""
            import datetime as dt
            from core.complaints.services import keep_promise
            with db.unit_of_work() as session:
                keep_promise(session, {promise}, kept_on=dt.date(2026, 11, 5))
        """)
        keep_promise(session, promise, kept_on=D(2026, 11, 6))
        session.flush()
    with pytest.raises(PromiseKept), pg_db.unit_of_work() as session:  # saved again
        keep_promise(session, promise, kept_on=D(2026, 11, 6))
    with pg_db.unit_of_work() as session:
        assert get_promise(session, promise).kept_on == D(2026, 11, 5)


def test_a_move_after_one_from_a_desk_whose_clock_runs_ahead_is_still_recorded(
        db: Database, seen: ComplaintRow) -> None:
    ahead = dt.datetime.now().replace(microsecond=0) + dt.timedelta(minutes=2)
    with db.unit_of_work() as session:
        moved = move_complaint(session, seen.id, IN_PROGRESS, at=ahead)
    with db.unit_of_work() as session:
        saved = move_complaint(session, seen.id, WAITING, base=moved.values(),
                               base_version=moved.version)
    assert [(c.status, c.changed_at) for c in saved.history[1:]] == [
        (IN_PROGRESS, ahead), (WAITING, ahead)]
