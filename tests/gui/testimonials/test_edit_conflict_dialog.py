"""Two desks work on the same testimonial (the other desk is a real second process). A change
that clashes with theirs shows both side by side, in the words of the capture dialog, and
keeps what the person chooses; cancelling keeps everything typed. A release recorded
otherwise at the other desk is not saved over: the dialog says what was recorded there."""
from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QLabel, QRadioButton

from core.store.db import Database
from core.testimonials.services import (
    capture_testimonial,
    get_testimonial,
    list_testimonials,
    mark_release_requested,
)
from core.testimonials.types import DECLINED, SIGNED_EVENT, TestimonialDraft, TestimonialRow

from gui.shell.context import AppContext
from gui.testimonials.capture_dialog import CaptureDialog
from gui.testimonials.release_dialogs import SignDialog
from gui.widgets.conflict_dialog import MINE, EditConflictDialog

from tests.core.customers.other_desk import run_code_at_another_desk
from tests.gui.testimonials.conftest import TODAY, when_modal


def _anns_testimonial(db: Database, ann: int) -> TestimonialRow:
    with db.unit_of_work() as session:
        tid = capture_testimonial(session, TestimonialDraft(
            customer_id=ann, words="The best flowers in Bristol, every single time.",
            given_on=TODAY, rating=4, captured_by="Hannah"))
        mark_release_requested(session, [tid], on=TODAY)
        return list_testimonials(session, today=TODAY, ids=[tid])[0]


def _at_the_other_desk(db: Database, tid: int, code: str) -> None:
    run_code_at_another_desk(db, f"""
        import dataclasses, datetime as dt
        from core.testimonials.services import decline_release, edit_testimonial, list_testimonials
        with db.unit_of_work() as session:
            row = list_testimonials(session, today=dt.date.today(), ids=[{tid}])[0]
        with db.unit_of_work() as session:
            {code}
    """)


@pytest.fixture
def clash(qtbot: QtBot, sqlite_db: Database, shop: dict[str, int],
          contexts: list[AppContext]) -> tuple[CaptureDialog, TestimonialRow]:
    """Ann's testimonial open for a change here (a new edited version and incentive typed)
    while the other desk saves its own edited version and a rating of 5."""
    contexts.append(context := AppContext(sqlite_db))
    row = _anns_testimonial(sqlite_db, shop["ann"])
    dialog = CaptureDialog(context, None, testimonial=row)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.edited_edit.setPlainText("The best flowers in Bristol.")
    dialog.incentive_edit.setText("A free posy")
    _at_the_other_desk(sqlite_db, row.id, f"edit_testimonial(session, {row.id}, "
                       "dataclasses.replace(row.draft, edited_words='Best flowers in town.', "
                       "rating=5), base=row.draft, base_version=row.version)")
    return dialog, row


def _stored(db: Database, row: TestimonialRow) -> TestimonialRow:
    with db.unit_of_work() as session:
        return list_testimonials(session, today=TODAY, ids=[row.id])[0]


def test_a_testimonial_changed_at_two_desks_shows_the_clash_and_saves_the_choice(
        sqlite_db: Database, clash: tuple[CaptureDialog, TestimonialRow]) -> None:
    dialog, row = clash
    seen: list[tuple[list[str], list[str]]] = []

    def answer(conflict: EditConflictDialog) -> None:
        seen.append(([label.text() for label in conflict.findChildren(QLabel)],
                     [button.text() for button in conflict.findChildren(QRadioButton)]))
        conflict.choose("edited_words", MINE)
        conflict.save_choices_button.click()

    when_modal(EditConflictDialog, answer)
    dialog.save()

    assert dialog.saved_id == row.id
    ((labels, choices),) = seen
    assert "<b>Edited version for use</b>" in labels  # the capture dialog's words
    assert any("Rating" in label for label in labels)  # theirs, kept without asking
    assert {"Best flowers in town.", "The best flowers in Bristol."} == set(choices)
    stored = _stored(sqlite_db, row)
    assert (stored.edited_words, stored.rating, stored.incentive) == (
        "The best flowers in Bristol.", 5, "A free posy")


def test_cancelling_the_choice_keeps_everything_typed_and_saves_nothing(
        sqlite_db: Database, clash: tuple[CaptureDialog, TestimonialRow]) -> None:
    dialog, row = clash
    when_modal(EditConflictDialog, lambda conflict: conflict.reject())
    dialog.save()

    assert dialog.saved_id is None and dialog.isVisible()
    assert dialog.edited_edit.toPlainText() == "The best flowers in Bristol."
    assert dialog.incentive_edit.text() == "A free posy"
    stored = _stored(sqlite_db, row)
    assert (stored.edited_words, stored.incentive) == ("Best flowers in town.", "")


def test_a_release_declined_at_another_desk_is_not_recorded_as_signed_here(
        qtbot: QtBot, sqlite_db: Database, shop: dict[str, int],
        contexts: list[AppContext]) -> None:
    contexts.append(context := AppContext(sqlite_db))
    row = _anns_testimonial(sqlite_db, shop["ann"])
    dialog = SignDialog(context, row, None, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    _at_the_other_desk(sqlite_db, row.id, f"decline_release(session, {row.id}, "
                       "on=row.requested_on, by='Sam', reason='rather not', base=row.release, "
                       "base_version=row.version)")
    dialog.channel_checks["website"].setChecked(True)
    dialog.save()

    message = dialog.form_message_label.text()
    assert dialog.form_message_label.isVisible() and message.startswith("Not saved")
    assert "Recorded there: Declined, " in message and "(by Sam)" in message
    assert "What you entered: Released" in message
    assert "Website" in message
    assert not dialog.save_button.isEnabled()  # a declined release cannot be signed
    assert dialog.row.release_state == DECLINED  # read again
    assert dialog.channel_checks["website"].isChecked()  # what was typed stays
    with sqlite_db.unit_of_work() as session:
        detail = get_testimonial(session, row.id, today=TODAY)
    assert detail.row.release_state == DECLINED
    assert SIGNED_EVENT not in [entry.event for entry in detail.history]
