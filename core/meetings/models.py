"""ORM models of meeting notes: one meeting with a customer, and who does what by when."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.store.base import Base, Versioned


class Meeting(Versioned, Base):
    """A meeting's notes: a consultation, a fitting, a business customer's review."""

    __tablename__ = "meetings"
    edited_fields = (
        "met_on", "subject", "attendees", "points", "agreed", "sent_on")

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    met_on: Mapped[dt.date] = mapped_column(Date, index=True)
    subject: Mapped[str] = mapped_column(String(200), default="")
    attendees: Mapped[str] = mapped_column(Text, default="")  # one per line
    points: Mapped[str] = mapped_column(Text, default="")  # the points discussed, one per line
    agreed: Mapped[str] = mapped_column(Text, default="")  # what was agreed, one per line
    sent_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class MeetingTask(Base):
    """Who does what by when, agreed at a meeting."""

    __tablename__ = "meeting_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    who: Mapped[str] = mapped_column(String(200))
    what: Mapped[str] = mapped_column(Text)
    due_on: Mapped[dt.date | None] = mapped_column(Date)
