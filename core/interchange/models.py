"""Tables of the interchange area: import history, mapping profiles, extra contact data."""
from __future__ import annotations

import datetime as dt
from typing import cast

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from core.store.base import Base


def table_of(model: type[Base]) -> Table:
    """The Core table of a model, for bulk statements."""
    return cast(Table, model.__table__)


class ImportRun(Base):
    """One import: what was read, what it did, and whether it was undone."""

    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime] = mapped_column(DateTime)
    file_name: Mapped[str] = mapped_column(String(500), default="")
    format: Mapped[str] = mapped_column(String(40), default="")
    encoding: Mapped[str] = mapped_column(String(40), default="")
    delimiter: Mapped[str] = mapped_column(String(4), default="")
    on_duplicate: Mapped[str] = mapped_column(String(20), default="skip")
    tag_name: Mapped[str] = mapped_column(String(100), default="")
    created_count: Mapped[int] = mapped_column(Integer, default=0)
    updated_count: Mapped[int] = mapped_column(Integer, default=0)
    skipped_count: Mapped[int] = mapped_column(Integer, default=0)
    rejected_count: Mapped[int] = mapped_column(Integer, default=0)
    # JSON: [first_id, last_id, first_id, last_id, ...]: the customers this import created.
    created_ranges: Mapped[str] = mapped_column(Text, default="[]")
    # JSON: [[line, field, code, detail], ...], at most MAX_STORED_PROBLEMS (older rows add
    # a fifth item, the rejected flag the code now implies).
    problems: Mapped[str] = mapped_column(Text, default="[]")
    problem_total: Mapped[int] = mapped_column(Integer, default=0)
    # JSON: [[line, outcome, customer_id, customer_name, matched_on, customer_line], ...]:
    # the rows that matched a customer (core.interchange.outcomes), at most
    # MAX_STORED_PROBLEMS; "[]" for imports before migration 0013.
    row_outcomes: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ImportChange(Base):
    """The fields an import changed on a customer that already existed, before and after."""

    __tablename__ = "import_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("import_runs.id", ondelete="CASCADE"), index=True
    )
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    before: Mapped[str] = mapped_column(Text, default="{}")  # JSON {column: value}
    after: Mapped[str] = mapped_column(Text, default="{}")
    added_tag_ids: Mapped[str] = mapped_column(Text, default="[]")


class ImportProfile(Base):
    """A named column mapping the owner saved in the wizard."""

    __tablename__ = "import_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    format: Mapped[str] = mapped_column(String(40), default="generic")
    mapping: Mapped[str] = mapped_column(Text, default="{}")  # JSON {header: field}
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class CustomerContact(Base):
    """Emails and phones beyond the primary ones on the customer row."""

    __tablename__ = "customer_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))  # email, phone
    value: Mapped[str] = mapped_column(String(320))
    label: Mapped[str] = mapped_column(String(60), default="")


class CustomerConsent(Base):
    """Marketing consent as the source system recorded it (None: not stated)."""

    __tablename__ = "customer_consents"

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    email_marketing: Mapped[bool | None] = mapped_column(Boolean)
    sms_marketing: Mapped[bool | None] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(String(40), default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


class CustomerExternalId(Base):
    """An id another program gave a customer (Shopify's Customer ID, HubSpot's Record ID, a
    vCard's UID, another Regulars database's), so importing its file again finds them."""

    __tablename__ = "customer_external_ids"
    __table_args__ = (
        UniqueConstraint("source", "value", name="uq_customer_external_ids_source_value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(String(40))  # shopify, hubspot, vcard, regulars, ...
    value: Mapped[str] = mapped_column(String(200))
