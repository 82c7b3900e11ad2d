"""New-customer check-in: a call some days after the first visit (two weeks by default):
did we deliver what we promised?"""
from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy.orm import Session

from core.program.rules import CALL, Occasion, Rule, Span
from core.program.rules.common import first_visits
from core.program.settings import ProgramSettings

KEY = "check_in"


def new_customers(session: Session, span: Span, _settings: ProgramSettings) -> Iterator[Occasion]:
    """Customers whose first visit or purchase falls in the span (the occasion; the call
    is due `check_in_due_days` later)."""
    return first_visits(session, span, CALL)


# A service call, not marketing: an open complaint does not hold it back.
RULE = Rule(KEY, CALL, new_customers, marketing=False)
