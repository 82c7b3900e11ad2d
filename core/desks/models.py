"""ORM models of the desks area: the shop's staff, and who changed which record, where."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.store.base import Base


class StaffMember(Base):
    """Someone who works at the shop's desks. The PIN is optional and kept only as a salted
    hash (core.desks.services)."""

    __tablename__ = "staff_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    pin_hash: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class RecordChange(Base):
    """One save of a record a person edits: which values changed, by whom, at which desk
    ("phone changed by Sam at Front desk, 10:42"). Written by core.desks.audit."""

    __tablename__ = "record_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    desk: Mapped[str] = mapped_column(String(200), default="")
    person: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(40))  # the table: customers, interactions...
    record_id: Mapped[int] = mapped_column(Integer)
    # Whose record it belongs to, for the customer's own history (None: the shop's).
    customer_id: Mapped[int | None] = mapped_column(Integer)
    fields: Mapped[str] = mapped_column(Text, default="")  # the changed values' names, commas

    __table_args__ = (Index("ix_record_changes_customer", "customer_id", "at"),)
