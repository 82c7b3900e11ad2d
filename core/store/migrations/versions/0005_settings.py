"""declared settings sections (stage thresholds, later the program's rule timings)

Revision ID: 0005_settings
Revises: 0004_money
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_settings"
down_revision = "0004_money"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # No rows: a section nobody saved reads as its declared defaults.
    op.create_table(
        "settings_sections",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("settings_sections")
