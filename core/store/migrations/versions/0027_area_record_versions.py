"""a version on the records a person edits in the areas that came after the customer list
(complaints, promises, meeting notes, testimonials, the council's terms, members, meetings,
agenda items and ideas): a save checks it, as 0025 does for customers

Revision ID: 0027_area_record_versions
Revises: 0020_complaints
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0027_area_record_versions"
down_revision = "0020_complaints"
branch_labels = None
depends_on = None

TABLES = ("complaints", "promises", "meetings", "testimonials", "council_terms",
          "council_members", "gatherings", "council_agenda_items", "council_ideas")


def upgrade() -> None:
    # A plain ADD COLUMN with a constant default: no table rebuild, even on SQLite.
    for table in TABLES:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False,
                                       server_default="1"))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
