"""Reading testimonials into rows: the effective release state on a day, the scope, the
customer's name. Shared by the services, the queries and the exports."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, and_, func, or_, select

from core.customers.tables import CUSTOMERS
from core.customers.types import display_name
from core.testimonials.models import Testimonial, TestimonialUse
from core.testimonials.types import (
    ENDED,
    EXPIRED,
    SIGNED,
    ReleaseRecord,
    ReleaseScope,
    TestimonialDraft,
    TestimonialRow,
)


def state_on(state: str, until: dt.date | None, today: dt.date) -> str:
    """A signed release reads expired from its end date on, recorded or not."""
    if state == SIGNED and until is not None and today >= until:
        return EXPIRED
    return state


def release_of(t: Testimonial) -> ReleaseRecord:
    """The release as stored (what release moves are checked against)."""
    return ReleaseRecord(t.release_state, t.requested_on, t.signed_on, t.declined_on,
                         t.revoked_on, t.revoke_reason, scope_of(t))


def draft_of(t: Testimonial) -> TestimonialDraft:
    """What was recorded, as stored (what edits are checked against)."""
    return TestimonialDraft(
        customer_id=t.customer_id, words=t.words, given_on=t.given_on,
        how_given=t.how_given, edited_words=t.edited_words, rating=t.rating,
        captured_by=t.captured_by, incentive=t.incentive)


def scope_of(t: Testimonial) -> ReleaseScope | None:
    if t.signed_on is None:
        return None
    channels = tuple(c for c in t.channels.split(",") if c)
    return ReleaseScope(channels, t.naming, t.photo_allowed, t.editing_allowed,
                        t.release_until)


def rows_query() -> Select[Any]:
    """Testimonials with their customer's name parts and counts of uses still in place."""
    u = TestimonialUse
    in_place = (select(func.count()).where(u.testimonial_id == Testimonial.id,
                                           u.removed_on.is_(None))
                .correlate(Testimonial).scalar_subquery())
    c = CUSTOMERS.c
    return (select(Testimonial, c.first_name, c.last_name, c.organisation, c.email,
                   in_place.label("in_place"))
            .join(CUSTOMERS, c.id == Testimonial.customer_id))


def row_of(t: Testimonial, name_parts: Sequence[str], in_place: int,
           today: dt.date) -> TestimonialRow:
    state = state_on(t.release_state, t.release_until, today)
    first, last, organisation, email = name_parts
    expired_on = t.expired_on
    if state == EXPIRED and expired_on is None:
        expired_on = t.release_until
    return TestimonialRow(
        id=t.id, customer_id=t.customer_id,
        customer_name=display_name(first, last, organisation) or email,
        words=t.words, edited_words=t.edited_words, rating=t.rating, given_on=t.given_on,
        how_given=t.how_given, captured_by=t.captured_by, incentive=t.incentive,
        release_state=state, requested_on=t.requested_on, signed_on=t.signed_on,
        declined_on=t.declined_on, revoked_on=t.revoked_on, expired_on=expired_on,
        revoke_reason=t.revoke_reason, scope=scope_of(t), uses_in_place=int(in_place),
        takedowns_open=int(in_place) if state in ENDED else 0,
        version=t.version, release=release_of(t),
    )


def ended_condition(today: dt.date) -> Any:
    """SQL: the release was revoked or has expired (recorded, or past its end date)."""
    return or_(Testimonial.release_state.in_(ENDED),
               and_(Testimonial.release_state == SIGNED,
                    Testimonial.release_until.is_not(None),
                    Testimonial.release_until <= today))
