"""ORM models of the council: terms, members, and the gatherings (council meetings and
appreciation evenings) with their invitations and attendance, agenda, minutes, decisions,
actions and ideas; and the letters sent, so that "you said, we did" knows what each
member was last told.

Council meetings and appreciation evenings are both `Gathering`s: they share the
invitation, RSVP and attendance rows (`Invitation`), not copies of them.
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
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from core.store.base import Base, Versioned


class Term(Versioned, Base):
    __tablename__ = "council_terms"
    edited_fields = ("name", "starts_on", "ends_on", "seats", "charter")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    seats: Mapped[int] = mapped_column(Integer, default=10)
    charter: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Member(Versioned, Base):
    """One customer's seat in one term; the history across terms is these rows."""

    __tablename__ = "council_members"
    edited_fields = ("status", "role", "charter_accepted_on")

    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("council_terms.id", ondelete="CASCADE"))
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    # suggested, invited, accepted, declined, active, stepped_down, ended
    status: Mapped[str] = mapped_column(String(20), default="suggested")
    role: Mapped[str] = mapped_column(String(20), default="member")  # chair, member
    invited_on: Mapped[dt.date | None] = mapped_column(Date)
    joined_on: Mapped[dt.date | None] = mapped_column(Date)
    left_on: Mapped[dt.date | None] = mapped_column(Date)
    charter_accepted_on: Mapped[dt.date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")  # why they were suggested

    __table_args__ = (UniqueConstraint("term_id", "customer_id", name="uq_council_members"),)


class Gathering(Versioned, Base):
    """A council meeting (`term_id` set) or an appreciation evening (`kind` evening)."""

    __tablename__ = "gatherings"
    edited_fields = (
        "title", "held_on", "starts_at", "place", "capacity", "invitations_sent_on",
        "notes_sent_on")

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # meeting, evening
    term_id: Mapped[int | None] = mapped_column(
        ForeignKey("council_terms.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    held_on: Mapped[dt.date] = mapped_column(Date, index=True)
    starts_at: Mapped[str] = mapped_column(String(5), default="")  # "18:30"
    place: Mapped[str] = mapped_column(String(300), default="")
    capacity: Mapped[int | None] = mapped_column(Integer)  # evenings: guests, plus-ones too
    invitations_sent_on: Mapped[dt.date | None] = mapped_column(Date)
    notes_sent_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Invitation(Base):
    """Who is asked to a gathering, their answer and whether they came."""

    __tablename__ = "gathering_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    gathering_id: Mapped[int] = mapped_column(
        ForeignKey("gatherings.id", ondelete="CASCADE"))
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    invited_on: Mapped[dt.date | None] = mapped_column(Date)  # the letter printed
    rsvp: Mapped[str] = mapped_column(String(10), default="")  # "", yes, no, maybe
    plus_one: Mapped[bool] = mapped_column(Boolean, default=False)
    attendance: Mapped[str] = mapped_column(String(10), default="")  # present, apologies, absent
    # The interaction "came to the evening" recorded on the customer, removed with it.
    interaction_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint("gathering_id", "customer_id", name="uq_gathering_invitations"),)


class AgendaItem(Versioned, Base):
    __tablename__ = "council_agenda_items"
    edited_fields = ("title", "minutes", "left_open")

    id: Mapped[int] = mapped_column(primary_key=True)
    gathering_id: Mapped[int] = mapped_column(
        ForeignKey("gatherings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    minutes: Mapped[str] = mapped_column(Text, default="")
    # Left open at the meeting: carried into the next one.
    left_open: Mapped[bool] = mapped_column(Boolean, default=False)
    carried_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("council_agenda_items.id", ondelete="SET NULL"))


class Decision(Base):
    __tablename__ = "council_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    gathering_id: Mapped[int] = mapped_column(
        ForeignKey("gatherings.id", ondelete="CASCADE"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("council_agenda_items.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)


class CouncilAction(Base):
    """Something someone agreed to do at a meeting; open ones follow into the next."""

    __tablename__ = "council_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    gathering_id: Mapped[int] = mapped_column(
        ForeignKey("gatherings.id", ondelete="CASCADE"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("council_agenda_items.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200), default="")
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date)


class Idea(Versioned, Base):
    __tablename__ = "council_ideas"
    edited_fields = ("text", "status", "response")

    id: Mapped[int] = mapped_column(primary_key=True)
    gathering_id: Mapped[int | None] = mapped_column(
        ForeignKey("gatherings.id", ondelete="SET NULL"), index=True)
    raised_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="SET NULL"), index=True)
    raised_on: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="heard")
    response: Mapped[str] = mapped_column(Text, default="")
    status_changed_on: Mapped[dt.date] = mapped_column(Date)


class Letter(Base):
    """A council letter printed for one customer: invitation, notes, you-said-we-did,
    thank-you, renewal."""

    __tablename__ = "council_letters"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    term_id: Mapped[int | None] = mapped_column(
        ForeignKey("council_terms.id", ondelete="SET NULL"))
    gathering_id: Mapped[int | None] = mapped_column(
        ForeignKey("gatherings.id", ondelete="SET NULL"))
    sent_on: Mapped[dt.date] = mapped_column(Date)
    batch_id: Mapped[int | None] = mapped_column(Integer)
    # "you said, we did": the ideas it reported, as JSON [[idea id, status], ...], so the
    # next one reports exactly what changed since.
    detail: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_council_letters_customer_kind", "customer_id", "kind"),)
