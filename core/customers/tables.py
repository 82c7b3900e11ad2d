"""The customers area's tables, as SQLAlchemy Core tables, for other areas' set-based reads
(the program's rules select occasions straight from them). Writes stay in the services."""
from __future__ import annotations

from typing import cast

from sqlalchemy import Table

from core.customers.models import Customer, Interaction, Moment
from core.customers.stages import BUSINESS_KINDS

CUSTOMERS = cast(Table, Customer.__table__)
INTERACTIONS = cast(Table, Interaction.__table__)
MOMENTS = cast(Table, Moment.__table__)
# The interactions that count as coming in and doing business (visits and purchases).
BUSINESS = tuple(sorted(BUSINESS_KINDS))
