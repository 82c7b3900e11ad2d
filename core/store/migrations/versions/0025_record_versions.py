"""a version on every record a person edits (customers, interactions, templates, the
business profile): a save checks it, so an edit made at another desk meanwhile is merged or
shown, never silently overwritten (core.kernel.edits)

Revision ID: 0025_record_versions
Revises: 0018_birthday_index
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0025_record_versions"
down_revision = "0018_birthday_index"
branch_labels = None
depends_on = None

TABLES = ("customers", "interactions", "print_templates", "business_profile")


def upgrade() -> None:
    # A plain ADD COLUMN with a constant default: no table rebuild, even on SQLite.
    for table in TABLES:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False,
                                       server_default="1"))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
