"""The testimonials' reminders on Today: re-confirm before a release ends, ask for a form
not returned, take down a testimonial whose release ended."""
from __future__ import annotations

import datetime as dt

from core.program.services import evaluate_program, today_view
from core.store.db import Database
from core.testimonials.services import (
    log_use,
    mark_release_requested,
    revoke_release,
    sign_release,
    tick_off_use,
)
from core.testimonials.types import WEB_PAGE, WEBSITE, ReleaseScope, UseDraft

from tests.core.testimonials.helpers import TODAY, add_customer_named, add_testimonial


def _reminders(db: Database, day: dt.date) -> dict[str, str]:
    with db.unit_of_work() as session:
        evaluate_program(session, day, whole_window=True)
        view = today_view(session, day)
    return {a.rule: a.why for a in view.actions if a.state in ("due", "overdue")
            and a.rule in ("release_reconfirm", "release_form_back", "takedown")}


def test_a_release_ending_within_30_days_asks_to_re_confirm(db: Database) -> None:
    ends = TODAY + dt.timedelta(days=25)
    with db.unit_of_work() as session:
        tid = add_testimonial(session, add_customer_named(session))
        sign_release(session, tid, ReleaseScope((WEBSITE,), until=ends),
                     signed_on=TODAY - dt.timedelta(days=600))
    shown = _reminders(db, TODAY)
    assert shown["release_reconfirm"].startswith(
        f"Testimonial release ends on {ends.isoformat()}")


def test_a_form_not_back_after_14_days_is_chased_until_it_is_signed(db: Database) -> None:
    with db.unit_of_work() as session:
        tid = add_testimonial(session, add_customer_named(session))
        mark_release_requested(session, [tid], on=TODAY - dt.timedelta(days=15))
    assert "not back yet" in _reminders(db, TODAY)["release_form_back"]
    assert "release_form_back" not in _reminders(db, TODAY - dt.timedelta(days=2))
    with db.unit_of_work() as session:
        sign_release(session, tid, ReleaseScope((WEBSITE,)), signed_on=TODAY)
    assert "release_form_back" not in _reminders(db, TODAY)


def test_a_revoked_testimonial_in_use_stays_on_today_until_every_place_is_ticked_off(
        db: Database) -> None:
    with db.unit_of_work() as session:
        tid = add_testimonial(session, add_customer_named(session))
        sign_release(session, tid, ReleaseScope((WEBSITE,)), signed_on=TODAY)
        first = log_use(session, tid, UseDraft(WEB_PAGE, "Home", WEBSITE, TODAY))
        second = log_use(session, tid, UseDraft(WEB_PAGE, "About us", WEBSITE, TODAY))
        revoke_release(session, tid, on=TODAY)
    assert "still used in 2 places" in _reminders(db, TODAY)["takedown"]
    later = TODAY + dt.timedelta(days=20)
    with db.unit_of_work() as session:
        tick_off_use(session, first, on=TODAY)
    assert "takedown" in _reminders(db, later)
    with db.unit_of_work() as session:
        tick_off_use(session, second, on=TODAY)
    assert "takedown" not in _reminders(db, later)


def test_an_expired_release_in_use_asks_for_take_down(db: Database) -> None:
    ends = TODAY - dt.timedelta(days=3)
    with db.unit_of_work() as session:
        tid = add_testimonial(session, add_customer_named(session))
        signed = TODAY - dt.timedelta(days=700)
        sign_release(session, tid, ReleaseScope((WEBSITE,), until=ends), signed_on=signed)
        log_use(session, tid, UseDraft(WEB_PAGE, "Home", WEBSITE, signed))
    assert "still used in 1 place:" in _reminders(db, TODAY)["takedown"]


def test_a_take_down_marked_done_on_today_while_a_place_still_shows_it_comes_back(
        db: Database) -> None:
    from core.program.services import complete_action

    with db.unit_of_work() as session:
        tid = add_testimonial(session, add_customer_named(session))
        sign_release(session, tid, ReleaseScope((WEBSITE,)), signed_on=TODAY)
        use = log_use(session, tid, UseDraft(WEB_PAGE, "Home", WEBSITE, TODAY))
        revoke_release(session, tid, on=TODAY)
    assert "takedown" in _reminders(db, TODAY)
    with db.unit_of_work() as session:
        action = next(a for a in today_view(session, TODAY).actions if a.rule == "takedown")
        complete_action(session, action.id)
    assert "takedown" in _reminders(db, TODAY)  # the home page still shows the words
    with db.unit_of_work() as session:
        tick_off_use(session, use, on=TODAY)
    assert "takedown" not in _reminders(db, TODAY)
