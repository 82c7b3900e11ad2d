"""a print batch can hold several templates (Today's due cards), each item naming its own
and the program action it makes

Revision ID: 0016_print_item_actions
Revises: 0015_business_state
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_print_item_actions"
down_revision = "0015_business_state"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("print_batches") as batch:
        batch.add_column(sa.Column("templates_json", sa.Text(), nullable=False,
                                   server_default=""))
    with op.batch_alter_table("print_batch_items") as batch:
        batch.add_column(sa.Column("template_name", sa.String(length=100), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("action_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_print_batch_items_action_id_program_actions",
                                 "program_actions", ["action_id"], ["id"], ondelete="SET NULL")
        batch.create_index("ix_print_batch_items_action_id", ["action_id"])


def downgrade() -> None:
    with op.batch_alter_table("print_batch_items") as batch:
        batch.drop_index("ix_print_batch_items_action_id")
        batch.drop_constraint("fk_print_batch_items_action_id_program_actions",
                              type_="foreignkey")
        batch.drop_column("action_id")
        batch.drop_column("template_name")
    with op.batch_alter_table("print_batches") as batch:
        batch.drop_column("templates_json")
