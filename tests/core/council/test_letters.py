"""The council's letters, read back from the PDF: the meeting notes name the attendees and
hold every agenda item, decision and action; "you said, we did" lists exactly what is new
for each member; invitations record who was invited."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.council.errors import NothingToPrint
from core.council.services import (
    add_council_action,
    add_decision,
    add_member,
    create_meeting,
    get_meeting,
    list_members,
    print_council_invitations,
    print_meeting_notes,
    print_thank_you_letters,
    print_you_said_we_did,
    raise_idea,
    record_attendance,
    set_idea_status,
    set_member_status,
    update_agenda_item,
)
from core.council.types import (
    ABSENT,
    APOLOGIES,
    DONE,
    INVITED,
    NOTHING_TO_REPORT,
    PLANNED,
    PRESENT,
    STEPPED_DOWN,
    MeetingDraft,
)
from core.printing.types import NO_ADDRESS
from core.store.db import Database

from tests.core.council.shop import TODAY, add_customer, council, shop_profile
from tests.core.printing.helpers import page_texts


def _flat(path: Path) -> str:
    return " ".join(" ".join(page_texts(path)).split())


def test_the_notes_letter_holds_every_item_decision_action_and_attendee(
        db: Database, tmp_path: Path) -> None:
    shop_profile(db)
    term_id, (ana, ben, chloe) = council(db, ["Ana", "Ben", "Chloé"])
    with db.unit_of_work() as session:
        meeting = create_meeting(session, term_id, MeetingDraft(dt.date(2027, 2, 10), "18:30",
                                                                "the back room"),
                                 agenda=("Saturday opening hours", "The loyalty card",
                                         "Wrapping <paper> & ribbons"))
        meeting_id = meeting.meeting.id
        hours, card, wrapping = meeting.agenda
        update_agenda_item(session, hours.id, minutes="Most would rather we opened at 9.")
        update_agenda_item(session, card.id, minutes="A stamp card, not an app.",
                           left_open=True)
        add_decision(session, meeting_id, "We open at 9 on Saturdays from April.",
                     agenda_item_id=hours.id)
        add_decision(session, meeting_id, "Recycled paper only.", agenda_item_id=wrapping.id)
        add_council_action(session, meeting_id, "Price three stamp card designs",
                           owner="Hannah", due_on=dt.date(2027, 3, 15))
        record_attendance(session, meeting_id, ana, PRESENT)
        record_attendance(session, meeting_id, ben, APOLOGIES)
        record_attendance(session, meeting_id, chloe, ABSENT)
        create_meeting(session, term_id, MeetingDraft(dt.date(2027, 5, 12)))
    out, labels = tmp_path / "notes.pdf", tmp_path / "labels.pdf"
    printed = print_meeting_notes(db, meeting_id, out, today=TODAY, labels_path=labels)
    assert printed.letters == 3 and printed.label_pages == 1
    text = _flat(out)
    for expected in ("Saturday opening hours", "The loyalty card",
                     "Wrapping <paper> & ribbons", "Most would rather we opened at 9.",
                     "We open at 9 on Saturdays from April.", "Recycled paper only.",
                     "Price three stamp card designs – Hannah, by 15 Mar 2027",
                     "Present: Ana Test.", "Apologies: Ben Test.", "Absent: Chloé Test.",
                     "Wednesday, 12 May 2027", "Dear Ana,", "Dear Chloé,",
                     "We will come back to this at our next meeting."):
        assert expected in text
    with db.unit_of_work() as session:
        assert get_meeting(session, meeting_id).meeting.notes_sent_on == TODAY


def test_you_said_we_did_lists_exactly_what_is_new_since_each_members_last_letter(
        db: Database, tmp_path: Path) -> None:
    shop_profile(db)
    term_id, (ana, ben) = council(db, ["Ana", "Ben"])
    with db.unit_of_work() as session:
        first = raise_idea(session, "Open at 9 on Saturdays", raised_on=dt.date(2027, 2, 1),
                           raised_by_id=ana)
        second = raise_idea(session, "A stamp card", raised_on=dt.date(2027, 2, 1),
                            raised_by_id=ben)
        raise_idea(session, "Free coffee", raised_on=dt.date(2027, 2, 1), raised_by_id=ben)
        set_idea_status(session, first.id, DONE, on=dt.date(2027, 2, 20),
                        response="We open at 9 since 6 March.")
        set_idea_status(session, second.id, PLANNED, on=dt.date(2027, 2, 20),
                        response="Cards are at the printer.")
    letter_one = tmp_path / "one.pdf"
    print_you_said_we_did(db, term_id, letter_one, today=dt.date(2027, 3, 1))
    pages = [" ".join(p.split()) for p in page_texts(letter_one)]
    assert len(pages) == 2
    ana_page = next(p for p in pages if "Dear Ana," in p)
    assert "You said: Open at 9 on Saturdays (your idea, February 2027)." in ana_page
    assert "What we did: We open at 9 since 6 March." in ana_page
    assert "A stamp card (Ben Test's idea" in ana_page
    assert "What we are doing: Cards are at the printer." in ana_page
    assert "Free coffee" not in ana_page

    with db.unit_of_work() as session:  # the stamp card is done; a new member joins
        set_idea_status(session, second.id, DONE, on=dt.date(2027, 4, 2),
                        response="Ask for yours at the till.")
    letter_two = tmp_path / "two.pdf"
    again = print_you_said_we_did(db, term_id, letter_two, today=dt.date(2027, 4, 10))
    text = _flat(letter_two)
    assert again.letters == 2
    assert "A stamp card" in text and "Ask for yours at the till." in text
    assert "Open at 9 on Saturdays" not in text  # told already

    with pytest.raises(NothingToPrint) as nothing:
        print_you_said_we_did(db, term_id, tmp_path / "three.pdf", today=dt.date(2027, 4, 11))
    assert {left.reason for left in nothing.value.left_out} == {NOTHING_TO_REPORT}


def test_invitations_are_printed_with_labels_and_record_the_members_as_invited(
        db: Database, tmp_path: Path) -> None:
    shop_profile(db)
    term_id, _ids = council(db, ["Ana"])
    asked = add_customer(db, "Ben")
    homeless = add_customer(db, "Chloé", street="", city="", postal_code="")
    with db.unit_of_work() as session:
        add_member(session, term_id, asked)
        add_member(session, term_id, homeless)
    out, labels = tmp_path / "invite.pdf", tmp_path / "labels.pdf"
    printed = print_council_invitations(db, term_id, out, today=TODAY, labels_path=labels)
    assert printed.customer_ids == (asked,)
    assert [(left.customer_id, left.reason) for left in printed.left_out] == [
        (homeless, NO_ADDRESS)]
    text = _flat(out)
    assert "An invitation to join our customer council" in text and "2027 council" in text
    assert "Ben Test" in " ".join(page_texts(labels))
    with db.unit_of_work() as session:
        rows = {m.customer_id: m for m in list_members(session, term_id)}
    assert rows[asked].status == INVITED and rows[asked].invited_on == TODAY
    assert rows[homeless].status == "suggested"


def test_departing_members_get_a_thank_you_letter_once(db: Database, tmp_path: Path) -> None:
    shop_profile(db)
    term_id, (ana, ben) = council(db, ["Ana", "Ben"])
    with db.unit_of_work() as session:
        leaving = next(m for m in list_members(session, term_id) if m.customer_id == ben)
        set_member_status(session, leaving.id, STEPPED_DOWN, on=TODAY)
    printed = print_thank_you_letters(db, term_id, tmp_path / "thanks.pdf", today=TODAY)
    assert printed.customer_ids == (ben,)
    assert "Thank you for your service" in _flat(tmp_path / "thanks.pdf")
    with pytest.raises(NothingToPrint):
        print_thank_you_letters(db, term_id, tmp_path / "again.pdf", today=TODAY)
    assert ana != ben


def test_long_notes_run_on_to_a_second_page_at_full_size(db: Database, tmp_path: Path) -> None:
    shop_profile(db)
    term_id, _ids = council(db, ["Ana"])
    titles = [f"Topic number {n}" for n in range(1, 13)]
    with db.unit_of_work() as session:
        meeting = create_meeting(session, term_id, MeetingDraft(dt.date(2027, 2, 10)),
                                 agenda=tuple(titles))
        for item in meeting.agenda:
            update_agenda_item(session, item.id, minutes="We talked this through at length. "
                               * 12)
    out = tmp_path / "long.pdf"
    printed = print_meeting_notes(db, meeting.meeting.id, out, today=TODAY)
    pages = page_texts(out)
    assert printed.pages == len(pages) >= 2
    text = " ".join(" ".join(pages).split())
    assert all(title in text for title in titles)
    assert "Ana Test · page 2" in " ".join(pages[1].split())
    assert "Hannah Bloom" in pages[-1]  # the signature ends the letter
