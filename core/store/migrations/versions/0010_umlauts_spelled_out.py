"""customers with umlauts in their names are found by the spelling without them too
(`mueller` finds Müller): their search text gains that spelling

Revision ID: 0010_umlauts_spelled_out
Revises: 0009_interaction_sources
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from core.kernel.text import umlauts_spelled_out

revision = "0010_umlauts_spelled_out"
down_revision = "0009_interaction_sources"
branch_labels = None
depends_on = None

_NAMES = ("first_name", "last_name", "organisation")
_UMLAUTS = "äöüÄÖÜ"


def upgrade() -> None:
    bind = op.get_bind()
    # Only the customers whose names have an umlaut; the search index follows each
    # update through its triggers (SQLite) or by itself (PostgreSQL).
    has_umlaut = " OR ".join(
        f"{column} LIKE '%{letter}%'" for column in _NAMES for letter in _UMLAUTS)
    rows = bind.execute(sa.text(
        f"SELECT id, search_text, {', '.join(_NAMES)} FROM customers WHERE {has_umlaut}"
    )).mappings().all()
    # As core.customers.keys writes it now: the spellings after the other words.
    updates = [{"b_id": row["id"], "search_text": " ".join(
        [row["search_text"], *filter(None, (umlauts_spelled_out(row[n]) for n in _NAMES))])}
        for row in rows]
    if updates:
        bind.execute(sa.text("UPDATE customers SET search_text = :search_text WHERE id = :b_id"),
                     updates)


def downgrade() -> None:
    """The extra spellings do no harm to an older version: nothing to undo."""
