"""The small frozen dataclasses that customer services take and return."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from core.customers.validation import PartialDate

INTERACTION_KINDS = ("visit", "purchase", "call", "meeting", "note")
MOMENT_KINDS = ("anniversary", "life_event")
LIFE_EVENTS = ("wedding", "new_baby", "retirement", "graduation", "other")

# Fields a person edits; also what duplicate merging fills in.
TEXT_FIELDS = (
    "first_name", "last_name", "organisation", "email", "phone", "street", "city",
    "region", "postal_code", "country", "notes", "source",
)


@dataclass(frozen=True)
class CustomerDraft:
    first_name: str = ""
    last_name: str = ""
    organisation: str = ""
    email: str = ""
    phone: str = ""
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    notes: str = ""
    source: str = ""
    referred_by_id: int | None = None
    customer_since: dt.date | None = None
    birthday: PartialDate | None = None
    no_mail: bool = False
    no_email: bool = False
    no_birthday_cards: bool = False
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class InteractionDraft:
    kind: str
    occurred_on: dt.date
    amount_minor: int | None = None
    note: str = ""


@dataclass(frozen=True)
class InteractionRow:
    id: int
    kind: str
    occurred_on: dt.date
    amount_minor: int | None
    note: str


@dataclass(frozen=True)
class MomentDraft:
    kind: str
    date: PartialDate
    life_event: str = ""
    note: str = ""


@dataclass(frozen=True)
class MomentRow:
    id: int
    kind: str
    life_event: str
    date: PartialDate
    note: str


@dataclass(frozen=True)
class CustomerDetail:
    id: int
    draft: CustomerDraft
    stage: str
    visit_count: int
    lifetime_value_minor: int
    last_interaction_on: dt.date | None
    referred_by_name: str
    referral_count: int
    created_at: dt.datetime
    deleted: bool
    interactions: tuple[InteractionRow, ...] = field(default=())
    moments: tuple[MomentRow, ...] = field(default=())

    @property
    def display_name(self) -> str:
        return display_name(self.draft.first_name, self.draft.last_name, self.draft.organisation)


def display_name(first: str, last: str, organisation: str = "") -> str:
    name = f"{first} {last}".strip()
    return name or organisation
