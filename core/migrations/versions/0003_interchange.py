"""import history (filled in by the import work)

Revision ID: 0003_interchange
Revises: 0002_printing
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_interchange"
down_revision = "0002_printing"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
