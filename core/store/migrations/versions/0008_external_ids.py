"""customers keep the ids other programs gave them, so the same file imported again matches

Revision ID: 0008_external_ids
Revises: 0007_needs_checking
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_external_ids"
down_revision = "0007_needs_checking"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer_external_ids",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("customer_id", sa.Integer(),
                  sa.ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.UniqueConstraint("source", "value", name="uq_customer_external_ids_source_value"),
    )
    op.create_index("ix_customer_external_ids_customer_id", "customer_external_ids",
                    ["customer_id"])


def downgrade() -> None:
    op.drop_index("ix_customer_external_ids_customer_id", table_name="customer_external_ids")
    op.drop_table("customer_external_ids")
