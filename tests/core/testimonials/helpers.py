"""Customers and testimonials for the testimonials tests."""
from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.testimonials.services import capture_testimonial
from core.testimonials.types import TestimonialDraft

TODAY = dt.date(2026, 12, 2)


def add_customer_named(session: Session, first: str = "Ann", last: str = "Lee", **fields: object) -> int:
    draft = CustomerDraft(first_name=first, last_name=last, **fields)  # type: ignore[arg-type]
    return add_customer(session, draft).id


def add_testimonial(session: Session, customer_id: int, words: str = "Best haircut in town.",
                **fields: object) -> int:
    draft = TestimonialDraft(customer_id=customer_id, words=words,
                             given_on=fields.pop("given_on", TODAY),  # type: ignore[arg-type]
                             **fields)  # type: ignore[arg-type]
    return capture_testimonial(session, draft)
