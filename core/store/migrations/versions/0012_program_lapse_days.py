"""each customer's lapse day, kept until their last visit changes, so the daily evaluation
of the "we miss you" rule reads one indexed column instead of every customer's visits

Revision ID: 0012_program_lapse_days
Revises: 0011_program
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_program_lapse_days"
down_revision = "0011_program"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "program_lapse_days",
        sa.Column("customer_id", sa.Integer(),
                  sa.ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("last_visit", sa.Date(), nullable=False),
        sa.Column("lapses_on", sa.Date(), nullable=False),
    )
    op.create_index("ix_program_lapse_days_lapses_on", "program_lapse_days", ["lapses_on"])


def downgrade() -> None:
    op.drop_index("ix_program_lapse_days_lapses_on", table_name="program_lapse_days")
    op.drop_table("program_lapse_days")
