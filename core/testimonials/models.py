"""ORM models of the testimonials area: testimonials with their release, the history of
every change (the proof of consent), attachments, and the places each is used.

The schema itself is created by Alembic migrations (0021_testimonials).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from core.store.base import Base, Versioned


class Testimonial(Versioned, Base):
    __tablename__ = "testimonials"
    edited_fields = (
        "words", "edited_words", "rating", "given_on", "how_given", "captured_by", "incentive",
        "release_state", "channels", "naming", "photo_allowed", "editing_allowed",
        "release_until", "revoke_reason")

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    words: Mapped[str] = mapped_column(Text)  # exactly as said
    edited_words: Mapped[str] = mapped_column(Text, default="")  # "" : used as said
    rating: Mapped[int | None] = mapped_column(Integer)
    given_on: Mapped[dt.date] = mapped_column(Date)
    how_given: Mapped[str] = mapped_column(String(20))
    captured_by: Mapped[str] = mapped_column(String(200), default="")
    incentive: Mapped[str] = mapped_column(String(300), default="")

    # The release: its state and the day of each step.
    release_state: Mapped[str] = mapped_column(String(20), default="not_requested")
    requested_on: Mapped[dt.date | None] = mapped_column(Date)
    signed_on: Mapped[dt.date | None] = mapped_column(Date)
    declined_on: Mapped[dt.date | None] = mapped_column(Date)
    revoked_on: Mapped[dt.date | None] = mapped_column(Date)
    expired_on: Mapped[dt.date | None] = mapped_column(Date)
    revoke_reason: Mapped[str] = mapped_column(Text, default="")
    # The scope the customer ticked (set when signed; kept after revoking, as the record).
    channels: Mapped[str] = mapped_column(String(100), default="")  # "website,social"
    naming: Mapped[str] = mapped_column(String(20), default="")
    photo_allowed: Mapped[bool] = mapped_column(Boolean, default=False)
    editing_allowed: Mapped[bool] = mapped_column(Boolean, default=False)
    release_until: Mapped[dt.date | None] = mapped_column(Date)  # None: until revoked

    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)

    __table_args__ = (
        # The program's rules: releases ending soon, forms out for a while.
        Index("ix_testimonials_state_until", "release_state", "release_until"),
        Index("ix_testimonials_state_requested", "release_state", "requested_on"),
    )


class TestimonialEvent(Base):
    """One change to a testimonial, with who made it and when: never edited or deleted
    while the testimonial exists."""

    __tablename__ = "testimonial_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    testimonial_id: Mapped[int] = mapped_column(
        ForeignKey("testimonials.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(200), default="")
    event: Mapped[str] = mapped_column(String(30))
    detail: Mapped[str] = mapped_column(Text, default="")


class TestimonialAttachment(Base):
    """A file kept in the data folder's file store under its SHA-256 (core.store.files)."""

    __tablename__ = "testimonial_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    testimonial_id: Mapped[int] = mapped_column(
        ForeignKey("testimonials.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    file_name: Mapped[str] = mapped_column(String(300))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)
    added_by: Mapped[str] = mapped_column(String(200), default="")


class TestimonialUse(Base):
    """A place the testimonial is used; `removed_on` set once it is taken down."""

    __tablename__ = "testimonial_uses"

    id: Mapped[int] = mapped_column(primary_key=True)
    testimonial_id: Mapped[int] = mapped_column(
        ForeignKey("testimonials.id", ondelete="CASCADE"), index=True)
    place_kind: Mapped[str] = mapped_column(String(20))
    place: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(20))
    started_on: Mapped[dt.date] = mapped_column(Date)
    removed_on: Mapped[dt.date | None] = mapped_column(Date)
    removed_by: Mapped[str] = mapped_column(String(200), default="")
