"""The small frozen dataclasses that customer services take and return."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

# Shapes and pure checks other areas use (the import, exports, the business profile):
# re-exported here so they reach them through this public module. Light: phonenumbers and
# email-validator load on first use.
from core.customers.keys import KEY_COLUMNS, customer_keys_of
from core.customers.stages import STAGES
from core.customers.validation import (
    MAX_LENGTHS,
    PartialDate,
    date_exists,
    format_phone,
    needs_checking_of,
    needs_checking_text,
    normalize_email,
    normalize_phone,
    partial_date_iso,
)
from core.kernel.errors import Problem

if TYPE_CHECKING:
    from core.customers.phones import e164

# Shapes other areas use; validation's shapes and pure checks are re-exported from here.
__all__ = [
    "IDENTIFYING_FIELDS",
    "INTERACTION_KINDS",
    "KEY_COLUMNS",
    "LIFE_EVENTS",
    "MAX_LENGTHS",
    "MOMENT_KINDS",
    "STAGES",
    "TEXT_FIELDS",
    "AddressRow",
    "CustomerDetail",
    "CustomerDraft",
    "InteractionDraft",
    "InteractionRow",
    "MomentDraft",
    "MomentRow",
    "PartialDate",
    "customer_keys_of",
    "date_exists",
    "display_name",
    "e164",
    "format_phone",
    "needs_checking_of",
    "needs_checking_text",
    "normalize_email",
    "normalize_phone",
    "partial_date_iso",
]

INTERACTION_KINDS = ("visit", "purchase", "call", "meeting", "note")
MOMENT_KINDS = ("anniversary", "life_event")
LIFE_EVENTS = ("wedding", "new_baby", "retirement", "graduation", "other")

# Fields a person edits; also what duplicate merging fills in.
TEXT_FIELDS = (
    "first_name", "last_name", "organisation", "email", "phone", "street", "city",
    "region", "postal_code", "country", "notes", "source",
)
# A customer needs one of these: the rest may come later (a subscriber is only an email).
IDENTIFYING_FIELDS = ("first_name", "last_name", "organisation", "email", "phone")


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
    no_calls: bool = False
    no_campaigns: bool = False  # left out of every gesture of the program
    tags: tuple[str, ...] = ()
    # Values an import could not use, as given (Problem(field, code, value)); None keeps
    # what is stored, a tuple replaces it (the editor's "Checked" empties it).
    needs_checking: tuple[Problem, ...] | None = None


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
    version: int = 1  # as read; an edit of it saves against it (core.kernel.edits)

    @property
    def draft(self) -> InteractionDraft:
        return InteractionDraft(self.kind, self.occurred_on, self.amount_minor, self.note)


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
    deleted_at: dt.datetime | None = None  # when it was moved to the trash
    version: int = 1  # as read; an edit of it saves against it (core.kernel.edits)

    @property
    def display_name(self) -> str:
        draft = self.draft
        return display_name(draft.first_name, draft.last_name, draft.organisation) or draft.email


def display_name(first: str, last: str, organisation: str = "") -> str:
    """The name a card or letter uses ("" for a customer known only by email or phone)."""
    name = f"{first} {last}".strip()
    return name or organisation


@dataclass(frozen=True)
class AddressRow:
    """What a card or letter needs of one customer (see bulk.mailing_rows)."""

    id: int
    first_name: str
    last_name: str
    organisation: str
    street: str
    city: str
    region: str
    postal_code: str
    country: str
    customer_since: dt.date | None
    visit_count: int
    no_mail: bool


def __getattr__(name: str) -> Callable[[str, str], str]:
    """`e164`, the import's phone normaliser (called per row, so not through a wrapper),
    loads phonenumbers: only when asked for, so that the window still starts light."""
    if name == "e164":
        from core.customers.phones import e164

        return e164
    raise AttributeError(name)
