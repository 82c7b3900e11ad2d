"""the appreciation program: one action per (rule, customer, occasion), each rule's own
bookkeeping, the "no calls" and "leave out of all campaigns" opt-outs, and an index on the
day of each interaction (the rules look for occasions by date)

Revision ID: 0011_program
Revises: 0010_umlauts_spelled_out
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_program"
down_revision = "0010_umlauts_spelled_out"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "program_actions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("rule", sa.String(length=40), nullable=False),
        sa.Column("customer_id", sa.Integer(),
                  sa.ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
        sa.Column("occasion_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("gesture", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.String(length=100), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("snoozed_until", sa.Date(), nullable=True),
        sa.Column("joined_to_id", sa.Integer(),
                  sa.ForeignKey("program_actions.id", ondelete="SET NULL"), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("completed_by", sa.String(length=200), nullable=False),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("rule", "customer_id", "occasion_on",
                            name="uq_program_actions_occasion"),
    )
    op.create_index("ix_program_actions_state_due", "program_actions", ["state", "due_on"])
    op.create_index("ix_program_actions_customer", "program_actions", ["customer_id"])
    op.create_table(
        "program_rule_states",
        sa.Column("rule", sa.String(length=40), primary_key=True),
        sa.Column("enabled_on", sa.Date(), nullable=False),
        sa.Column("evaluated_on", sa.Date(), nullable=True),
    )
    op.add_column("customers", sa.Column("no_calls", sa.Boolean(), nullable=False,
                                         server_default=sa.false()))
    op.add_column("customers", sa.Column("no_campaigns", sa.Boolean(), nullable=False,
                                         server_default=sa.false()))
    op.create_index("ix_interactions_occurred_on", "interactions", ["occurred_on"])


def downgrade() -> None:
    op.drop_index("ix_interactions_occurred_on", table_name="interactions")
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("no_campaigns")
        batch.drop_column("no_calls")
    op.drop_table("program_rule_states")
    op.drop_index("ix_program_actions_customer", table_name="program_actions")
    op.drop_index("ix_program_actions_state_due", table_name="program_actions")
    op.drop_table("program_actions")
