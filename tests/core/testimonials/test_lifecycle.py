"""The release's lifecycle, its history (the proof of consent), and the usage log."""
from __future__ import annotations

import datetime as dt

import pytest

from core.kernel.errors import Invalid
from core.store.db import Database
from core.testimonials.errors import NotReleasedFor, WordingReleased, WrongReleaseState
from core.testimonials.services import (
    capture_testimonial,
    decline_release,
    edit_testimonial,
    expire_releases,
    get_testimonial,
    list_testimonials,
    log_use,
    mark_release_requested,
    revoke_release,
    sign_release,
    takedown_checklist,
    tick_off_use,
)
from core.testimonials.types import (
    DECLINED,
    EXPIRED,
    FIRST_NAME_INITIAL,
    NOT_REQUESTED,
    PRINT,
    REQUESTED,
    REVOKED,
    SIGNED,
    SOCIAL,
    SOCIAL_POST,
    WEB_PAGE,
    WEBSITE,
    ReleaseScope,
    TestimonialDraft,
    UseDraft,
    default_release_end,
)

from tests.core.testimonials.helpers import TODAY, add_customer_named, add_testimonial

SCOPE = ReleaseScope((WEBSITE, SOCIAL), FIRST_NAME_INITIAL, photo=True, light_editing=False,
                     until=default_release_end(TODAY))


def test_a_release_goes_from_printed_to_signed_and_every_step_is_in_the_history(
        db: Database) -> None:
    with db.unit_of_work() as session:
        tid = add_testimonial(session, add_customer_named(session), captured_by="Maria")
        assert get_testimonial(session, tid, today=TODAY).row.release_state == NOT_REQUESTED
        mark_release_requested(session, [tid], on=TODAY, by="Maria")
        assert get_testimonial(session, tid, today=TODAY).row.release_state == REQUESTED
        sign_release(session, tid, SCOPE, signed_on=TODAY + dt.timedelta(days=3), by="Sam")
        detail = get_testimonial(session, tid, today=TODAY + dt.timedelta(days=3))
    assert detail.row.release_state == SIGNED
    assert detail.row.scope == SCOPE
    assert [(e.event, e.by) for e in detail.history] == [
        ("captured", "Maria"), ("form_printed", "Maria"), ("signed", "Sam")]
    assert "website, social" in detail.history[-1].detail


def test_the_default_release_lasts_two_years() -> None:
    assert default_release_end(dt.date(2026, 12, 2)) == dt.date(2028, 12, 2)
    assert default_release_end(dt.date(2028, 2, 29)) == dt.date(2030, 2, 28)


def test_capturing_without_words_names_the_field(db: Database) -> None:
    with db.unit_of_work() as session:
        cid = add_customer_named(session)
        with pytest.raises(Invalid) as caught:
            capture_testimonial(session, TestimonialDraft(cid, "  \n", TODAY, rating=9))
    assert caught.value.for_field("words") is not None
    assert caught.value.for_field("rating") is not None


def test_a_release_expires_on_its_end_date_and_lists_every_logged_use(db: Database) -> None:
    end = TODAY + dt.timedelta(days=40)
    with db.unit_of_work() as session:
        tid = add_testimonial(session, add_customer_named(session))
        sign_release(session, tid, ReleaseScope((WEBSITE, SOCIAL), until=end), signed_on=TODAY)
        log_use(session, tid, UseDraft(WEB_PAGE, "https://shop.example/reviews", WEBSITE, TODAY))
        log_use(session, tid, UseDraft(SOCIAL_POST, "Instagram, 3 Dec", SOCIAL, TODAY))
        day_before = end - dt.timedelta(days=1)
        assert list_testimonials(session, today=day_before)[0].release_state == SIGNED
        assert takedown_checklist(session, today=day_before) == ()
        assert list_testimonials(session, today=end)[0].release_state == EXPIRED
        assert expire_releases(session, day_before) == ()
        assert expire_releases(session, end) == (tid,)
        checklist = takedown_checklist(session, today=end)
        history = get_testimonial(session, tid, today=end).history
    assert sorted(item.where for item in checklist) == [
        "Instagram, 3 Dec", "https://shop.example/reviews"]
    assert {item.reason for item in checklist} == {EXPIRED}
    assert history[-1].event == "expired"


def test_revoking_lists_the_places_in_use_until_each_is_ticked_off(db: Database) -> None:
    with db.unit_of_work() as session:
        tid = add_testimonial(session, add_customer_named(session))
        sign_release(session, tid, SCOPE, signed_on=TODAY)
        flyer = log_use(session, tid, UseDraft("flyer", "Spring flyer", WEBSITE, TODAY))
        log_use(session, tid, UseDraft(WEB_PAGE, "Home page", WEBSITE, TODAY))
        later = TODAY + dt.timedelta(days=10)
        checklist = revoke_release(session, tid, on=later, reason="moved away")
        assert len(checklist) == 2
        tick_off_use(session, flyer, on=later)
        left = takedown_checklist(session, today=later)
        row = get_testimonial(session, tid, today=later).row
    assert [item.where for item in left] == ["Home page"]
    assert row.release_state == REVOKED
    assert row.revoke_reason == "moved away"
    assert row.takedowns_open == 1


def test_a_use_outside_the_release_is_refused(db: Database) -> None:
    with db.unit_of_work() as session:
        tid = add_testimonial(session, add_customer_named(session))
        with pytest.raises(NotReleasedFor):
            log_use(session, tid, UseDraft(WEB_PAGE, "Home page", WEBSITE, TODAY))
        sign_release(session, tid, SCOPE, signed_on=TODAY)
        with pytest.raises(NotReleasedFor) as caught:
            log_use(session, tid, UseDraft("flyer", "Window flyer", PRINT, TODAY))
    assert caught.value.reason == "other_channels"


def test_a_declined_release_cannot_be_signed_or_revoked(db: Database) -> None:
    with db.unit_of_work() as session:
        tid = add_testimonial(session, add_customer_named(session))
        decline_release(session, tid, on=TODAY, reason="private person")
        with pytest.raises(WrongReleaseState):
            sign_release(session, tid, SCOPE, signed_on=TODAY)
        with pytest.raises(WrongReleaseState):
            revoke_release(session, tid, on=TODAY)
        assert get_testimonial(session, tid, today=TODAY).row.release_state == DECLINED


def test_signed_wording_cannot_change_and_a_form_out_is_withdrawn(db: Database) -> None:
    with db.unit_of_work() as session:
        cid = add_customer_named(session)
        tid = add_testimonial(session, cid, "Lovely people.")
        mark_release_requested(session, [tid], on=TODAY)
        edit_testimonial(session, tid, TestimonialDraft(cid, "Lovely, kind people.", TODAY))
        assert get_testimonial(session, tid, today=TODAY).row.release_state == NOT_REQUESTED
        sign_release(session, tid, SCOPE, signed_on=TODAY)
        with pytest.raises(WordingReleased):
            edit_testimonial(session, tid, TestimonialDraft(cid, "Kind people.", TODAY))


def test_signing_needs_a_channel_and_an_end_after_the_signing(db: Database) -> None:
    with db.unit_of_work() as session:
        tid = add_testimonial(session, add_customer_named(session))
        with pytest.raises(Invalid) as caught:
            sign_release(session, tid, ReleaseScope((), until=TODAY), signed_on=TODAY)
    assert {p.field for p in caught.value.problems} == {"channels", "until"}
