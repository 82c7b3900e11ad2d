"""Candidates for the council: ranked, with the reason for each, and those who must not
be asked left out."""
from __future__ import annotations

import datetime as dt

from core.council.services import add_member, create_term, suggest_candidates
from core.council.types import DECLINED, INVITED, TermDraft
from core.store.db import Database

from tests.core.council.shop import TODAY, add_customer


def test_the_best_customers_come_first_with_the_reason_in_plain_words(db: Database) -> None:
    best = add_customer(db, "Ana", visits=40, spent=400_000, since=dt.date(2019, 5, 1))
    for n in range(3):
        add_customer(db, f"Friend{n}", visits=1, referred_by=best)
    middling = add_customer(db, "Ben", visits=6, spent=30_000)
    for n in range(40):
        add_customer(db, f"Quiet{n}", visits=1, spent=1_000)
    with db.unit_of_work() as session:
        found = suggest_candidates(session, TODAY, limit=5)
    assert found[0].customer_id == best
    assert found[0].reason == ("top 3% by lifetime value; a customer since 2019; "
                               "3 referrals"), found[0].reason
    assert found[0].referrals == 3
    assert middling in [c.customer_id for c in found]
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def test_no_contact_no_mail_trash_and_prospects_are_never_suggested(db: Database) -> None:
    asked_not = add_customer(db, "Private", visits=50, spent=900_000, no_campaigns=True)
    no_mail = add_customer(db, "Nomail", visits=50, spent=900_000, no_mail=True)
    trashed = add_customer(db, "Gone", visits=50, spent=900_000,
                           deleted_at=dt.datetime(2027, 1, 1))
    prospect = add_customer(db, "Prospect", visits=0)
    fine = add_customer(db, "Fine", visits=2, spent=2_000)
    with db.unit_of_work() as session:
        found = {c.customer_id for c in suggest_candidates(session, TODAY, limit=50)}
    assert fine in found
    assert not found & {asked_not, no_mail, trashed, prospect}


def test_a_mix_gives_places_to_newer_customers(db: Database) -> None:
    loyal = [add_customer(db, f"Loyal{n}", visits=30, spent=200_000 + n,
                          since=dt.date(2018, 1, 1)) for n in range(5)]
    newer = [add_customer(db, f"New{n}", visits=4, spent=5_000 + n,
                          since=dt.date(2026, 11, 1)) for n in range(3)]
    with db.unit_of_work() as session:
        plain = suggest_candidates(session, TODAY, limit=4)
        mixed = suggest_candidates(session, TODAY, limit=4, newer=2)
    assert {c.customer_id for c in plain} <= set(loyal)
    assert [c.customer_id for c in mixed if not c.newer] == [c.customer_id for c in plain][:2]
    fresh = [c for c in mixed if c.newer]
    assert len(fresh) == 2 and {c.customer_id for c in fresh} <= set(newer)
    assert fresh[0].reason.startswith("newer customer (since November 2026)")


def test_those_already_on_the_term_are_left_out_unless_they_declined(db: Database) -> None:
    on_term = add_customer(db, "Member", visits=30, spent=300_000)
    declined = add_customer(db, "Declined", visits=30, spent=300_000)
    with db.unit_of_work() as session:
        term = create_term(session, TermDraft("2027", dt.date(2027, 1, 1), dt.date(2027, 12, 31)))
        add_member(session, term.id, on_term, status=INVITED)
        add_member(session, term.id, declined, status=DECLINED)
        found = {c.customer_id for c in suggest_candidates(session, TODAY, term_id=term.id)}
    assert declined in found and on_term not in found


def test_a_promoters_latest_score_counts_and_is_named_in_the_reason(db: Database) -> None:
    from sqlalchemy import insert

    from core.scores.tables import SCORES

    fan = add_customer(db, "Fan", visits=3, spent=3_000)
    changed = add_customer(db, "Changed", visits=3, spent=3_000)
    with db.unit_of_work() as session:
        for customer_id, score, day in ((fan, 10, dt.date(2027, 2, 1)),
                                        (changed, 10, dt.date(2026, 5, 1)),
                                        (changed, 4, dt.date(2027, 2, 1))):
            session.execute(insert(SCORES).values(
                customer_id=customer_id, scale="nps", score=score, question="",
                channel="phone", answered_on=day, comment="", created_at=dt.datetime.now()))
        found = {c.customer_id: c for c in suggest_candidates(session, TODAY, limit=10)}
    assert found[fan].nps == 10 and found[fan].reason.endswith("NPS 10")
    assert found[changed].nps == 4 and "NPS" not in found[changed].reason
    assert found[fan].score > found[changed].score


def test_a_customer_who_gave_a_testimonial_ranks_higher_and_the_reason_says_so(
        db: Database) -> None:
    from core.testimonials.services import capture_testimonial
    from core.testimonials.types import TestimonialDraft

    storyteller = add_customer(db, "Story", visits=3, spent=3_000)
    quiet = add_customer(db, "Quiet", visits=3, spent=3_000)
    with db.unit_of_work() as session:
        capture_testimonial(session, TestimonialDraft(
            storyteller, "Best bread in town.", dt.date(2027, 1, 5)))
        found = {c.customer_id: c for c in suggest_candidates(session, TODAY, limit=10)}
    assert found[storyteller].reason.endswith("gave a testimonial")
    assert "testimonial" not in found[quiet].reason
    assert found[storyteller].score > found[quiet].score


def test_a_customer_with_a_complaint_still_open_is_not_suggested_until_it_is_resolved(
        db: Database) -> None:
    from core.complaints.services import open_complaint, resolve_complaint
    from core.complaints.types import ComplaintDraft

    upset = add_customer(db, "Upset", visits=9, spent=90_000)
    with db.unit_of_work() as session:
        complaint = open_complaint(session, ComplaintDraft(upset, "Cake was late"))
        assert upset not in {c.customer_id for c in suggest_candidates(session, TODAY)}
        resolve_complaint(session, complaint, resolution="Refunded, new cake")
        assert upset in {c.customer_id for c in suggest_candidates(session, TODAY)}
