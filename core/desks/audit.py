"""Every save of a record a person edits leaves a RecordChange: which values changed, by
whom, at which desk (core.kernel.desk). Read from the ORM's flush, so that no service can
forget; bulk writes in Core (imports, merges) keep their own history (their import runs).

Each model names the values a person edits (`Versioned.edited_fields`, declared by its own
area), so an area that comes later is covered by declaring them.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from core.desks.models import RecordChange
from core.kernel.desk import current_actor


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
        names = getattr(obj, "edited_fields", ())
        if not names or not session.is_modified(obj, include_collections=False):
            continue
        changed = _changed(obj, names)
        if changed:
            rows.append((obj.__tablename__, obj, ",".join(changed)))
    for obj in session.deleted:
        if getattr(obj, "edited_fields", ()):
            rows.append((obj.__tablename__, obj, "deleted"))
    if not rows:
        return
    actor, now = current_actor(), dt.datetime.now()
    for table, obj, fields in rows:
        session.add(RecordChange(at=now, desk=actor.desk[:200], person=actor.person[:200],
                                 kind=table, record_id=int(obj.id),
                                 customer_id=_customer_of(table, obj), fields=fields))


event.listen(Session, "before_flush", record_changes)
