"""the customer council and appreciation evenings: terms, members, gatherings (council
meetings and evenings) sharing one table of invitations and attendance, agenda items,
decisions, actions, ideas, and the council letters sent

Revision ID: 0022_council
Revises: 0019_scores
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022_council"
down_revision = "0019_scores"
branch_labels = None
depends_on = None


def _fk(column: str, target: str, ondelete: str, *, nullable: bool = True) -> sa.Column[int]:
    return sa.Column(column, sa.Integer(), sa.ForeignKey(target, ondelete=ondelete),
                     nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "council_terms",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("charter", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "council_members",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("term_id", "council_terms.id", "CASCADE", nullable=False),
        _fk("customer_id", "customers.id", "CASCADE", nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("invited_on", sa.Date(), nullable=True),
        sa.Column("joined_on", sa.Date(), nullable=True),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("charter_accepted_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.UniqueConstraint("term_id", "customer_id", name="uq_council_members"),
    )
    op.create_index("ix_council_members_customer_id", "council_members", ["customer_id"])
    op.create_table(
        "gatherings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        _fk("term_id", "council_terms.id", "CASCADE"),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("starts_at", sa.String(length=5), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("invitations_sent_on", sa.Date(), nullable=True),
        sa.Column("notes_sent_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_gatherings_term_id", "gatherings", ["term_id"])
    op.create_index("ix_gatherings_held_on", "gatherings", ["held_on"])
    op.create_table(
        "gathering_invitations",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("gathering_id", "gatherings.id", "CASCADE", nullable=False),
        _fk("customer_id", "customers.id", "CASCADE", nullable=False),
        sa.Column("invited_on", sa.Date(), nullable=True),
        sa.Column("rsvp", sa.String(length=10), nullable=False),
        sa.Column("plus_one", sa.Boolean(), nullable=False),
        sa.Column("attendance", sa.String(length=10), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.UniqueConstraint("gathering_id", "customer_id", name="uq_gathering_invitations"),
    )
    op.create_index("ix_gathering_invitations_customer_id", "gathering_invitations",
                    ["customer_id"])
    op.create_table(
        "council_agenda_items",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("gathering_id", "gatherings.id", "CASCADE", nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("minutes", sa.Text(), nullable=False),
        sa.Column("left_open", sa.Boolean(), nullable=False),
        _fk("carried_from_id", "council_agenda_items.id", "SET NULL"),
    )
    op.create_index("ix_council_agenda_items_gathering_id", "council_agenda_items",
                    ["gathering_id"])
    op.create_table(
        "council_decisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("gathering_id", "gatherings.id", "CASCADE", nullable=False),
        _fk("agenda_item_id", "council_agenda_items.id", "SET NULL"),
        sa.Column("text", sa.Text(), nullable=False),
    )
    op.create_index("ix_council_decisions_gathering_id", "council_decisions",
                    ["gathering_id"])
    op.create_table(
        "council_actions",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("gathering_id", "gatherings.id", "CASCADE", nullable=False),
        _fk("agenda_item_id", "council_agenda_items.id", "SET NULL"),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
    )
    op.create_index("ix_council_actions_gathering_id", "council_actions", ["gathering_id"])
    op.create_table(
        "council_ideas",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("gathering_id", "gatherings.id", "SET NULL"),
        _fk("raised_by_id", "customers.id", "SET NULL"),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("status_changed_on", sa.Date(), nullable=False),
    )
    op.create_index("ix_council_ideas_gathering_id", "council_ideas", ["gathering_id"])
    op.create_index("ix_council_ideas_raised_by_id", "council_ideas", ["raised_by_id"])
    op.create_table(
        "council_letters",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        _fk("customer_id", "customers.id", "CASCADE", nullable=False),
        _fk("term_id", "council_terms.id", "SET NULL"),
        _fk("gathering_id", "gatherings.id", "SET NULL"),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
    )
    op.create_index("ix_council_letters_customer_kind", "council_letters",
                    ["customer_id", "kind"])


def downgrade() -> None:
    for table in ("council_letters", "council_ideas", "council_actions", "council_decisions",
                  "council_agenda_items", "gathering_invitations", "gatherings",
                  "council_members", "council_terms"):
        op.drop_table(table)
