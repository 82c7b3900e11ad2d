"""Alembic environment: Regulars always passes its own connection in."""
from __future__ import annotations

from alembic import context

from core.store.base import Base
from core.store.registry import load_all_models

load_all_models()

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()
