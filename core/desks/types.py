"""What the desks area hands out: staff members, and the changes made to a record."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class StaffMemberRow:
    id: int
    name: str
    has_pin: bool


# What happened to a customer in bulk, besides the saves of their records (ChangeRow.kind).
IMPORT_ADDED = "import_added"  # an import brought the customer in
IMPORT_UPDATED = "import_updated"  # an import changed their values (`fields`)
IMPORT_VISITS = "import_visits"  # an import from the till added visits or purchases
IMPORT_UNDONE = "import_undone"  # one of those imports was undone
MERGED = "merged"  # another record of theirs was merged into this one
UNMERGED = "unmerged"  # a merge with another record was undone
BULK_KINDS = (IMPORT_ADDED, IMPORT_UPDATED, IMPORT_VISITS, IMPORT_UNDONE, MERGED, UNMERGED)


@dataclass(frozen=True)
class ChangeRow:
    """One save: when, who, at which desk, what kind of record and which values; or one of
    the BULK_KINDS, `about` naming the import's file or the other customer."""

    at: dt.datetime
    person: str  # "" when not known (imports recorded before desks kept who ran them)
    desk: str
    kind: str  # customers, interactions, print_templates, business_profile; BULK_KINDS
    record_id: int  # for imports, the import's id in the history; for merges, the other's
    fields: tuple[str, ...]  # ("deleted",) when the record was removed
    about: str = ""
