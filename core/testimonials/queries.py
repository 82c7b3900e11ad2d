"""Reading testimonials: lists, one with its history, the take-down checklist, and
whether a release allows a channel on a day."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from core.customers.tables import CUSTOMERS
from core.customers.types import display_name
from core.kernel.errors import NotFound
from core.testimonials.models import (
    Testimonial,
    TestimonialAttachment,
    TestimonialEvent,
    TestimonialUse,
)
from core.testimonials.records import ended_condition, row_of, rows_query, state_on
from core.testimonials.types import (
    DECLINED,
    EXPIRED,
    LEFT_DECLINED,
    LEFT_EXPIRED,
    LEFT_NOT_SIGNED,
    LEFT_OTHER_CHANNELS,
    LEFT_REVOKED,
    REVOKED,
    SIGNED,
    AttachmentRow,
    CustomerTestimonialUses,
    HistoryEntry,
    ReleaseScope,
    TakedownItem,
    TestimonialDetail,
    TestimonialRow,
    UseRow,
)

FORGOTTEN = "forgotten"  # TakedownItem.reason: the customer is being deleted for good


def release_problem(state: str, until: dt.date | None, scope: ReleaseScope | None,
                    channel: str, day: dt.date) -> str:
    """"" when the release allows `channel` on `day`; else why not (a LEFT_OUT_REASONS
    code): never signed, declined, revoked, expired, or signed for other channels."""
    state = state_on(state, until, day)
    if state == SIGNED:
        return "" if scope is not None and scope.covers(channel) else LEFT_OTHER_CHANNELS
    return {DECLINED: LEFT_DECLINED, REVOKED: LEFT_REVOKED,
            EXPIRED: LEFT_EXPIRED}.get(state, LEFT_NOT_SIGNED)


def list_testimonials(session: Session, *, today: dt.date, customer_id: int | None = None,
                      states: Sequence[str] = (), ids: Sequence[int] = ()
                      ) -> list[TestimonialRow]:
    """Testimonials, newest first: all, one customer's, those with given ids, or those
    whose release is (as of `today`) in one of `states`. Trashed customers' are left out
    unless asked for by customer or id."""
    query = rows_query()
    if customer_id is not None:
        query = query.where(Testimonial.customer_id == customer_id)
    elif ids:
        query = query.where(Testimonial.id.in_(sorted(set(ids))))
    else:
        query = query.where(CUSTOMERS.c.deleted_at.is_(None))
    query = query.order_by(Testimonial.given_on.desc(), Testimonial.id.desc())
    rows = [row_of(t, (first, last, org, email), in_place, today)
            for t, first, last, org, email, in_place in session.execute(query)]
    if states:
        rows = [row for row in rows if row.release_state in states]
    return rows


def get_testimonial(session: Session, testimonial_id: int, *,
                    today: dt.date) -> TestimonialDetail:
    """One testimonial with its attachments, uses and history (oldest first)."""
    rows = list_testimonials(session, today=today, ids=[testimonial_id])
    if not rows:
        raise NotFound("testimonial", testimonial_id)
    attachments = tuple(
        AttachmentRow(a.id, a.testimonial_id, a.kind, a.file_name, a.size_bytes, a.sha256,
                      a.added_at, a.added_by)
        for a in session.scalars(select(TestimonialAttachment)
                                 .where(TestimonialAttachment.testimonial_id == testimonial_id)
                                 .order_by(TestimonialAttachment.id)))
    uses = tuple(_use_row(u) for u in session.scalars(
        select(TestimonialUse).where(TestimonialUse.testimonial_id == testimonial_id)
        .order_by(TestimonialUse.started_on, TestimonialUse.id)))
    history = tuple(
        HistoryEntry(e.at, e.by, e.event, e.detail)
        for e in session.scalars(select(TestimonialEvent)
                                 .where(TestimonialEvent.testimonial_id == testimonial_id)
                                 .order_by(TestimonialEvent.at, TestimonialEvent.id)))
    return TestimonialDetail(rows[0], attachments, uses, history)


def _use_row(u: TestimonialUse) -> UseRow:
    return UseRow(u.id, u.testimonial_id, u.place_kind, u.place, u.channel, u.started_on,
                  u.removed_on, u.removed_by)


def takedown_checklist(session: Session, *, today: dt.date) -> tuple[TakedownItem, ...]:
    """Every place still using a testimonial whose release was revoked or has expired,
    oldest ending first: the take-down checklist (each ticked off with tick_off_use)."""
    c = CUSTOMERS.c
    query = (select(TestimonialUse, Testimonial, c.first_name, c.last_name, c.organisation,
                    c.email)
             .join(Testimonial, Testimonial.id == TestimonialUse.testimonial_id)
             .join(CUSTOMERS, c.id == Testimonial.customer_id)
             .where(TestimonialUse.removed_on.is_(None), ended_condition(today)))
    items = []
    for use, t, first, last, org, email in session.execute(query):
        state = state_on(t.release_state, t.release_until, today)
        ended = (t.revoked_on if state == REVOKED else t.expired_on or t.release_until)
        assert ended is not None
        items.append(TakedownItem(
            use_id=use.id, testimonial_id=t.id, customer_id=t.customer_id,
            customer_name=display_name(first, last, org) or email, place_kind=use.place_kind,
            where=use.place, channel=use.channel, started_on=use.started_on, ended_on=ended,
            reason=state))
    return tuple(sorted(items, key=lambda i: (i.ended_on, i.customer_name, i.use_id)))


def customer_testimonial_uses(session: Session, customer_ids: Iterable[int], *,
                              only: Sequence[int] = ()) -> CustomerTestimonialUses:
    """The places the testimonials of these customers are still in use, and how many
    attachments they have: what deleting them for good must report."""
    ids = sorted(set(customer_ids))
    c = CUSTOMERS.c
    query = (select(TestimonialUse, Testimonial.customer_id, c.first_name, c.last_name,
                    c.organisation, c.email)
             .join(Testimonial, Testimonial.id == TestimonialUse.testimonial_id)
             .join(CUSTOMERS, c.id == Testimonial.customer_id)
             .where(Testimonial.customer_id.in_(ids), TestimonialUse.removed_on.is_(None)))
    if only:
        query = query.where(Testimonial.id.in_(list(only)))
    today = dt.date.today()
    uses = tuple(
        TakedownItem(use.id, use.testimonial_id, customer_id,
                     display_name(first, last, org) or email, use.place_kind, use.place,
                     use.channel, use.started_on, today, FORGOTTEN)
        for use, customer_id, first, last, org, email in session.execute(query))
    attachments = len(session.scalars(
        select(TestimonialAttachment.id).join(Testimonial)
        .where(Testimonial.customer_id.in_(ids))).all())
    return CustomerTestimonialUses(uses, attachments)


def has_testimonial(session: Session, customer_id: int) -> bool:
    return bool(session.scalar(select(exists().where(Testimonial.customer_id == customer_id))))
