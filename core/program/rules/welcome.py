"""Welcome: thank every new customer, after their first visit or purchase."""
from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy.orm import Session

from core.program.rules import CARD, Occasion, Rule, Span
from core.program.rules.common import first_visits
from core.program.settings import ProgramSettings


def new_customers(session: Session, span: Span, _settings: ProgramSettings) -> Iterator[Occasion]:
    return first_visits(session, span, CARD)


RULE = Rule("welcome", CARD, new_customers)
