"""ORM models of the customers area: customers, tags, interactions and moments.

The schema itself is created by Alembic migrations.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.store.base import Base, Versioned

# Sortable columns of the customer list, and the condition that selects live customers.
SORT_COLUMNS = (
    "sort_name", "email_key", "phone", "city", "postal_code", "stage", "visit_count",
    "lifetime_value_minor", "last_interaction_on", "customer_since",
)
LIVE = text("deleted_at IS NULL")


class CustomerTag(Base):
    __tablename__ = "customer_tags"

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class Customer(Versioned, Base):
    __tablename__ = "customers"
    edited_fields = (
        "first_name", "last_name", "organisation", "email", "phone", "street", "city", "region",
        "postal_code", "country", "notes", "source", "referred_by_id", "customer_since",
        "birthday_month", "birthday_day", "birthday_year", "no_mail", "no_email",
        "no_birthday_cards", "no_calls", "no_campaigns", "needs_checking", "deleted_at")

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(200), default="")
    last_name: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    street: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(200), default="")
    region: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(40), default="")
    country: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(100), default="")
    referred_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="SET NULL"), index=True
    )
    customer_since: Mapped[dt.date | None] = mapped_column(Date)
    birthday_month: Mapped[int | None] = mapped_column(Integer)
    birthday_day: Mapped[int | None] = mapped_column(Integer)
    birthday_year: Mapped[int | None] = mapped_column(Integer)
    no_mail: Mapped[bool] = mapped_column(Boolean, default=False)
    no_email: Mapped[bool] = mapped_column(Boolean, default=False)
    no_birthday_cards: Mapped[bool] = mapped_column(Boolean, default=False)
    no_calls: Mapped[bool] = mapped_column(Boolean, default=False)
    # Left out of all of the program's gestures (cards, letters and calls).
    no_campaigns: Mapped[bool] = mapped_column(Boolean, default=False)
    # Values an import could not use (a phone "12"), as given, for a person to look at:
    # see core.customers.validation.needs_checking_text. "" when there are none.
    needs_checking: Mapped[str] = mapped_column(Text, default="")

    # Derived from interactions and referrals; stored so the list sorts and filters in SQL.
    stage: Mapped[str] = mapped_column(String(20), default="prospect")
    visit_count: Mapped[int] = mapped_column(Integer, default=0)
    lifetime_value_minor: Mapped[int] = mapped_column(Integer, default=0)
    last_interaction_on: Mapped[dt.date | None] = mapped_column(Date)

    # Folded keys for search, sorting and duplicate matching (see core/text.py).
    search_text: Mapped[str] = mapped_column(Text, default="")
    sort_name: Mapped[str] = mapped_column(String(400), default="")
    email_key: Mapped[str] = mapped_column(String(320), default="")
    name_postcode_key: Mapped[str] = mapped_column(String(500), default="")

    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    interactions: Mapped[list[Interaction]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", passive_deletes=True
    )
    moments: Mapped[list[Moment]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", passive_deletes=True
    )
    tags: Mapped[list[Tag]] = relationship(secondary="customer_tags", order_by=Tag.name)

    # One (column, id) index of live customers per sortable list column, matching the list's
    # ORDER BY column, id: the ordered ids of 100,000 customers come from an index alone.
    # deleted_at has no index of its own on purpose: with one, SQLite filters on it first
    # and then sorts everything.
    __table_args__ = tuple(
        Index(f"ix_customers_{column}", column, "id", sqlite_where=LIVE, postgresql_where=LIVE)
        for column in SORT_COLUMNS
    ) + (Index("ix_customers_name_postcode_key", "name_postcode_key"),
         # The program's birthday rule seeks the customers born on a few days of the year.
         Index("ix_customers_birthday", "birthday_month", "birthday_day"))


class Interaction(Versioned, Base):
    __tablename__ = "interactions"
    edited_fields = ("kind", "occurred_on", "amount_minor", "note")

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # visit, purchase, call, meeting, note
    occurred_on: Mapped[dt.date] = mapped_column(Date, index=True)  # the program's rules
    amount_minor: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    # Where an import found it (core/visits/till): the till's name for it, so importing the
    # same export again adds nothing, and the import that brought it, so it can be undone.
    source: Mapped[str | None] = mapped_column(String(40))
    external_id: Mapped[str | None] = mapped_column(String(200))
    import_run_id: Mapped[int | None] = mapped_column(Integer, index=True)

    customer: Mapped[Customer] = relationship(back_populates="interactions")

    __table_args__ = (
        Index("ux_interactions_source_external_id", "source", "external_id", unique=True),
        # "Did this customer come before that day?", "their tenth visit": the program's rules.
        Index("ix_interactions_customer_day", "customer_id", "occurred_on"),
    )


class Moment(Base):
    __tablename__ = "moments"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # anniversary, life_event
    life_event: Mapped[str] = mapped_column(String(20), default="")  # wedding, new_baby, ...
    month: Mapped[int] = mapped_column(Integer)
    day: Mapped[int] = mapped_column(Integer)
    year: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")

    customer: Mapped[Customer] = relationship(back_populates="moments")
