"""Two desks edit the same meeting's notes (the other desk is a real second process): edits
to different parts merge without a question; the same part changed differently is refused
with both versions, and nothing of either is lost. The tasks (who does what by when) are one
part, and changing only them still moves the notes' version."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.desks.services import customer_changes
from core.kernel.edits import EditConflict
from core.meetings.queries import get_meeting
from core.meetings.services import record_meeting, update_meeting
from core.meetings.types import MeetingDraft, MeetingRow, MeetingTaskDraft
from core.store.db import Database

from tests.core.customers.other_desk import run_code_at_another_desk

D = dt.date


@pytest.fixture
def opened(db: Database) -> MeetingRow:
    """A cake consultation's notes, as this desk opened them to edit."""
    with db.unit_of_work() as session:
        ana = add_customer(session, CustomerDraft(first_name="Ana", last_name="Silva")).id
        meeting = record_meeting(session, MeetingDraft(
            ana, D(2026, 11, 2), "Wedding cake consultation", ("Ana", "Sam"),
            ("Three tiers", "Lemon sponge"), ("Tasting on Friday",),
            (MeetingTaskDraft("Sam", "Bake the tasting samples", D(2026, 11, 6)),)))
    with db.unit_of_work() as session:
        return get_meeting(session, meeting)


def _other_desk_edits(db: Database, meeting_id: int, **changes: object) -> None:
    """That desk opens the notes, changes these parts and saves (its own process)."""
    run_code_at_another_desk(db, f"""
        import dataclasses, datetime
        from core.meetings.queries import get_meeting
        from core.meetings.services import update_meeting
        from core.meetings.types import MeetingTaskDraft
        with db.unit_of_work() as session:
            opened = get_meeting(session, {meeting_id})
            update_meeting(session, opened.id, dataclasses.replace(opened.draft(), **{changes!r}),
                           base=opened.draft(), base_version=opened.version)
    """)


def _save(db: Database, opened: MeetingRow, **changes: object) -> MeetingRow:
    with db.unit_of_work() as session:
        return update_meeting(session, opened.id, dataclasses.replace(opened.draft(), **changes),
                              base=opened.draft(), base_version=opened.version)


def test_notes_edited_at_two_desks_keep_both_the_subject_and_the_points(
        db: Database, opened: MeetingRow) -> None:
    _other_desk_edits(db, opened.id, subject="Wedding cake: second consultation")
    saved = _save(db, opened, points=("Three tiers", "Lemon sponge", "No nuts: a guest"))
    assert saved.subject == "Wedding cake: second consultation"
    assert saved.points == ("Three tiers", "Lemon sponge", "No nuts: a guest")
    assert saved.version == opened.version + 2

    with db.unit_of_work() as session:  # each desk's save is on the customer's Changes
        changes = customer_changes(session, opened.customer_id)
    assert [(c.kind, c.record_id, c.fields) for c in changes[:2]] == [
        ("meetings", opened.id, ("points",)), ("meetings", opened.id, ("subject",))]


def test_tasks_changed_at_another_desk_merge_with_what_was_agreed_here(
        db: Database, opened: MeetingRow) -> None:
    _other_desk_edits(db, opened.id, tasks=(
        MeetingTaskDraft("Sam", "Bake the tasting samples", D(2026, 11, 6)),
        MeetingTaskDraft("Ana", "Send the guest count")))
    with db.unit_of_work() as session:  # only the tasks changed, and the version moved
        assert get_meeting(session, opened.id).version == opened.version + 1
    saved = _save(db, opened, agreed=("Tasting on Friday", "Deposit paid"))
    assert saved.agreed == ("Tasting on Friday", "Deposit paid")
    assert [task.who for task in saved.tasks] == ["Sam", "Ana"]


def test_the_same_part_changed_at_two_desks_is_refused_and_nothing_is_written(
        db: Database, opened: MeetingRow) -> None:
    _other_desk_edits(db, opened.id, agreed=("Tasting on Saturday",), subject="Tasting")
    with pytest.raises(EditConflict) as raised:
        _save(db, opened, agreed=("Tasting on Friday", "Deposit paid"),
              attendees=("Ana", "Sam", "Jo"))
    conflict = raised.value
    assert conflict.clashing == ("agreed",)
    assert set(conflict.their_fields) == {"subject", "agreed"}
    assert conflict.theirs.agreed == ("Tasting on Saturday",)
    assert conflict.mine.agreed == ("Tasting on Friday", "Deposit paid")
    with db.unit_of_work() as session:
        stored = get_meeting(session, opened.id)
    assert (stored.agreed, stored.attendees) == (("Tasting on Saturday",), ("Ana", "Sam"))

    # This desk keeps its own "agreed": saved over what is stored now, their subject stays.
    with db.unit_of_work() as session:
        saved = update_meeting(session, opened.id, conflict.resolved({"agreed": "mine"}),
                               base=conflict.theirs, base_version=conflict.version)
    assert (saved.subject, saved.agreed, saved.attendees) == (
        "Tasting", ("Tasting on Friday", "Deposit paid"), ("Ana", "Sam", "Jo"))


def test_tasks_changed_differently_at_two_desks_are_one_choice(
        db: Database, opened: MeetingRow) -> None:
    _other_desk_edits(db, opened.id, tasks=(MeetingTaskDraft("Jo", "Order the flowers"),))
    with pytest.raises(EditConflict) as raised:
        _save(db, opened, tasks=())
    assert raised.value.clashing == ("tasks",)
    with db.unit_of_work() as session:
        assert get_meeting(session, opened.id).tasks == (
            MeetingTaskDraft("Jo", "Order the flowers"),)


def test_what_was_typed_with_extra_spaces_is_not_taken_for_a_change(
        db: Database, opened: MeetingRow) -> None:
    _other_desk_edits(db, opened.id, subject="Tasting")
    saved = _save(db, opened, subject=" Wedding cake consultation ",
                  points=("  Three tiers", "", "Lemon sponge  "), agreed=("Deposit paid",))
    assert (saved.subject, saved.agreed) == ("Tasting", ("Deposit paid",))
