"""What the desks area hands out: staff members, and the changes made to a record."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class StaffMemberRow:
    id: int
    name: str
    has_pin: bool


@dataclass(frozen=True)
class ChangeRow:
    """One save: when, who, at which desk, what kind of record and which values."""

    at: dt.datetime
    person: str
    desk: str
    kind: str  # customers, interactions, print_templates, business_profile
    record_id: int
    fields: tuple[str, ...]  # ("deleted",) when the record was removed
