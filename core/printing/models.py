"""ORM models for printing: edited templates, and batches with one item per recipient.

The tables are created by migration 0002_printing; 0006_printing_status adds a batch's
state and where its PDFs go, so a run killed halfway can be told apart and tidied.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.store.base import Base, Versioned


class PrintTemplate(Versioned, Base):
    """A template as the shop edited it; defaults live in code until someone edits them."""

    __tablename__ = "print_templates"
    edited_fields = ("title", "body", "format_name")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # card, letter
    title: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    format_name: Mapped[str] = mapped_column(String(40), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class PrintBatch(Base):
    """One print run. Keeps the template text it was printed with, so it can be opened again."""

    __tablename__ = "print_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    template_name: Mapped[str] = mapped_column(String(100), index=True)
    template_kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    format_name: Mapped[str] = mapped_column(String(40))
    label_sheet: Mapped[str] = mapped_column(String(40), default="")
    reprint_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("print_batches.id", ondelete="SET NULL")
    )
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    item_count: Mapped[int] = mapped_column(Integer, default=0)
    skipped_count: Mapped[int] = mapped_column(Integer, default=0)
    # printing (recorded, PDFs not yet in place), printed, or interrupted (found dead)
    state: Mapped[str] = mapped_column(String(20), default="printed", server_default="printed",
                                       index=True)
    out_path: Mapped[str] = mapped_column(Text, default="", server_default="")
    labels_path: Mapped[str] = mapped_column(Text, default="", server_default="")
    label_start: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    mark_sent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    printed_by: Mapped[str] = mapped_column(String(200), default="", server_default="")  # host:pid
    # A batch of several templates (Today's due cards): the others' text as printed, as JSON
    # {name: {kind, title, body, format_name}}; its items name theirs. "" for one template.
    templates_json: Mapped[str] = mapped_column(Text, default="", server_default="")

    items: Mapped[list[PrintBatchItem]] = relationship(
        back_populates="batch", cascade="all, delete-orphan", passive_deletes=True,
        order_by="PrintBatchItem.position",
    )


class PrintBatchItem(Base):
    """One recipient of a batch: printed, sent, spoiled, or skipped (with the reason)."""

    __tablename__ = "print_batch_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("print_batches.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="SET NULL")
    )
    status: Mapped[str] = mapped_column(String(20))  # printing, printed, sent, spoiled, skipped
    skip_reason: Mapped[str] = mapped_column(String(20), default="")
    recipient_name: Mapped[str] = mapped_column(String(400), default="")
    values_json: Mapped[str] = mapped_column(Text, default="{}")  # merge values as printed
    status_changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # The template this item was printed with, when not the batch's (see templates_json).
    template_name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    # The program's action this item makes (a due card): sent completes it.
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("program_actions.id", ondelete="SET NULL"), index=True
    )

    batch: Mapped[PrintBatch] = relationship(back_populates="items")

    __table_args__ = (
        Index("ix_print_batch_items_customer_status", "customer_id", "status"),
    )
