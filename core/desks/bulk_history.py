"""What imports and merges did to one customer, read when their history is shown.

Imports and merges write in bulk with Core, which the audit of saves (core.desks.audit)
does not see, and an import must not slow down by a row per customer to be seen. So
nothing is written per customer: an import records once who ran it (a RecordChange of the
run, `record_import_run`), and the history reads what the import keeps anyway: the
customers it created (import_runs.created_ranges), the values it changed
(import_changes), the visits it brought (interactions.import_run_id). A merge records one
row on the kept customer, naming the other (`record_merge`), since the other is gone.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from core.customers.tables import CUSTOMERS, INTERACTIONS
from core.desks.models import RecordChange
from core.desks.types import (
    IMPORT_ADDED,
    IMPORT_UNDONE,
    IMPORT_UPDATED,
    IMPORT_VISITS,
    MERGED,
    UNMERGED,
    ChangeRow,
)
from core.interchange.tables import ADDED, IMPORT_CHANGES, IMPORT_RUNS
from core.kernel.desk import current_actor

IMPORT_RUN = "import_runs"  # RecordChange.kind of the row that says who ran an import
RAN, UNDID = "imported", "undone"  # its fields
# A customer's created_at and its import's finished_at are each taken to the second, so a
# customer created in an import's last second may look a little later than its end.
_CLOCK_SLACK = dt.timedelta(seconds=2)


def record_import_run(session: Session, run_id: int, *, undone: bool = False) -> None:
    """Note who runs (or undid) import `run_id`, and at which desk: one row for the whole
    import, whatever the number of customers it touches."""
    _record(session, IMPORT_RUN, run_id, None, UNDID if undone else RAN)


def record_merge(session: Session, *, keep_id: int, other_id: int, other_name: str,
                 undone: bool = False) -> None:
    """Note on `keep_id`'s history that `other_name` (`other_id`) was merged into it, or
    that the merge was undone."""
    _record(session, UNMERGED if undone else MERGED, other_id, keep_id, other_name)


def _record(session: Session, kind: str, record_id: int, customer_id: int | None,
            fields: str) -> None:
    actor = current_actor()
    session.execute(insert(RecordChange).values(
        at=dt.datetime.now(), desk=actor.desk[:200], person=actor.person[:200], kind=kind,
        record_id=record_id, customer_id=customer_id, fields=fields))


def merge_row(change: RecordChange) -> ChangeRow:
    """A merge's RecordChange as the history shows it (its `fields` hold the other's name)."""
    return ChangeRow(change.at, change.person, change.desk, change.kind, change.record_id,
                     (), about=change.fields)


@dataclass
class _Run:
    id: int
    file_name: str
    finished_at: dt.datetime
    undone_at: dt.datetime | None


def import_changes_of(session: Session, customer_id: int) -> list[ChangeRow]:
    """The imports that added this customer, changed their values or brought their visits,
    and the undoing of those imports; who ran each where it was recorded."""
    updated = _updated_fields(session, customer_id)
    visits = set(session.scalars(select(INTERACTIONS.c.import_run_id).distinct().where(
        INTERACTIONS.c.customer_id == customer_id, INTERACTIONS.c.import_run_id.is_not(None))))
    added = _adding_runs(session, customer_id)
    ids = set(updated) | visits | added
    if not ids:
        return []
    runs = {row.id: _Run(row.id, row.file_name, row.finished_at, row.undone_at)
            for row in session.execute(select(
                IMPORT_RUNS.c.id, IMPORT_RUNS.c.file_name, IMPORT_RUNS.c.finished_at,
                IMPORT_RUNS.c.undone_at).where(IMPORT_RUNS.c.id.in_(ids)))}
    who = {(row.record_id, row.fields): row for row in session.scalars(
        select(RecordChange).where(RecordChange.kind == IMPORT_RUN,
                                   RecordChange.record_id.in_(ids)))}
    rows: list[ChangeRow] = []

    def line(run: _Run, kind: str, fields: Iterable[str] = ()) -> None:
        undoing = kind == IMPORT_UNDONE
        actor = who.get((run.id, UNDID if undoing else RAN))
        at = (actor.at if actor is not None else run.undone_at) if undoing else run.finished_at
        assert at is not None
        rows.append(ChangeRow(at, actor.person if actor else "", actor.desk if actor else "",
                              kind, run.id, tuple(fields), about=run.file_name))

    for run in runs.values():
        if run.id in added:
            line(run, IMPORT_ADDED)
        fields = updated.get(run.id, [])
        if run.id in visits:
            line(run, IMPORT_VISITS)
            # The till's first visit moving "customer since" is part of bringing the visits.
            fields = [name for name in fields if name != "customer_since"]
        if fields:
            line(run, IMPORT_UPDATED, fields)
        if run.undone_at is not None:
            line(run, IMPORT_UNDONE)
    return rows


def _updated_fields(session: Session, customer_id: int) -> dict[int, list[str]]:
    """By import: the names of the values it changed on the customer, and of what it added
    besides (other emails and phones, consent, the source's id, tags)."""
    fields: dict[int, list[str]] = {}
    for run_id, after, tag_ids in session.execute(select(
            IMPORT_CHANGES.c.run_id, IMPORT_CHANGES.c.after, IMPORT_CHANGES.c.added_tag_ids)
            .where(IMPORT_CHANGES.c.customer_id == customer_id)
            .order_by(IMPORT_CHANGES.c.id)):
        names = fields.setdefault(run_id, [])
        values = json.loads(after or "{}")
        found = [name for name in values if name != ADDED]
        found += list(values.get(ADDED) or {})
        if json.loads(tag_ids or "[]"):
            found.append("tags")
        names.extend(name for name in found if name not in names)
    return {run_id: names for run_id, names in fields.items() if names}


def _adding_runs(session: Session, customer_id: int) -> set[int]:
    """The import that created the customer (a set: none, or one), found in the id ranges
    of the imports that ran when the customer was created."""
    created_at = session.scalar(select(CUSTOMERS.c.created_at)
                                .where(CUSTOMERS.c.id == customer_id))
    if created_at is None:
        return set()
    candidates = session.execute(select(IMPORT_RUNS.c.id, IMPORT_RUNS.c.created_ranges).where(
        IMPORT_RUNS.c.created_count > 0,
        IMPORT_RUNS.c.started_at <= created_at + _CLOCK_SLACK,
        IMPORT_RUNS.c.finished_at >= created_at - _CLOCK_SLACK))
    return {run_id for run_id, ranges in candidates
            if _in_ranges(customer_id, json.loads(ranges or "[]"))}


def _in_ranges(customer_id: int, flat: list[int]) -> bool:
    """Whether the id is in [first, last, first, last, ...] (inclusive runs)."""
    return any(first <= customer_id <= last for first, last in zip(flat[::2], flat[1::2]))
