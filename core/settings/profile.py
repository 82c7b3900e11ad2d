"""The business profile: who is thanking the customers. Stored in the database (one row)."""
from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy.orm import Session

from core.customers.errors import INVALID_CHOICE, INVALID_EMAIL, INVALID_PHONE
from core.customers.types import normalize_email, normalize_phone
from core.kernel.edits import checked_edit
from core.kernel.errors import Invalid, Problem
from core.settings.models import BusinessProfile
from core.settings.types import BusinessProfileData, register_section

PROFILE_ID = 1
_FIELDS = [f.name for f in dataclasses.fields(BusinessProfileData)]


def get_business_profile(session: Session) -> BusinessProfileData:
    row = session.get(BusinessProfile, PROFILE_ID)
    if row is None:
        return BusinessProfileData()
    return BusinessProfileData(**{name: getattr(row, name) for name in _FIELDS})


def business_profile_saved(session: Session) -> bool:
    """Whether anyone saved a business profile yet (else every field is its default)."""
    return session.get(BusinessProfile, PROFILE_ID) is not None


def business_region(session: Session) -> str:
    return get_business_profile(session).region


def business_profile_version(session: Session) -> int:
    """The stored profile's version (0 before it is first saved): an editor keeps it with
    what it opened, so that a save merges another desk's changes (core.kernel.edits)."""
    row = session.get(BusinessProfile, PROFILE_ID)
    return row.version if row is not None else 0


def save_business_profile(session: Session, profile: BusinessProfileData, *,
                          base: BusinessProfileData | None = None,
                          base_version: int | None = None) -> BusinessProfileData:
    """Validate and store the profile; raises Invalid naming each bad field. With `base`
    and `base_version` (as the editor opened it), another desk's save meanwhile is merged
    in, or raises EditConflict when it changed the same fields."""
    if base is not None:
        profile = checked_edit("business profile", PROFILE_ID, base=base,
                               base_version=base_version, mine=profile,
                               theirs=get_business_profile(session),
                               version=business_profile_version(session))
    import phonenumbers
    from babel import Locale, UnknownLocaleError

    problems: list[Problem] = []
    values: dict[str, Any] = {
        name: (value.strip() if isinstance(value, str) else value)
        for name, value in dataclasses.asdict(profile).items()
    }
    values["region"] = values["region"].upper()
    if values["region"] not in phonenumbers.SUPPORTED_REGIONS:
        problems.append(Problem("region", INVALID_CHOICE, values["region"]))
    try:
        Locale.parse(values["locale"])
    except (UnknownLocaleError, ValueError):
        problems.append(Problem("locale", INVALID_CHOICE, values["locale"]))
    if len(values["currency"]) != 3:
        problems.append(Problem("currency", INVALID_CHOICE, values["currency"]))
    if values["email"]:
        try:
            values["email"] = normalize_email(values["email"])
        except ValueError as exc:
            problems.append(Problem("email", INVALID_EMAIL, str(exc)))
    if values["phone"] and not problems:
        try:
            values["phone"] = normalize_phone(values["phone"], values["region"])
        except ValueError as exc:
            problems.append(Problem("phone", INVALID_PHONE, str(exc)))
    if problems:
        raise Invalid(problems)
    row = session.get(BusinessProfile, PROFILE_ID)
    if row is None:
        row = BusinessProfile(id=PROFILE_ID)
        session.add(row)
    for name, value in values.items():
        setattr(row, name, value)
    session.flush()
    return BusinessProfileData(**values)


# The profile keeps its own table (the window reads its locale before the ORM loads).
register_section(BusinessProfileData, "business_profile", load=get_business_profile,
                 save=save_business_profile)

