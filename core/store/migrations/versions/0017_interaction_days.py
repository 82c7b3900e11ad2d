"""interactions indexed by customer and day: the program's rules ask "did this customer
come before that day?" and "which was their tenth visit?" for thousands of customers at once

Revision ID: 0017_interaction_days
Revises: 0016_print_item_actions
Create Date: 2026-12-02
"""
from __future__ import annotations

from alembic import op

revision = "0017_interaction_days"
down_revision = "0016_print_item_actions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_interactions_customer_day", "interactions",
                    ["customer_id", "occurred_on"])


def downgrade() -> None:
    op.drop_index("ix_interactions_customer_day", table_name="interactions")
