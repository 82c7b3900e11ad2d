"""ORM models of the program: one action per (rule, customer, occasion), and each rule's
own bookkeeping (since when it runs, up to which day it has been evaluated)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.store.base import Base


class Action(Base):
    """A gesture the program asks for. Its key (rule, customer, occasion) is unique in the
    database, so evaluating again, or on two desks at once, can never create a second one."""

    __tablename__ = "program_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    rule: Mapped[str] = mapped_column(String(40))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    occasion_on: Mapped[dt.date] = mapped_column(Date)
    due_on: Mapped[dt.date] = mapped_column(Date)
    gesture: Mapped[str] = mapped_column(String(20))  # card, letter, call
    # What the rule knows of the occasion, for the "why" line: "10" (visits), "wedding", ...
    detail: Mapped[str] = mapped_column(String(100), default="")
    # open, done, skipped, missed (overdue, due, upcoming and snoozed are read from dates)
    state: Mapped[str] = mapped_column(String(20), default="open")
    snoozed_until: Mapped[dt.date | None] = mapped_column(Date)
    # A card that falls within the per-customer cap of another one is made as one gesture
    # with it: it points at that action, and is completed with it.
    joined_to_id: Mapped[int | None] = mapped_column(
        ForeignKey("program_actions.id", ondelete="SET NULL")
    )
    note: Mapped[str] = mapped_column(Text, default="")
    completed_by: Mapped[str] = mapped_column(String(200), default="")
    completed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)

    __table_args__ = (
        UniqueConstraint("rule", "customer_id", "occasion_on", name="uq_program_actions_occasion"),
        Index("ix_program_actions_state_due", "state", "due_on"),
        Index("ix_program_actions_customer", "customer_id"),
    )


class RuleState(Base):
    """Since when a rule runs (nothing older than its window is created then: no backward
    flood) and the last day it was evaluated (the next evaluation catches up from there)."""

    __tablename__ = "program_rule_states"

    rule: Mapped[str] = mapped_column(String(40), primary_key=True)
    enabled_on: Mapped[dt.date] = mapped_column(Date)
    evaluated_on: Mapped[dt.date | None] = mapped_column(Date)


class LapseDay(Base):
    """The day each customer who has come in will count as lapsed, worked out from their
    visits (max(2 × median gap, 90 days), or 120 days after a single visit) and kept until
    their last visit changes, so the daily evaluation reads one indexed column instead of
    every customer's visits."""

    __tablename__ = "program_lapse_days"

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True)
    last_visit: Mapped[dt.date] = mapped_column(Date)
    lapses_on: Mapped[dt.date] = mapped_column(Date, index=True)
