"""initial schema

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from core.store.dialects import dialect_for

revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None

# Sortable list columns; each gets a (column, id) index of live customers.
SORT_COLUMNS = (
    "sort_name", "email_key", "phone", "city", "postal_code", "stage", "visit_count",
    "lifetime_value_minor", "last_interaction_on", "customer_since",
)
LIVE = "deleted_at IS NULL"


def upgrade() -> None:
    op.create_table('business_profile',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('street', sa.String(length=300), nullable=False),
    sa.Column('city', sa.String(length=200), nullable=False),
    sa.Column('postal_code', sa.String(length=40), nullable=False),
    sa.Column('country', sa.String(length=100), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('logo_png', sa.LargeBinary(), nullable=True),
    sa.Column('signature_name', sa.String(length=200), nullable=False),
    sa.Column('region', sa.String(length=2), nullable=False),
    sa.Column('locale', sa.String(length=20), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('customers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('first_name', sa.String(length=200), nullable=False),
    sa.Column('last_name', sa.String(length=200), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('street', sa.String(length=300), nullable=False),
    sa.Column('city', sa.String(length=200), nullable=False),
    sa.Column('region', sa.String(length=200), nullable=False),
    sa.Column('postal_code', sa.String(length=40), nullable=False),
    sa.Column('country', sa.String(length=100), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=100), nullable=False),
    sa.Column('referred_by_id', sa.Integer(), nullable=True),
    sa.Column('customer_since', sa.Date(), nullable=True),
    sa.Column('birthday_month', sa.Integer(), nullable=True),
    sa.Column('birthday_day', sa.Integer(), nullable=True),
    sa.Column('birthday_year', sa.Integer(), nullable=True),
    sa.Column('no_mail', sa.Boolean(), nullable=False),
    sa.Column('no_email', sa.Boolean(), nullable=False),
    sa.Column('no_birthday_cards', sa.Boolean(), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('visit_count', sa.Integer(), nullable=False),
    sa.Column('lifetime_value_minor', sa.Integer(), nullable=False),
    sa.Column('last_interaction_on', sa.Date(), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('sort_name', sa.String(length=400), nullable=False),
    sa.Column('email_key', sa.String(length=320), nullable=False),
    sa.Column('name_postcode_key', sa.String(length=500), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['referred_by_id'], ['customers.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    for column in SORT_COLUMNS:
        op.create_index(f"ix_customers_{column}", "customers", [column, "id"],
                        sqlite_where=sa.text(LIVE), postgresql_where=sa.text(LIVE))
    op.create_index("ix_customers_name_postcode_key", "customers", ["name_postcode_key"])
    op.create_index("ix_customers_referred_by_id", "customers", ["referred_by_id"])

    op.create_table('tags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('customer_tags',
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('customer_id', 'tag_id')
    )
    with op.batch_alter_table('customer_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_tags_tag_id'), ['tag_id'], unique=False)

    op.create_table('interactions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('interactions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interactions_customer_id'), ['customer_id'], unique=False)

    op.create_table('moments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('life_event', sa.String(length=20), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('day', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('moments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_moments_customer_id'), ['customer_id'], unique=False)

    for statement in dialect_for(op.get_bind().dialect.name).create_index_sql():
        op.execute(statement)



def downgrade() -> None:
    for statement in dialect_for(op.get_bind().dialect.name).drop_index_sql():
        op.execute(statement)
    with op.batch_alter_table('moments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_moments_customer_id'))

    op.drop_table('moments')
    with op.batch_alter_table('interactions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interactions_customer_id'))

    op.drop_table('interactions')
    with op.batch_alter_table('customer_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customer_tags_tag_id'))

    op.drop_table('customer_tags')
    op.drop_table('tags')
    op.drop_index("ix_customers_referred_by_id", "customers")
    op.drop_index("ix_customers_name_postcode_key", "customers")
    for column in SORT_COLUMNS:
        op.drop_index(f"ix_customers_{column}", "customers")

    op.drop_table('customers')
    op.drop_table('business_profile')
