"""Import history rows for imports that other areas run (visits from the till): started
when the import starts, finished with its counts, undone from the same history."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from core.desks.services import record_import_run
from core.interchange.models import CustomerExternalId, ImportRun, table_of
from core.kernel.errors import Problem
from core.store.bulk_insert import bulk_insert

MAX_STORED_PROBLEMS = 1_000  # as the customer import keeps


def start_import_run(session: Session, *, file_name: str, format: str, encoding: str,
                     delimiter: str, on_duplicate: str) -> int:
    """A history row for an import that starts now; its id."""
    now = dt.datetime.now().replace(microsecond=0)
    run_id = int(session.execute(insert(ImportRun).values(
        started_at=now, finished_at=now, file_name=file_name[:500], format=format,
        encoding=encoding, delimiter=delimiter, on_duplicate=on_duplicate, tag_name="",
        created_count=0, updated_count=0, skipped_count=0, rejected_count=0,
        created_ranges="[]", problems="[]", problem_total=0).returning(ImportRun.id)
    ).scalar_one())
    record_import_run(session, run_id)  # who runs it: once, not per customer
    return run_id


def finish_import_run(session: Session, run_id: int, *, created: int, updated: int,
                      skipped: int, rejected: int, created_ranges: Sequence[int],
                      problems: Sequence[Problem], problem_total: int) -> None:
    """The import's counts, the customers it created ([first, last, ...] id runs, which
    undo moves to the trash) and its first problems."""
    kept = list(problems)[:MAX_STORED_PROBLEMS]
    session.execute(update(ImportRun).where(ImportRun.id == run_id).values(
        finished_at=dt.datetime.now().replace(microsecond=0), created_count=created,
        updated_count=updated, skipped_count=skipped, rejected_count=rejected,
        created_ranges=json.dumps(list(created_ranges)),
        problems=json.dumps([[p.line, p.field, p.code, p.detail] for p in kept]),
        problem_total=problem_total))


def add_customer_external_ids(session: Session, rows: Sequence[tuple[int, str, str]]) -> None:
    """Ids another program gave customers: (customer id, source, value) each, so that its
    files match them next time (see external_ids)."""
    if rows:
        bulk_insert(session, table_of(CustomerExternalId), [
            {"customer_id": customer_id, "source": source, "value": value}
            for customer_id, source, value in rows])
