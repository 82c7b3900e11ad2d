"""the business profile keeps its state, province or county, for "Portland, OR 97205"

Revision ID: 0015_business_state
Revises: 0014_customer_sources_named
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_business_state"
down_revision = "0014_customer_sources_named"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("business_profile") as batch:
        batch.add_column(sa.Column("state", sa.String(length=200), nullable=False,
                                   server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("business_profile") as batch:
        batch.drop_column("state")
