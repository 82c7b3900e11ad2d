"""the shop's staff, and a record of who changed which record at which desk

Revision ID: 0026_desks_and_staff
Revises: 0025_record_versions
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0026_desks_and_staff"
down_revision = "0025_record_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_members",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("pin_hash", sa.String(200), nullable=False, server_default=""),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "record_changes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("desk", sa.String(200), nullable=False, server_default=""),
        sa.Column("person", sa.String(200), nullable=False, server_default=""),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer()),
        sa.Column("fields", sa.Text(), nullable=False, server_default=""),
    )
    op.create_index("ix_record_changes_customer", "record_changes", ["customer_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_record_changes_customer", table_name="record_changes")
    op.drop_table("record_changes")
    op.drop_table("staff_members")
