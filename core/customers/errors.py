"""The customers area's own errors; not-found and validation use the kernel's shapes
(NotFound("customer", id), Invalid([Problem(...)]))."""
from __future__ import annotations

# The problem codes of customer fields (Problem.code), for every area that checks them.
from core.customers.validation import (
    INVALID_CHOICE,
    INVALID_DATE,
    INVALID_EMAIL,
    INVALID_PHONE,
    NAME_REQUIRED,
    TOO_LONG,
)
from core.kernel.errors import RegularsError

# The area's errors and the problem codes of customer fields.
__all__ = [
    "INVALID_CHOICE",
    "INVALID_DATE",
    "INVALID_EMAIL",
    "INVALID_PHONE",
    "NAME_REQUIRED",
    "TOO_LONG",
    "DuplicateCustomer",
]


class DuplicateCustomer(RegularsError):
    """Another customer has the same email, phone, or name and postcode."""

    def __init__(self, existing_id: int, matched_on: str) -> None:
        super().__init__(f"duplicate of customer {existing_id} by {matched_on}")
        self.existing_id = existing_id
        self.matched_on = matched_on

    def __reduce__(self) -> tuple[object, ...]:
        return DuplicateCustomer, (self.existing_id, self.matched_on)
