"""customers keep the values an import could not use, for a person to check

Revision ID: 0007_needs_checking
Revises: 0006_printing_status
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_needs_checking"
down_revision = "0006_printing_status"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: a batch (copy) migration of customers would rebuild its search
    # triggers and every sort index.
    op.add_column("customers", sa.Column("needs_checking", sa.Text(), nullable=False,
                                         server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("needs_checking")
