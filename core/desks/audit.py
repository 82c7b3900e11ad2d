"""Every save of a record a person edits leaves a RecordChange: which values changed, by
whom, at which desk (core.kernel.desk). Read from the ORM's flush, so that no service can
forget; bulk writes in Core (imports, merges) keep their own history (their import runs).

Only the values a person edits are named: statistics, search keys and versions that move
with them are not news to anyone.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from core.desks.models import RecordChange
from core.kernel.desk import current_actor

# Per table: the edited values worth naming, and how to find whose record it is.
EDITED: dict[str, tuple[str, ...]] = {
    "customers": (
        "first_name", "last_name", "organisation", "email", "phone", "street", "city", "region",
        "postal_code", "country", "notes", "source", "referred_by_id", "customer_since",
        "birthday_month", "birthday_day", "birthday_year", "no_mail", "no_email",
        "no_birthday_cards", "no_calls", "no_campaigns", "needs_checking", "deleted_at"),
    "interactions": ("kind", "occurred_on", "amount_minor", "note"),
    "print_templates": ("title", "body", "format_name"),
    "business_profile": (
        "name", "street", "city", "state", "postal_code", "country", "phone", "email",
        "logo_png", "signature_name", "region", "locale", "currency"),
}


def _customer_of(table: str, obj: Any) -> int | None:
    if table == "customers":
        return int(obj.id)
    return getattr(obj, "customer_id", None)


def _changed(obj: Any, names: tuple[str, ...]) -> list[str]:
    state = inspect(obj)
    return [name for name in names if state.attrs[name].history.has_changes()]


def record_changes(session: Session, _context: object, _instances: object) -> None:
    """before_flush: a RecordChange for each edited record with edited values."""
    rows = []
    for obj in session.dirty:
        table = getattr(obj, "__tablename__", "")
        names = EDITED.get(table)
        if names is None or not session.is_modified(obj, include_collections=False):
            continue
        changed = _changed(obj, names)
        if changed:
            rows.append((table, obj, ",".join(changed)))
    for obj in session.deleted:
        table = getattr(obj, "__tablename__", "")
        if table in EDITED:
            rows.append((table, obj, "deleted"))
    if not rows:
        return
    actor, now = current_actor(), dt.datetime.now()
    for table, obj, fields in rows:
        session.add(RecordChange(at=now, desk=actor.desk[:200], person=actor.person[:200],
                                 kind=table, record_id=int(obj.id),
                                 customer_id=_customer_of(table, obj), fields=fields))


event.listen(Session, "before_flush", record_changes)
