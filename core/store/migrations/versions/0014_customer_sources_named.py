"""customers that earlier imports brought in name the program as their source

Revision ID: 0014_customer_sources_named
Revises: 0013_import_row_outcomes
Create Date: 2026-12-02
"""
from __future__ import annotations

from alembic import op

revision = "0014_customer_sources_named"
down_revision = "0013_import_row_outcomes"
branch_labels = None
depends_on = None

# Imports stored their format's code as a customer's source until they stored the program's
# name (core.interchange.formats.PROGRAM_NAMES, copied: a migration must not change when
# the code does).
_NAMES = {
    "google": "Google Contacts", "outlook": "Outlook", "shopify": "Shopify",
    "square": "Square", "mailchimp": "Mailchimp", "hubspot": "HubSpot",
    "thunderbird": "Thunderbird", "generic": "Spreadsheet", "vcard": "vCard",
}


def _rename(names: dict[str, str]) -> None:
    # One pass over the table (source has no index), whatever the number of codes.
    cases = " ".join(f"WHEN '{old}' THEN '{new}'" for old, new in names.items())
    listed = ", ".join(f"'{old}'" for old in names)
    op.execute(f"UPDATE customers SET source = CASE source {cases} END"
               f" WHERE source IN ({listed})")


def upgrade() -> None:
    _rename(_NAMES)


def downgrade() -> None:
    _rename({new: old for old, new in _NAMES.items()})
