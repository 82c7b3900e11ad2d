"""Several desks on one server: bulk jobs of one kind run one at a time (issue 18, item 2).

Each desk here is a `main.py` process of its own, as it would be on another PC. The test
first holds the import's lock itself (as "Desk 9"), so that both imports are started and
waiting before either runs: they then overlap for certain, not by luck of timing.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from core.interchange.importing import ImportOptions, run_import
from core.kernel.jobs import Cancelled, WaitingFor, waits_shown
from core.store.db import Database
from core.store.job_locks import IMPORT_CUSTOMERS, JOB_KINDS, LOCK_SPACE

from tests.conftest import _pg_database
from tests.core.interchange import samples

ROOT = Path(__file__).resolve().parents[3]
PATIENCE_SECONDS = 120  # a generous bound on a hung test, not a measurement


def _people(path: Path, numbers: range) -> Path:
    rows = [["First Name", "Last Name", "Email", "Phone"]]
    rows += [[f"Ann{n}", f"Lee{n}", f"ann{n}@example.com", f"+1 503 555 {n:04d}"]
             for n in numbers]
    return samples.write_csv(path, rows)


def _customers(db: Database) -> list[tuple[str, str, str]]:
    rows = db.raw().execute("SELECT first_name, last_name, email FROM customers "
                            "WHERE deleted_at IS NULL ORDER BY email")
    return [tuple(row) for row in rows]  # type: ignore[misc]


def _libpq_url(db: Database) -> str:
    return db.url.replace("postgresql+psycopg://", "postgresql://")


@contextmanager
def _held_by_desk_9(db: Database, kind: str = IMPORT_CUSTOMERS) -> Iterator[None]:
    """The kind's lock, held by a desk named "Desk 9" until the block ends."""
    with psycopg.connect(_libpq_url(db), application_name="Regulars: Desk 9") as conn:
        conn.execute("SELECT pg_advisory_xact_lock(%s, %s)",
                     (LOCK_SPACE, JOB_KINDS.index(kind) + 1))
        yield
        conn.rollback()


class _Desk:
    """`main.py --db URL import FILE` at a desk of this name, its stderr read as it comes."""

    def __init__(self, name: str, db: Database, path: Path, home: Path) -> None:
        env = dict(os.environ, REGULARS_DESK=name, REGULARS_HOME=str(home / name))
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--db", db.url, "import", str(path)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.err: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.err.append(line)

    def wait_until_it_says(self, words: str) -> None:
        deadline = time.monotonic() + PATIENCE_SECONDS
        while not any(words in line for line in self.err):
            assert self.process.poll() is None, "".join(self.err)
            assert time.monotonic() < deadline, "".join(self.err)
            time.sleep(0.05)

    def finish(self) -> tuple[int, str, str]:
        out, _ = self.process.communicate(timeout=PATIENCE_SECONDS)
        self._reader.join()
        return self.process.returncode, out, "".join(self.err)


def _at_once(db: Database, home: Path, first: Path, second: Path
             ) -> list[tuple[int, str, str]]:
    with _held_by_desk_9(db):
        desks = [_Desk("Desk 1", db, first, home), _Desk("Desk 2", db, second, home)]
        for desk in desks:
            desk.wait_until_it_says("waiting for the import at Desk 9")
    return [desk.finish() for desk in desks]


@pytest.fixture
def other_pg_db(pg_admin_url: str) -> Iterator[Database]:
    yield from _pg_database(pg_admin_url)


def test_two_overlapping_imports_at_two_desks_give_the_customers_of_one_after_the_other(
        pg_db: Database, other_pg_db: Database, tmp_path: Path) -> None:
    first = _people(tmp_path / "till.csv", range(300))
    second = _people(tmp_path / "contacts.csv", range(150, 450))  # 150 in both
    for path in (first, second):
        run_import(other_pg_db, path, options=ImportOptions())
    expected = _customers(other_pg_db)

    results = _at_once(pg_db, tmp_path, first, second)

    assert [code for code, _out, _err in results] == [0, 0], results
    assert len(expected) == 450
    assert _customers(pg_db) == expected


def test_the_same_file_imported_at_two_desks_at_once_creates_nobody_twice(
        pg_db: Database, tmp_path: Path) -> None:
    path = _people(tmp_path / "customers.csv", range(300))

    results = _at_once(pg_db, tmp_path, path, path)

    # Same format, same day, so both want the same "import … " tag: no UniqueViolation.
    for code, out, err in results:
        assert code == 0, err
        assert "Traceback" not in err and "UniqueViolation" not in err
    assert len(_customers(pg_db)) == 300
    created = sorted(int(re.search(r"([\d,]+) created", out).group(1).replace(",", ""))  # type: ignore[union-attr]
                     for _code, out, _err in results)
    assert created == [0, 300]


def test_an_import_waiting_for_another_desk_names_it_and_can_be_cancelled(
        pg_db: Database, tmp_path: Path) -> None:
    path = _people(tmp_path / "customers.csv", range(20))
    shown: list[WaitingFor | None] = []

    with (_held_by_desk_9(pg_db), waits_shown(shown.append, lambda: bool(shown)),
          pytest.raises(Cancelled)):
        run_import(pg_db, path, options=ImportOptions())

    assert shown == [WaitingFor(IMPORT_CUSTOMERS, "Desk 9"), None]
    assert _customers(pg_db) == []
    assert pg_db.raw().scalar("SELECT count(*) FROM import_runs") == 0
