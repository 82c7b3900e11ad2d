"""This database's own id: a random UUID stored the first time something asks for it.

Exports use it to make ids that are unique across databases (a vCard's UID is this id plus
the customer's), so customers of two shops, or of a shop and its test copy, never share one.
"""
from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from core.settings.services import get_settings, save_settings
from core.settings.types import settings_section

log = logging.getLogger(__name__)


@settings_section("database_identity")
@dataclass(frozen=True)
class DatabaseIdentity:
    id: str = ""


def database_id(session: Session) -> str:
    """The stored id, or a new one stored now (in a savepoint of the caller's transaction).

    A database that cannot be written (opened read-only) gets a new id for this use only,
    logged; another desk that stored one at the same moment wins, and its id is returned.
    """
    if stored := get_settings(session, DatabaseIdentity).id:
        return stored
    new_id = str(uuid.uuid4())
    try:
        with session.begin_nested():
            save_settings(session, DatabaseIdentity(new_id))
    except DBAPIError as exc:
        if stored := get_settings(session, DatabaseIdentity).id:
            return stored
        log.warning("database id not stored (%s); using %s for this export only",
                    type(exc.orig).__name__, new_id)
    return new_id
