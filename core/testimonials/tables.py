"""The testimonials area's tables, as SQLAlchemy Core tables, for other areas' set-based
reads: "has this customer given a testimonial?" is
`exists().where(TESTIMONIALS.c.customer_id == CUSTOMERS.c.id)`. Writes stay in the
services (every change goes into the testimonial's history)."""
from __future__ import annotations

from typing import cast

from sqlalchemy import Table

from core.testimonials.models import (
    Testimonial,
    TestimonialAttachment,
    TestimonialEvent,
    TestimonialUse,
)

TESTIMONIALS = cast(Table, Testimonial.__table__)
TESTIMONIAL_EVENTS = cast(Table, TestimonialEvent.__table__)
TESTIMONIAL_ATTACHMENTS = cast(Table, TestimonialAttachment.__table__)
TESTIMONIAL_USES = cast(Table, TestimonialUse.__table__)
