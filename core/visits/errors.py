"""The visits area's errors and problem codes. Not-found and validation use the kernel's
shapes: NotFound("customer", id), NotFound("interaction", id), Invalid([Problem(...)])."""
from __future__ import annotations

from core.kernel.errors import RegularsError

__all__ = [
    "AMOUNT_NEGATIVE",
    "INVALID_KIND",
    "NOTE_TOO_LONG",
    "OTHER_CURRENCY",
    "AmbiguousCustomer",
]

# Problem codes (Problem.code) of an interaction draft; front ends word them.
INVALID_KIND = "invalid_kind"  # detail: the kind given
AMOUNT_NEGATIVE = "amount_negative"  # detail: the amount given
OTHER_CURRENCY = "other_currency"  # detail: the amount's currency code
NOTE_TOO_LONG = "note_too_long"  # detail: the longest a note may be

MAX_NOTE_LENGTH = 2000


class AmbiguousCustomer(RegularsError):
    """More than one live customer has this email or phone (`by`): name one by id."""

    def __init__(self, by: str, value: str, customer_ids: tuple[int, ...]) -> None:
        super().__init__(f"{len(customer_ids)} customers have {by} {value!r}")
        self.by = by
        self.value = value
        self.customer_ids = customer_ids

    def __reduce__(self) -> tuple[object, ...]:
        return AmbiguousCustomer, (self.by, self.value, self.customer_ids)
