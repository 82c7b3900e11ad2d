"""print batches record their state: being printed, printed, or interrupted

Revision ID: 0006_printing_status
Revises: 0005_settings
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_printing_status"
down_revision = "0005_settings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every batch stored before this revision was recorded after its PDFs were written.
    # Plain ADD COLUMNs: a batch (copy) migration of this table would cascade to its items.
    op.add_column("print_batches", sa.Column("state", sa.String(length=20), nullable=False,
                                             server_default="printed"))
    op.add_column("print_batches", sa.Column("out_path", sa.Text(), nullable=False,
                                             server_default=""))
    op.add_column("print_batches", sa.Column("labels_path", sa.Text(), nullable=False,
                                             server_default=""))
    op.add_column("print_batches", sa.Column("label_start", sa.Integer(), nullable=False,
                                             server_default="1"))
    op.add_column("print_batches", sa.Column("mark_sent", sa.Boolean(), nullable=False,
                                             server_default=sa.false()))
    op.add_column("print_batches", sa.Column("printed_by", sa.String(length=200),
                                             nullable=False, server_default=""))
    op.create_index("ix_print_batches_state", "print_batches", ["state"])


def downgrade() -> None:
    op.drop_index("ix_print_batches_state", table_name="print_batches")
    with op.batch_alter_table("print_batches") as batch:
        for column in ("printed_by", "mark_sent", "label_start", "labels_path", "out_path",
                       "state"):
            batch.drop_column(column)
