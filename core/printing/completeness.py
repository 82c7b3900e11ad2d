"""Nothing prints half-filled: which business profile fields a print needs, and the check
the renderer runs before drawing anything.

A print needs the business's name (every design signs with it or puts it in a letterhead,
on a cover or as the return address), the address on letters and envelopes (letterhead,
return address), and each business field its title or body merges (`{signature_name}`,
`{business_city}`, ...). Customer fields are not checked: a template's fallbacks
(`{greeting_name|friend}`) cover a customer's empty ones.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from core.printing.errors import IncompleteBusinessProfile
from core.printing.formats import CARD, ENVELOPE, FOLDED, FORM, LETTER
from core.printing.templates import parse_fields
from core.settings.types import BusinessProfileData

# What each design draws of the business whatever its template says.
DESIGN_FIELDS: dict[str, tuple[str, ...]] = {
    CARD: ("name",), FOLDED: ("name",),
    LETTER: ("name", "street", "city"), ENVELOPE: ("name", "street", "city"),
    FORM: ("name", "street", "city"),  # a survey card's letterhead: where to post it back
}
# Merge fields that are the business's, and the profile fields they print. Any other
# `business_<field>` a new template uses prints the profile's <field>.
MERGED_FIELDS: dict[str, tuple[str, ...]] = {
    "business_name": ("name",),
    "business_address": ("street", "city"),
    "business_street": ("street",),
    "signature_name": ("signature_name",),
}
_PROFILE_ORDER = tuple(field.name for field in dataclasses.fields(BusinessProfileData))


def needed_business_fields(kind: str, title: str, body: str) -> tuple[str, ...]:
    """The profile fields an item of design `kind` with this wording prints."""
    needed = list(DESIGN_FIELDS.get(kind, ("name",)))
    for field, _position in parse_fields(title) + parse_fields(body):
        if field in MERGED_FIELDS:
            needed += MERGED_FIELDS[field]
        elif field.startswith("business_") and field[9:] in _PROFILE_ORDER:
            needed.append(field[9:])
    return tuple(dict.fromkeys(needed))


def missing_business_fields(profile: BusinessProfileData,
                            items: Iterable[tuple[str, str, str]]) -> tuple[str, ...]:
    """The needed fields that are empty, in the profile's order; `items` are (design kind,
    title, body) of everything to be printed."""
    needed = {field for kind, title, body in items
              for field in needed_business_fields(kind, title, body)}
    return tuple(field for field in _PROFILE_ORDER if field in needed
                 and not str(getattr(profile, field) or "").strip())


def check_business_profile(profile: BusinessProfileData,
                           items: Iterable[tuple[str, str, str]]) -> None:
    """Raise IncompleteBusinessProfile when anything to be printed would come out with a
    gap where the business belongs."""
    if missing := missing_business_fields(profile, items):
        raise IncompleteBusinessProfile(missing)
