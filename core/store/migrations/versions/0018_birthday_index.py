"""customers indexed by birthday (month, day): the program's daily birthday rule seeks the
few customers born on the days coming into view instead of reading every customer

Revision ID: 0018_birthday_index
Revises: 0017_interaction_days
Create Date: 2026-12-02
"""
from __future__ import annotations

from alembic import op

revision = "0018_birthday_index"
down_revision = "0017_interaction_days"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_customers_birthday", "customers", ["birthday_month", "birthday_day"])


def downgrade() -> None:
    op.drop_index("ix_customers_birthday", table_name="customers")
