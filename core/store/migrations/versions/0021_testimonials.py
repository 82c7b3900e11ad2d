"""testimonials: what customers said, their releases (state, scope, end date), the
history of every change, attachments kept by checksum, and where each is used

Revision ID: 0021_testimonials
Revises: 0022_council
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021_testimonials"
down_revision = "0022_council"
branch_labels = None
depends_on = None


def _testimonial_fk() -> sa.ForeignKey:
    return sa.ForeignKey("testimonials.id", ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "testimonials",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("customer_id", sa.Integer(),
                  sa.ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("edited_words", sa.Text(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("how_given", sa.String(length=20), nullable=False),
        sa.Column("captured_by", sa.String(length=200), nullable=False),
        sa.Column("incentive", sa.String(length=300), nullable=False),
        sa.Column("release_state", sa.String(length=20), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=True),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("declined_on", sa.Date(), nullable=True),
        sa.Column("revoked_on", sa.Date(), nullable=True),
        sa.Column("expired_on", sa.Date(), nullable=True),
        sa.Column("revoke_reason", sa.Text(), nullable=False),
        sa.Column("channels", sa.String(length=100), nullable=False),
        sa.Column("naming", sa.String(length=20), nullable=False),
        sa.Column("photo_allowed", sa.Boolean(), nullable=False),
        sa.Column("editing_allowed", sa.Boolean(), nullable=False),
        sa.Column("release_until", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_testimonials_customer_id", "testimonials", ["customer_id"])
    op.create_index("ix_testimonials_state_until", "testimonials",
                    ["release_state", "release_until"])
    op.create_index("ix_testimonials_state_requested", "testimonials",
                    ["release_state", "requested_on"])
    op.create_table(
        "testimonial_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("testimonial_id", sa.Integer(), _testimonial_fk(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=200), nullable=False),
        sa.Column("event", sa.String(length=30), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
    )
    op.create_index("ix_testimonial_events_testimonial_id", "testimonial_events",
                    ["testimonial_id"])
    op.create_table(
        "testimonial_attachments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("testimonial_id", sa.Integer(), _testimonial_fk(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by", sa.String(length=200), nullable=False),
    )
    op.create_index("ix_testimonial_attachments_testimonial_id", "testimonial_attachments",
                    ["testimonial_id"])
    op.create_index("ix_testimonial_attachments_sha256", "testimonial_attachments", ["sha256"])
    op.create_table(
        "testimonial_uses",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("testimonial_id", sa.Integer(), _testimonial_fk(), nullable=False),
        sa.Column("place_kind", sa.String(length=20), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("removed_on", sa.Date(), nullable=True),
        sa.Column("removed_by", sa.String(length=200), nullable=False),
    )
    op.create_index("ix_testimonial_uses_testimonial_id", "testimonial_uses",
                    ["testimonial_id"])


def downgrade() -> None:
    op.drop_table("testimonial_uses")
    op.drop_table("testimonial_attachments")
    op.drop_table("testimonial_events")
    op.drop_table("testimonials")
