"""Meeting notes print as a tidy letter through the printing engine: who was there, what
was discussed and agreed, who does what by when; customer text is printed as text."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.meetings.queries import customer_meetings
from core.meetings.services import mark_notes_sent, print_meeting_notes, record_meeting
from core.meetings.types import MeetingDraft, MeetingTaskDraft
from core.printing.errors import NoRecipients
from core.store.db import Database

from tests.core.printing.helpers import page_texts
from tests.core.program.shop import add_customer

D = dt.date


def _meeting(db: Database, customer: int) -> int:
    with db.unit_of_work() as session:
        return record_meeting(session, MeetingDraft(
            customer, D(2026, 11, 20), "Spring open day <b>catering</b>",
            ("Hannah", "Their events manager"),
            ("About 120 guests", "Delivery by 8:30 & at the side entrance"),
            ("Quote for 12 trays",),
            (MeetingTaskDraft("Hannah", "Send the quote", D(2026, 11, 27)),
             MeetingTaskDraft("Events manager", "Confirm numbers"))))


def test_meeting_notes_print_as_a_letter_with_every_part_and_sending_is_recorded(
        db: Database, tmp_path: Path) -> None:
    acme = add_customer(db, "Ana", street="4 Market Street", city="Portland",
                        postal_code="97205", today=D(2026, 11, 20))
    meeting = _meeting(db, acme)
    out = tmp_path / "notes.pdf"
    summary = print_meeting_notes(db, meeting, out)
    assert summary.item_count == 1 and summary.title == "Notes of our meeting"
    (text,) = page_texts(out)
    flat = " ".join(text.split())
    assert "Dear Ana," in flat
    assert "meeting with us on November 20, 2026" in flat
    assert "Subject: Spring open day <b>catering</b>" in flat  # text, never markup
    assert "Present: Hannah, Their events manager" in flat
    assert "Delivery by 8:30 & at the side entrance" in flat
    assert "Hannah: Send the quote, by November 27, 2026" in flat
    assert "Events manager: Confirm numbers" in flat
    with db.unit_of_work() as session:
        mark_notes_sent(session, meeting, sent_on=D(2026, 11, 20))
    with db.unit_of_work() as session:
        assert customer_meetings(session, acme)[0].sent_on == D(2026, 11, 20)


def test_meeting_notes_for_a_customer_without_a_postal_address_say_so(
        db: Database, tmp_path: Path) -> None:
    nowhere = add_customer(db, "Ben", today=D(2026, 11, 20))
    with pytest.raises(NoRecipients) as nobody:
        print_meeting_notes(db, _meeting(db, nowhere), tmp_path / "notes.pdf")
    assert nobody.value.skipped[0].reason == "no_address"
    assert not (tmp_path / "notes.pdf").exists()
