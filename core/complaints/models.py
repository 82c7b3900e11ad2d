"""ORM models of complaints (with every status change and its time) and promises."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.store.base import Base, Versioned


class Complaint(Versioned, Base):
    """Something to put right for a customer. Its status history is kept row by row
    (ComplaintStatusChange), so that time spent waiting on the customer can be left out of
    the time to resolve."""

    __tablename__ = "complaints"
    edited_fields = (
        "summary", "severity", "owner", "due_on", "status", "resolution", "satisfied")

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime)
    summary: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(10))  # low, normal, high
    owner: Mapped[str] = mapped_column(String(200), default="")
    due_on: Mapped[dt.date] = mapped_column(Date)
    # open, in_progress, waiting, resolved, closed (closed without resolution)
    status: Mapped[str] = mapped_column(String(20), default="open")
    # When it was resolved or closed; None while it is open.
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    resolution: Mapped[str] = mapped_column(Text, default="")
    # What the customer said when it was resolved: satisfied, not, or not asked (None).
    satisfied: Mapped[bool | None] = mapped_column(Boolean)

    __table_args__ = (
        Index("ix_complaints_customer", "customer_id"),
        Index("ix_complaints_status", "status"),
    )


class ComplaintStatusChange(Base):
    """One move of a complaint from one status to another, and when."""

    __tablename__ = "complaint_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))  # the status it moved to
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    changed_by: Mapped[str] = mapped_column(String(200), default="")


class Promise(Versioned, Base):
    """Something we said we would do for a customer, by a day ("frame ready Friday")."""

    __tablename__ = "promises"
    edited_fields = ("what", "due_on", "owner", "kept_on")

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    what: Mapped[str] = mapped_column(Text)
    made_on: Mapped[dt.date] = mapped_column(Date)
    due_on: Mapped[dt.date] = mapped_column(Date)
    owner: Mapped[str] = mapped_column(String(200), default="")
    kept_on: Mapped[dt.date | None] = mapped_column(Date)

    __table_args__ = (
        Index("ix_promises_customer", "customer_id"),
        Index("ix_promises_due", "due_on"),
    )
