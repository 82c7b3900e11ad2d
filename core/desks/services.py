"""The shop's staff list (names, optional PINs) and the history of who changed a record.

A PIN only keeps colleagues from picking each other's name by mistake; it is stored as a
salted PBKDF2 hash, never as typed.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.desks.bulk_history import (
    import_changes_of,
    merge_row,
    record_import_run,
    record_merge,
)
from core.desks.models import RecordChange, StaffMember
from core.desks.types import MERGED, UNMERGED, ChangeRow, StaffMemberRow
from core.kernel.errors import Invalid, NotFound, Problem

__all__ = ["add_staff_member", "customer_changes", "list_staff", "pin_matches",
           "record_import_run", "record_merge", "remove_staff_member", "set_staff_pin"]

EMPTY_NAME, NAME_TAKEN, BAD_PIN = "empty_name", "name_taken", "bad_pin"
_ROUNDS = 100_000


def list_staff(session: Session) -> list[StaffMemberRow]:
    """Everyone on the staff list, by name."""
    rows = session.scalars(select(StaffMember).where(StaffMember.active.is_(True))
                           .order_by(StaffMember.name))
    return [StaffMemberRow(row.id, row.name, bool(row.pin_hash)) for row in rows]


def add_staff_member(session: Session, name: str, pin: str = "") -> StaffMemberRow:
    """Add someone to the staff list (or bring back someone removed). Raises Invalid."""
    name = " ".join(name.split())
    if not name:
        raise Invalid([Problem("name", EMPTY_NAME)])
    row = session.scalars(select(StaffMember).where(StaffMember.name == name)).first()
    if row is not None and row.active:
        raise Invalid([Problem("name", NAME_TAKEN, name)])
    _check_pin(pin)
    if row is None:
        row = StaffMember(name=name, created_at=dt.datetime.now())
        session.add(row)
    row.active = True
    row.pin_hash = _hashed(pin) if pin else ""
    session.flush()
    return StaffMemberRow(row.id, row.name, bool(row.pin_hash))


def remove_staff_member(session: Session, member_id: int) -> None:
    """Take someone off the list; what they did stays in the records under their name."""
    _member(session, member_id).active = False
    session.flush()


def set_staff_pin(session: Session, member_id: int, pin: str) -> None:
    """Set (or, with "", remove) someone's PIN. Raises Invalid for a PIN that is not 4 to
    12 digits."""
    _check_pin(pin)
    _member(session, member_id).pin_hash = _hashed(pin) if pin else ""
    session.flush()


def pin_matches(session: Session, member_id: int, pin: str) -> bool:
    """Whether `pin` is this person's PIN (True when they have none)."""
    stored = _member(session, member_id).pin_hash
    if not stored:
        return True
    salt, _, digest = stored.partition("$")
    given = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), _ROUNDS).hex()
    return hmac.compare_digest(given, digest)


def customer_changes(session: Session, customer_id: int, *, limit: int = 200
                     ) -> list[ChangeRow]:
    """Who changed this customer's record and history, newest first: each save, and the
    imports and merges that added, changed or brought them something (core.desks.bulk_history)."""
    rows = session.scalars(select(RecordChange).where(RecordChange.customer_id == customer_id)
                           .order_by(RecordChange.at.desc(), RecordChange.id.desc())
                           .limit(limit))
    changes = [merge_row(row) if row.kind in (MERGED, UNMERGED) else
               ChangeRow(row.at, row.person, row.desk, row.kind, row.record_id,
                         tuple(row.fields.split(","))) for row in rows]
    changes.extend(import_changes_of(session, customer_id))
    # Stable: saves of one moment keep their newest-first order.
    changes.sort(key=lambda change: change.at, reverse=True)
    return changes[:limit]


def _member(session: Session, member_id: int) -> StaffMember:
    row = session.get(StaffMember, member_id)
    if row is None:
        raise NotFound("staff member", member_id)
    return row


def _check_pin(pin: str) -> None:
    if pin and not (pin.isdigit() and 4 <= len(pin) <= 12):
        raise Invalid([Problem("pin", BAD_PIN)])


def _hashed(pin: str) -> str:
    salt = secrets.token_bytes(16)
    return salt.hex() + "$" + hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, _ROUNDS).hex()
