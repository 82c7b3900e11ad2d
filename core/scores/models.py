"""ORM models of the scores area: the answers, and the paper survey cards printed."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.store.base import Base


class Score(Base):
    """One answer of one customer to one question, on one scale (NPS or CSAT)."""

    __tablename__ = "scores"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    scale: Mapped[str] = mapped_column(String(8))  # nps, csat
    score: Mapped[int] = mapped_column(Integer)
    question: Mapped[str] = mapped_column(String(300))
    channel: Mapped[str] = mapped_column(String(20))  # phone, in_person, paper, email
    answered_on: Mapped[dt.date] = mapped_column(Date)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)

    __table_args__ = (
        Index("ix_scores_customer", "customer_id", "answered_on"),
        # The figures and the rules read answers by day.
        Index("ix_scores_answered_on", "answered_on"),
    )


class SurveyCard(Base):
    """A paper survey card printed for a customer: its short code is typed back in with
    the answer, which then points at the score it became."""

    __tablename__ = "survey_cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)  # "K7Q3MX", shown "K7Q-3MX"
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    scale: Mapped[str] = mapped_column(String(8))
    question: Mapped[str] = mapped_column(String(300))
    printed_on: Mapped[dt.date] = mapped_column(Date)
    score_id: Mapped[int | None] = mapped_column(ForeignKey("scores.id", ondelete="SET NULL"))
