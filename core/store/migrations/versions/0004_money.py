"""amounts in the minor units of the business currency

Until this revision the import read every amount as if its currency had two decimals: a yen
shop's Total Spent of 1250 was stored as 125000, a dinar shop's 1.250 as 125 (not 1250). The
editor already used the currency's own precision, so only the rows the import wrote are
wrong: its opening-history purchases. Those are scaled to the currency's exponent, then the
lifetime value of the customers who own them is summed again. Shops in two-decimal
currencies are left exactly as they were.

Revision ID: 0004_money
Revises: 0003_interchange
Create Date: 2026-11-29
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_money"
down_revision = "0003_interchange"
branch_labels = None
depends_on = None

# The old import's mark on the purchases it wrote ("opening history (shopify)", ...).
IMPORTED = "kind = 'purchase' AND amount_minor IS NOT NULL AND note LIKE 'opening history (%'"
OWNERS = f"SELECT customer_id FROM interactions WHERE {IMPORTED}"
# Portable on SQLite and PostgreSQL: one correlated sum, only for the owners touched.
RESUM = (
    "UPDATE customers SET lifetime_value_minor = COALESCE((SELECT SUM(i.amount_minor) "
    "FROM interactions i WHERE i.customer_id = customers.id), 0) "
    f"WHERE id IN ({OWNERS})"
)


def _exponent() -> int | None:
    """The stored currency's decimals, or None when there is no profile yet."""
    currency = op.get_bind().scalar(sa.text(
        "SELECT currency FROM business_profile ORDER BY id LIMIT 1"))
    if not currency:
        return None
    from babel.numbers import get_currency_precision

    return int(get_currency_precision(str(currency).upper()))


def _rescale(amount_sql: str) -> None:
    op.execute(f"UPDATE interactions SET amount_minor = {amount_sql} WHERE {IMPORTED}")
    op.execute(RESUM)


def upgrade() -> None:
    exponent = _exponent()
    if exponent is None or exponent == 2:
        return
    if exponent < 2:
        divisor = 10 ** (2 - exponent)
        # Rounded half away from zero; an old import only wrote whole multiples anyway.
        _rescale(f"CASE WHEN amount_minor >= 0 THEN (amount_minor + {divisor // 2}) / {divisor}"
                 f" ELSE -((-amount_minor + {divisor // 2}) / {divisor}) END")
    else:
        _rescale(f"amount_minor * {10 ** (exponent - 2)}")


def downgrade() -> None:
    exponent = _exponent()
    if exponent is None or exponent == 2:
        return
    if exponent < 2:
        _rescale(f"amount_minor * {10 ** (2 - exponent)}")
    else:
        divisor = 10 ** (exponent - 2)
        _rescale(f"amount_minor / {divisor}")
