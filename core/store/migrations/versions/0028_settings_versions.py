"""a version on each settings section (the program's rules and timings, the complaint days,
the release form's wording...): two desks saving the same section merge value by value or
are asked, as 0025 and 0027 do for records

Revision ID: 0028_settings_versions
Revises: 0027_area_record_versions
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0028_settings_versions"
down_revision = "0027_area_record_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("settings_sections", sa.Column("version", sa.Integer(), nullable=False,
                                                 server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("settings_sections") as batch:
        batch.drop_column("version")
