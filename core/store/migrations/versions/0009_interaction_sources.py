"""interactions remember where an import found them (source, its id, the import), so the
same till export imported twice counts nothing twice and an import can be undone

Revision ID: 0009_interaction_sources
Revises: 0008_external_ids
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_interaction_sources"
down_revision = "0008_external_ids"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs (no copy of the table); NULL for everything logged by hand.
    op.add_column("interactions", sa.Column("source", sa.String(length=40), nullable=True))
    op.add_column("interactions", sa.Column("external_id", sa.String(length=200),
                                            nullable=True))
    op.add_column("interactions", sa.Column("import_run_id", sa.Integer(), nullable=True))
    op.create_index("ix_interactions_import_run_id", "interactions", ["import_run_id"])
    # NULLs are distinct in a unique index on both databases: hand-logged rows never clash.
    op.create_index("ux_interactions_source_external_id", "interactions",
                    ["source", "external_id"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_interactions_source_external_id", table_name="interactions")
    op.drop_index("ix_interactions_import_run_id", table_name="interactions")
    with op.batch_alter_table("interactions") as batch:
        batch.drop_column("import_run_id")
        batch.drop_column("external_id")
        batch.drop_column("source")
