"""The demo bakery's testimonials: some in every release state, with uses logged and a
take-down list, so that every screen and reminder has something to show."""
from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.customers.tables import CUSTOMERS
from core.testimonials.lifecycle import capture_testimonial, log_use, tick_off_use
from core.testimonials.release import (
    decline_release,
    expire_releases,
    mark_release_requested,
    revoke_release,
    sign_release,
)
from core.testimonials.types import (
    ADVERTISING,
    ANONYMOUS,
    EMAIL,
    FIRST_NAME_INITIAL,
    FLYER,
    FULL_NAME,
    IN_PERSON,
    PHONE,
    PRINT,
    REVIEW_SITE,
    SOCIAL,
    SOCIAL_POST,
    VIDEO_AUDIO,
    WEB_PAGE,
    WEBSITE,
    WRITTEN_CARD,
    ReleaseScope,
    TestimonialDraft,
    UseDraft,
)

STAFF = ("Hannah", "Sam")
QUOTES = (
    (("The sourdough here is the best I've had outside San Francisco. I come every "
     "Saturday and they always save me a loaf!"), "The best sourdough outside San Francisco."),
    (("Maple & Rye made our wedding cake and it was perfect. Three tiers, \"naked\" style, "
     "and every guest asked where it came from."), ""),
    ("Friendly staff, great coffee, and the cinnamon rolls are worth the queue.", ""),
    (("I ordered 200 croissants for our office launch at two days' notice & they delivered "
     "early."), ""),
    ("My kids think the rye cookies are the best thing in Portland. So do I.", ""),
    (("They remembered my gluten allergy on my second visit. That's the kind of place this "
     "is.\nThank you, Hannah!"), "They remembered my gluten allergy on my second visit."),
    ("The quiche <lunch special> is a steal at $9.", ""),
    ("Honestly, the warmest bakery in town - in every sense.", ""),
)
HOW = (IN_PERSON, PHONE, EMAIL, REVIEW_SITE, WRITTEN_CARD)
INCENTIVES = ("", "", "", "a free loaf of sourdough", "", "a 10% discount on their next order")
# (release state to reach, days ago given) for each demo testimonial, in order.
PLAN = (
    ("signed", 400), ("signed", 200), ("signed", 90), ("signed_ending", 700),
    ("requested_late", 30), ("requested", 5), ("not_requested", 3), ("not_requested", 12),
    ("declined", 60), ("revoked", 300), ("expired", 800), ("signed", 40),
)


def add_demo_testimonials(session: Session, today: dt.date, rng: random.Random) -> int:
    """Testimonials for some of the most loyal demo customers, in every release state;
    returns how many were added (none when there are too few customers)."""
    c = CUSTOMERS.c
    loyal = list(session.scalars(
        select(c.id).where(c.deleted_at.is_(None), c.first_name != "", c.last_name != "")
        .order_by(c.visit_count.desc(), c.id).limit(len(PLAN))))
    for index, (customer_id, (state, days_ago)) in enumerate(zip(loyal, PLAN)):
        words, edited = QUOTES[index % len(QUOTES)]
        given = today - dt.timedelta(days=days_ago)
        by = STAFF[index % 2]
        tid = capture_testimonial(session, TestimonialDraft(
            customer_id, words, given, how_given=HOW[index % len(HOW)], edited_words=edited,
            rating=rng.choice((4, 5, 5, 5)), captured_by=by,
            incentive=INCENTIVES[index % len(INCENTIVES)]))
        _play(session, tid, state, given, today, by, rng)
    expire_releases(session, today)
    return len(loyal)


def _play(session: Session, tid: int, state: str, given: dt.date, today: dt.date, by: str,
          rng: random.Random) -> None:
    if state == "not_requested":
        return
    asked = given + dt.timedelta(days=2)
    if state == "requested_late":
        mark_release_requested(session, [tid], on=today - dt.timedelta(days=20), by=by)
        return
    mark_release_requested(session, [tid], on=asked, by=by)
    if state == "requested":
        return
    signed = asked + dt.timedelta(days=rng.randrange(3, 10))
    if state == "declined":
        decline_release(session, tid, on=signed, by=by, reason="would rather stay private")
        return
    channels = rng.choice(((WEBSITE, SOCIAL), (WEBSITE, SOCIAL, PRINT),
                           (WEBSITE, PRINT, ADVERTISING), (WEBSITE, VIDEO_AUDIO, SOCIAL)))
    until = {"signed_ending": today + dt.timedelta(days=20),
             "expired": given + dt.timedelta(days=700)}.get(state)
    if until is None and rng.random() < 0.7:
        until = signed.replace(year=signed.year + 2) if signed.month != 2 else (
            signed + dt.timedelta(days=730))
    scope = ReleaseScope(channels, rng.choice((FULL_NAME, FIRST_NAME_INITIAL,
                                               FIRST_NAME_INITIAL, ANONYMOUS)),
                         photo=rng.random() < 0.4, light_editing=rng.random() < 0.6,
                         until=until)
    sign_release(session, tid, scope, signed_on=signed, by=by)
    used = signed + dt.timedelta(days=7)
    uses = [log_use(session, tid, UseDraft(WEB_PAGE, "maplerye.example.com/kind-words",
                                           WEBSITE, used), by=by)]
    if SOCIAL in channels:
        uses.append(log_use(session, tid, UseDraft(
            SOCIAL_POST, f"Instagram post, {used.strftime('%B %Y')}", SOCIAL, used), by=by))
    if PRINT in channels:
        uses.append(log_use(session, tid, UseDraft(FLYER, "Spring menu flyer", PRINT, used),
                            by=by))
    if state == "revoked":
        revoked = today - dt.timedelta(days=6)
        revoke_release(session, tid, on=revoked, reason="asked by email to take it down",
                       by=by)
        tick_off_use(session, uses[0], on=revoked + dt.timedelta(days=1), by=by)
