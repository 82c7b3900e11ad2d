"""the import history keeps every row an import skipped, filled, overwrote or kept apart

Revision ID: 0013_import_row_outcomes
Revises: 0012_program_lapse_days
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_import_row_outcomes"
down_revision = "0012_program_lapse_days"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Earlier imports did not record their rows: an empty list.
    op.add_column("import_runs", sa.Column("row_outcomes", sa.Text(), nullable=False,
                                           server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("import_runs") as batch:
        batch.drop_column("row_outcomes")
