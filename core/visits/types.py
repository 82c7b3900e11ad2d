"""The small frozen dataclasses that visit services take and return."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.customers.types import INTERACTION_KINDS
from core.kernel.money import Money

__all__ = ["COUNTER_KINDS", "INTERACTION_KINDS", "InteractionDraft", "InteractionRecord"]

# What the counter's Log visit dialog offers (a note is written in the customer record).
COUNTER_KINDS = ("visit", "purchase", "call", "meeting")


@dataclass(frozen=True)
class InteractionDraft:
    """One visit, purchase, call, meeting or note to record; `amount` in the business
    currency (another currency is refused, not converted)."""

    kind: str
    occurred_on: dt.date
    amount: Money | None = None
    note: str = ""


@dataclass(frozen=True)
class InteractionRecord:
    """A stored interaction, whole: enough to show it, edit it, or put it back after a
    delete (undo)."""

    id: int
    customer_id: int
    kind: str
    occurred_on: dt.date
    amount: Money | None
    note: str
    # Where a till import found it (its source, the till's id for it, the import): put back
    # with it, so that importing the same export again still counts it once.
    source: str | None = None
    external_id: str | None = None
    import_run_id: int | None = None

    def draft(self) -> InteractionDraft:
        return InteractionDraft(self.kind, self.occurred_on, self.amount, self.note)
