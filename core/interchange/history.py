"""The import history: what each import did, its problems, and undoing it."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.customers.services import (
    delete_customers,
    read_customer_row,
    remove_customer_tags,
    update_customer_row,
)
from core.customers.types import customer_keys_of
from core.desks.services import record_import_run
from core.interchange.additions import undo_additions
from core.interchange.errors import ImportAlreadyUndone
from core.interchange.models import ImportChange, ImportProfile, ImportRun
from core.interchange.outcomes import RowOutcome
from core.kernel.changes import Changes
from core.kernel.errors import NotFound, Problem
from core.store.changes import note_changes


@dataclass(frozen=True)
class ImportRunRow:
    id: int
    started_at: dt.datetime
    file_name: str
    format: str
    encoding: str
    delimiter: str
    on_duplicate: str
    tag_name: str
    created: int
    updated: int
    skipped: int
    rejected: int
    problem_total: int
    undone_at: dt.datetime | None
    problems: tuple[Problem, ...] = ()
    # The rows that matched a customer (skipped, filled, overwritten) or were kept apart
    # from one, by line; none for imports recorded before they were kept.
    outcomes: tuple[RowOutcome, ...] = ()


@dataclass(frozen=True)
class UndoResult:
    run_id: int
    removed: tuple[int, ...]  # created customers moved to the trash
    reverted: int  # existing customers whose fields were put back


def _stored_problem(line: int, field: str, code: str, detail: str, *_: object) -> Problem:
    # Stored as [line, field, code, detail]; rows written before Problem replaced RowProblem
    # carry a fifth item, the old rejected flag, which the code now implies.
    return Problem(field, code, detail, line)


def _row(run: ImportRun, *, with_problems: bool = False) -> ImportRunRow:
    problems: tuple[Problem, ...] = ()
    outcomes: tuple[RowOutcome, ...] = ()
    if with_problems:
        problems = tuple(_stored_problem(*p) for p in json.loads(run.problems or "[]"))
        outcomes = tuple(RowOutcome.from_stored(item)
                         for item in json.loads(run.row_outcomes or "[]"))
    return ImportRunRow(
        run.id, run.started_at, run.file_name, run.format, run.encoding, run.delimiter,
        run.on_duplicate, run.tag_name, run.created_count, run.updated_count,
        run.skipped_count, run.rejected_count, run.problem_total, run.undone_at, problems,
        outcomes)


def list_imports(session: Session, *, limit: int = 100) -> list[ImportRunRow]:
    """The most recent imports first."""
    runs = session.scalars(select(ImportRun).order_by(ImportRun.id.desc()).limit(limit))
    return [_row(run) for run in runs]


def get_import(session: Session, run_id: int) -> ImportRunRow:
    run = session.get(ImportRun, run_id)
    if run is None:
        raise NotFound("import", run_id)
    return _row(run, with_problems=True)


def created_ids(run: ImportRun) -> list[int]:
    flat = json.loads(run.created_ranges or "[]")
    return [i for first, last in zip(flat[::2], flat[1::2]) for i in range(first, last + 1)]


def undo_import(session: Session, run_id: int) -> UndoResult:
    """Put back the fields the import changed (where nobody changed them since), remove the
    tags it added to existing customers, and move the customers it created to the trash."""
    run = session.get(ImportRun, run_id)
    if run is None:
        raise NotFound("import", run_id)
    if run.undone_at is not None:
        raise ImportAlreadyUndone(run_id, run.undone_at)
    reverted = 0
    changes = session.scalars(select(ImportChange).where(ImportChange.run_id == run_id)
                              .order_by(ImportChange.id.desc())).all()
    for change in changes:
        before, after = json.loads(change.before), json.loads(change.after)
        current = read_customer_row(session, change.customer_id)
        if current is None:
            continue
        values = {n: before[n] for n in before if current[n] == after.get(n)}
        tag_ids = json.loads(change.added_tag_ids)
        if tag_ids:
            remove_customer_tags(session, change.customer_id, tag_ids)
        if values:
            merged = {**current, **values}
            values.update(customer_keys_of(merged))
            values["updated_at"] = dt.datetime.now()
            update_customer_row(session, change.customer_id, values)
        if values or tag_ids:
            reverted += 1
    # A till import's visits and purchases go too (core.visits): the customers it
    # created take theirs to the trash, the others get their figures back.
    from core.visits.services import undo_imported_visits

    undo_imported_visits(session, run_id)
    created = created_ids(run)
    undo_additions(session, run_id, created)  # ids, contacts, consent (core.interchange.additions)
    removed = delete_customers(session, created)
    note_changes(session, Changes(customers=True, imports=True))
    run.undone_at = dt.datetime.now().replace(microsecond=0)
    record_import_run(session, run_id, undone=True)
    session.flush()
    return UndoResult(run_id, tuple(removed), reverted)


@dataclass(frozen=True)
class MappingProfile:
    name: str
    format: str
    mapping: dict[str, str]  # header -> field


def save_import_profile(session: Session, profile: MappingProfile) -> MappingProfile:
    """Store (or replace) a named column mapping."""
    name = profile.name.strip()[:100]
    if not name:
        raise ValueError("profile name required")
    row = session.scalars(select(ImportProfile).where(ImportProfile.name == name)).first()
    if row is None:
        row = ImportProfile(name=name, created_at=dt.datetime.now())
        session.add(row)
    row.format = profile.format
    row.mapping = json.dumps(profile.mapping, ensure_ascii=False)
    session.flush()
    return MappingProfile(name, profile.format, dict(profile.mapping))


def list_import_profiles(session: Session) -> list[MappingProfile]:
    rows = session.scalars(select(ImportProfile).order_by(ImportProfile.name))
    return [MappingProfile(r.name, r.format, json.loads(r.mapping)) for r in rows]


def mapping_for_header(profile: MappingProfile, header: list[str]) -> tuple[str, ...]:
    """A saved profile applied to a file's header (columns it does not know are ignored)."""
    return tuple(profile.mapping.get(h, "") for h in header)
