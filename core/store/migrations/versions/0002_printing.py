"""printing: edited templates, print batches and their items

Revision ID: 0002_printing
Revises: 0001_initial
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_printing"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "print_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("format_name", sa.String(length=40), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "print_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("template_name", sa.String(length=100), nullable=False),
        sa.Column("template_kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("format_name", sa.String(length=40), nullable=False),
        sa.Column("label_sheet", sa.String(length=40), nullable=False),
        sa.Column("reprint_of_id", sa.Integer(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("skipped_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["reprint_of_id"], ["print_batches.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_print_batches_created_at", "print_batches", ["created_at"])
    op.create_index("ix_print_batches_template_name", "print_batches", ["template_name"])
    op.create_table(
        "print_batch_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("skip_reason", sa.String(length=20), nullable=False),
        sa.Column("recipient_name", sa.String(length=400), nullable=False),
        sa.Column("values_json", sa.Text(), nullable=False),
        sa.Column("status_changed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["batch_id"], ["print_batches.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_print_batch_items_batch_id", "print_batch_items", ["batch_id"])
    op.create_index(
        "ix_print_batch_items_customer_status", "print_batch_items", ["customer_id", "status"]
    )


def downgrade() -> None:
    op.drop_index("ix_print_batch_items_customer_status", table_name="print_batch_items")
    op.drop_index("ix_print_batch_items_batch_id", table_name="print_batch_items")
    op.drop_table("print_batch_items")
    op.drop_index("ix_print_batches_template_name", table_name="print_batches")
    op.drop_index("ix_print_batches_created_at", table_name="print_batches")
    op.drop_table("print_batches")
    op.drop_table("print_templates")
