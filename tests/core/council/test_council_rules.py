"""The council on Today: a meeting's invitations come due two weeks ahead, its notes three
days after it (and go once they are sent), and a term's end a month ahead, renewing the
regulars and thanking the others."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from core.council.services import (
    create_meeting,
    print_meeting_notes,
    record_attendance,
)
from core.council.types import ABSENT, APOLOGIES, PRESENT, MeetingDraft
from core.program.due_cards import print_due_cards
from core.program.types import DUE, UPCOMING
from core.store.db import Database

from tests.core.council.shop import council, shop_profile
from tests.core.printing.helpers import page_texts
from tests.core.program.shop import evaluate, only


def test_a_meeting_coming_up_puts_its_invitations_on_today(db: Database,
                                                           tmp_path: Path) -> None:
    shop_profile(db)
    term_id, ids = council(db, ["Ana", "Ben"])
    with db.unit_of_work() as session:
        create_meeting(session, term_id, MeetingDraft(dt.date(2027, 3, 20), "18:30",
                                                      "the back room"), agenda=("Parking",))
    early = only(evaluate(db, dt.date(2027, 3, 1)), "council_meeting")
    assert {(a.customer_id, a.state) for a in early} == {(i, UPCOMING) for i in ids}
    due = only(evaluate(db, dt.date(2027, 3, 6)), "council_meeting")
    assert {a.state for a in due} == {DUE}
    assert due[0].why.startswith("Council meeting on")
    assert due[0].template == "council-meeting-invitation"
    out = tmp_path / "due.pdf"
    print_due_cards(db, dt.date(2027, 3, 6), out)
    text = " ".join(" ".join(page_texts(out)).split())
    assert "Our next council meeting: Saturday, 20 March 2027" in text
    assert "1. Parking" in text and "at 18:30, at the back room" in text


def test_notes_are_due_three_days_after_and_leave_today_once_sent(db: Database,
                                                                  tmp_path: Path) -> None:
    shop_profile(db)
    term_id, ids = council(db, ["Ana", "Ben"])
    with db.unit_of_work() as session:
        meeting = create_meeting(session, term_id, MeetingDraft(dt.date(2027, 3, 20)))
        record_attendance(session, meeting.meeting.id, ids[0], PRESENT)
    notes = only(evaluate(db, dt.date(2027, 3, 23)), "council_notes")
    assert {(a.customer_id, a.state) for a in notes} == {(i, DUE) for i in ids}
    assert notes[0].why.startswith("Notes of the council meeting of")
    print_meeting_notes(db, meeting.meeting.id, tmp_path / "notes.pdf",
                        today=dt.date(2027, 3, 24))
    assert only(evaluate(db, dt.date(2027, 3, 24)), "council_notes") == []


def test_a_term_ending_asks_to_renew_the_regulars_and_thank_the_others(db: Database) -> None:
    shop_profile(db)
    term_id, (ana, ben) = council(db, ["Ana", "Ben"])
    for month in (2, 5):
        with db.unit_of_work() as session:
            meeting = create_meeting(session, term_id, MeetingDraft(dt.date(2027, month, 1)))
            record_attendance(session, meeting.meeting.id, ana, PRESENT)
            record_attendance(session, meeting.meeting.id, ben,
                              ABSENT if month == 2 else APOLOGIES)
    found = only(evaluate(db, dt.date(2027, 12, 1)), "council_term_end")
    by_customer = {a.customer_id: a for a in found}
    assert by_customer[ana].template == "council-renewal"
    assert "ask them to stay on" in by_customer[ana].why
    assert by_customer[ben].template == "council-thank-you"
    assert "thank them for their service" in by_customer[ben].why
