"""complaints (with each status change and its time), promises, and meeting notes with
who does what by when

Revision ID: 0020_complaints
Revises: 0021_testimonials
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020_complaints"
down_revision = "0021_testimonials"
branch_labels = None
depends_on = None


def _customer() -> sa.Column[int]:
    return sa.Column("customer_id", sa.Integer(),
                     sa.ForeignKey("customers.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), primary_key=True),
        _customer(),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=False),
        sa.Column("satisfied", sa.Boolean(), nullable=True),
    )
    op.create_index("ix_complaints_customer", "complaints", ["customer_id"])
    op.create_index("ix_complaints_status", "complaints", ["status"])
    op.create_table(
        "complaint_status_changes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("complaint_id", sa.Integer(),
                  sa.ForeignKey("complaints.id", ondelete="CASCADE"), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.String(length=200), nullable=False),
    )
    op.create_index("ix_complaint_status_changes_complaint_id", "complaint_status_changes",
                    ["complaint_id"])
    op.create_table(
        "promises",
        sa.Column("id", sa.Integer(), primary_key=True),
        _customer(),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("kept_on", sa.Date(), nullable=True),
    )
    op.create_index("ix_promises_customer", "promises", ["customer_id"])
    op.create_index("ix_promises_due", "promises", ["due_on"])
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), primary_key=True),
        _customer(),
        sa.Column("met_on", sa.Date(), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("attendees", sa.Text(), nullable=False),
        sa.Column("points", sa.Text(), nullable=False),
        sa.Column("agreed", sa.Text(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_meetings_customer_id", "meetings", ["customer_id"])
    op.create_index("ix_meetings_met_on", "meetings", ["met_on"])
    op.create_table(
        "meeting_tasks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("meeting_id", sa.Integer(),
                  sa.ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("who", sa.String(length=200), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
    )
    op.create_index("ix_meeting_tasks_meeting_id", "meeting_tasks", ["meeting_id"])


def downgrade() -> None:
    op.drop_table("meeting_tasks")
    op.drop_table("meetings")
    op.drop_table("promises")
    op.drop_table("complaint_status_changes")
    op.drop_table("complaints")
