"""satisfaction scores (NPS and CSAT answers on customers) and the paper survey cards
printed with a short code to type the answers back in

Revision ID: 0019_scores
Revises: 0026_desks_and_staff
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019_scores"
down_revision = "0026_desks_and_staff"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scores",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("customer_id", sa.Integer(),
                  sa.ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
        sa.Column("scale", sa.String(length=8), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("question", sa.String(length=300), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_scores_customer", "scores", ["customer_id", "answered_on"])
    op.create_index("ix_scores_answered_on", "scores", ["answered_on"])
    op.create_table(
        "survey_cards",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(length=12), nullable=False, unique=True),
        sa.Column("customer_id", sa.Integer(),
                  sa.ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
        sa.Column("scale", sa.String(length=8), nullable=False),
        sa.Column("question", sa.String(length=300), nullable=False),
        sa.Column("printed_on", sa.Date(), nullable=False),
        sa.Column("score_id", sa.Integer(),
                  sa.ForeignKey("scores.id", ondelete="SET NULL"), nullable=True),
    )
    op.create_index("ix_survey_cards_customer_id", "survey_cards", ["customer_id"])


def downgrade() -> None:
    op.drop_index("ix_survey_cards_customer_id", table_name="survey_cards")
    op.drop_table("survey_cards")
    op.drop_index("ix_scores_answered_on", table_name="scores")
    op.drop_index("ix_scores_customer", table_name="scores")
    op.drop_table("scores")
