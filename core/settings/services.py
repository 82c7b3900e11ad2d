"""Reading and storing settings sections (see core.settings.types for declaring one), and
the business profile's own services, which other areas reach through this module."""
from __future__ import annotations

import dataclasses
import json
import logging
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.kernel.changes import Changes
from core.kernel.edits import SavedMeanwhile, checked_edit
from core.settings.models import SettingsSection
from core.settings.profile import (
    business_profile_saved,
    business_profile_version,
    business_region,
    get_business_profile,
    save_business_profile,
)
from core.settings.types import section_info
from core.store.changes import note_changes

log = logging.getLogger(__name__)

__all__ = ["business_profile_saved", "business_profile_version", "business_region", "database_id", "get_business_profile",
           "get_settings", "save_business_profile", "save_settings", "settings_version"]

S = TypeVar("S")


def get_settings(session: Session, section: type[S]) -> S:
    """The stored values of `section`; its defaults where nothing (or nothing usable) is
    stored, so an older database or a newly added field reads as the defaults."""
    info = section_info(section)
    if info.load is not None:
        return info.load(session)  # type: ignore[no-any-return]
    return _stored(section, session.get(SettingsSection, info.key))


def settings_version(session: Session, section: type) -> int:
    """The version of `section` as stored (0 while only its defaults were ever used): an
    editor keeps it with the values it opened, for `save_settings`' base."""
    row = session.get(SettingsSection, section_info(section).key)
    return row.version if row is not None else 0


def save_settings(session: Session, values: S, *, base: S | None = None,
                  base_version: int | None = None) -> S:
    """Store a whole section (replacing what was stored under its key) and report a
    settings change; returns the section as stored. With `base` and `base_version` (what
    the editor opened), what another desk saved meanwhile is kept: values only they changed
    stay theirs, and values both changed differently raise EditConflict (nothing written).
    Sections with their own store (the business profile) keep their own checks."""
    info = section_info(type(values))
    if info.save is not None:
        saved: S = info.save(session, values)
        return saved
    row = session.get(SettingsSection, info.key)
    stored_version = row.version if row is not None else 0
    values = checked_edit("settings", info.key, base=base, base_version=base_version,
                          mine=values, theirs=_stored(type(values), row),
                          version=stored_version)
    text = json.dumps(dataclasses.asdict(values), sort_keys=True)  # type: ignore[call-overload]
    if row is None:
        try:
            with session.begin_nested():  # another desk may store the section first
                session.add(SettingsSection(key=info.key, value=text))
        except IntegrityError as exc:
            raise SavedMeanwhile() from exc
    else:
        row.value = text
    session.flush()
    note_changes(session, Changes(settings=True))
    return values


def _stored(section: type[S], row: SettingsSection | None) -> S:
    stored: dict[str, Any] = {}
    if row is not None:
        try:
            loaded = json.loads(row.value)
            stored = loaded if isinstance(loaded, dict) else {}
        except ValueError:
            log.warning("settings section %s is not valid JSON; using its defaults",
                        row.key)
    return section(**_usable(section, stored))


def _usable(section: type, stored: dict[str, Any]) -> dict[str, Any]:
    """The stored fields the section still declares, with the type of their default
    (a field stored by another version with another type falls back to its default)."""
    usable: dict[str, Any] = {}
    for field in dataclasses.fields(section):
        if field.name not in stored:
            continue
        value = stored[field.name]
        default = field.default
        if isinstance(default, float) and type(value) is int:
            value = float(value)  # JSON writes 2.0 as 2.0, but a hand edit may say 2
        if default is dataclasses.MISSING or isinstance(value, type(default)):
            usable[field.name] = value
        else:
            log.warning("settings %s.%s: stored %r ignored", section.__qualname__,
                        field.name, value)
    return usable


def database_id(session: Session) -> str:
    """This database's id (a UUID), stored the first time it is asked for
    (core.settings.identity)."""
    from core.settings.identity import database_id as stored_or_new

    return stored_or_new(session)
