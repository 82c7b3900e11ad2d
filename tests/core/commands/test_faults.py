"""Faults on the command line: real processes, real locks, files, folders and disks.

Each ends in one line naming the file and the reason, exit 1, no traceback; and nothing
in the database changes.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.store.backup import backup_folder, check_integrity, list_backups
from core.store.db import Database
from core.store.opening import lock_database, prepare_database

from tests.core.store.fault_setups import (
    WITHOUT_ROOT_POWERS,
    damage_text,
    fill_disk,
    read_only_view,
    small_disk,
    write_lock_held,
)

ROOT = Path(__file__).resolve().parents[3]
IN_USE = "is open in Regulars on this PC; close it or use --wait"


def _main(*args: str, powers: bool = True, **kwargs: object) -> subprocess.CompletedProcess[str]:
    prefix = [] if powers or os.geteuid() != 0 else WITHOUT_ROOT_POWERS
    return subprocess.run([*prefix, sys.executable, str(ROOT / "main.py"), *args],
                          capture_output=True, text=True, timeout=120, check=False,
                          **kwargs)  # type: ignore[call-overload, no-any-return]


def _one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def _count(path: Path) -> int:
    conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM customers").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def shop_db(tmp_path: Path) -> Path:
    path = tmp_path / "shop" / "regulars.db"
    db = Database.open(path)
    prepare_database(db)
    with db.unit_of_work() as session:
        for last in ("Smith", "Jones"):
            add_customer(session, CustomerDraft(first_name="Ann", last_name=last))
    db.close()
    return path


@pytest.fixture
def held(shop_db: Path) -> Iterator[Database]:
    """The database as an open window holds it: the instance lock taken."""
    db = Database.open(shop_db)
    lock = lock_database(db)
    assert lock is not None
    yield db
    lock.release()
    db.close()


@pytest.fixture
def people_csv(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text("First Name,Last Name,Email\nZoë,Müller,zoe@example.com\n", encoding="utf-8")
    return path


def test_writing_commands_are_refused_while_a_window_has_the_database_open(
        held: Database, shop_db: Path, people_csv: Path, tmp_path: Path) -> None:
    db = str(shop_db)
    _one_line_error(_main("--db", db, "import", str(people_csv)), str(shop_db), IN_USE)
    _one_line_error(_main("--db", db, "demo", "--customers", "5"), IN_USE)
    _one_line_error(_main("--db", db, "print", "cards", "--template", "thank-you",
                          "--all", "--out", str(tmp_path / "cards.pdf"), "--mark-sent"), IN_USE)
    _one_line_error(_main("--db", db, "restore", str(shop_db)), IN_USE)
    assert _count(shop_db) == 2
    assert not (tmp_path / "cards.pdf").exists()


def test_reading_commands_keep_working_while_a_window_has_the_database_open(
        held: Database, shop_db: Path, tmp_path: Path) -> None:
    found = _main("--db", str(shop_db), "find", "smith")
    assert found.returncode == 0 and "Smith" in found.stdout, found.stderr
    exported = _main("--db", str(shop_db), "export", "customers", str(tmp_path / "out.csv"))
    assert exported.returncode == 0, exported.stderr
    assert "Jones" in (tmp_path / "out.csv").read_text(encoding="utf-8")
    backed_up = _main("--db", str(shop_db), "backup", "--to", str(tmp_path / "copy.db"))
    assert backed_up.returncode == 0, backed_up.stderr
    assert _count(tmp_path / "copy.db") == 2


def test_an_import_with_wait_says_it_is_waiting_and_imports_once_the_window_closes(
        shop_db: Path, people_csv: Path) -> None:
    window = Database.open(shop_db)
    lock = lock_database(window)
    assert lock is not None
    job = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", str(shop_db),
                            "import", str(people_csv), "--wait"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert job.stderr is not None
        waiting = job.stderr.readline()
        assert "waiting" in waiting and str(shop_db) in waiting
        assert job.poll() is None  # still waiting, nothing imported yet
        assert _count(shop_db) == 2
    finally:
        lock.release()
    out, err = job.communicate(timeout=120)
    assert job.returncode == 0, err
    assert "1 created" in out
    assert _count(shop_db) == 3


def test_an_empty_database_file_is_refused_as_damaged_not_started_afresh(
        tmp_path: Path) -> None:
    empty = tmp_path / "regulars.db"
    empty.touch()
    _one_line_error(_main("--db", str(empty), "find", "smith"), str(empty), "damaged")
    _one_line_error(_main("--db", str(empty), "demo", "--customers", "3"), "damaged")
    assert empty.stat().st_size == 0


def test_a_backup_of_a_damaged_database_is_refused_and_says_why(
        shop_db: Path, tmp_path: Path) -> None:
    # An index that no longer matches its table: quick_check passes, integrity_check not.
    conn = sqlite3.connect(shop_db)
    conn.execute("PRAGMA writable_schema = ON")
    (name,) = conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                           "AND tbl_name = 'customers' AND sql IS NOT NULL LIMIT 1").fetchone()
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?",
                 (f"CREATE INDEX {name} ON customers(id DESC)", name))
    conn.commit()
    conn.close()
    assert check_integrity(shop_db) is None
    assert check_integrity(shop_db, full=True) is not None

    result = _main("--db", str(shop_db), "backup")
    _one_line_error(result, str(shop_db), "damaged", "not backing it up")
    assert list_backups(backup_folder(shop_db)) == []


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB file system of our own, to fill."""
    with small_disk(tmp_path / "disk", "1m") as mount:
        yield mount


def test_a_backup_that_fills_the_disk_leaves_no_partial_file(
        shop_db: Path, tiny_disk: Path) -> None:
    (tiny_disk / "ballast").write_bytes(b"x" * (1024 * 1024 - 64 * 1024))
    result = _main("--db", str(shop_db), "backup", "--to", str(tiny_disk / "copy.db"))
    _one_line_error(result, str(tiny_disk / "copy.db"), "the disk is full")
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["ballast"]


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv to drop root powers")
def test_a_read_only_folder_is_read_only_not_damaged(shop_db: Path, tmp_path: Path) -> None:
    folder = shop_db.parent
    folder.chmod(0o555)
    try:
        found = _main("--db", str(shop_db), "find", "smith", powers=False)
        assert found.returncode == 0 and "Smith" in found.stdout, found.stderr
        _one_line_error(_main("--db", str(shop_db), "demo", "--customers", "3", powers=False),
                        str(shop_db), "folder cannot be written")
    finally:
        folder.chmod(0o755)
    assert _count(shop_db) == 2


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv to drop root powers")
def test_a_read_only_file_is_read_only_not_damaged(shop_db: Path, people_csv: Path) -> None:
    shop_db.chmod(0o444)
    found = _main("--db", str(shop_db), "find", "jones", powers=False)
    assert found.returncode == 0 and "Jones" in found.stdout, found.stderr
    _one_line_error(_main("--db", str(shop_db), "import", str(people_csv), powers=False),
                    str(shop_db), "read-only")
    assert _count(shop_db) == 2


# -- full disk, read-only file system, locked, undecodable: one line each ----------------


@pytest.fixture
def shop_on_small_disk(tmp_path: Path, shop_db: Path) -> Iterator[Path]:
    """The shop's database on a 2 MB disk of its own, which a test then fills."""
    with small_disk(tmp_path / "disk") as disk:
        path = disk / "regulars.db"
        shutil.copyfile(shop_db, path)
        yield path


@pytest.fixture
def many_people_csv(tmp_path: Path) -> Path:
    path = tmp_path / "many.csv"
    rows = "".join(f"Zoë{i},Müller{i},z{i}@example.com,{'note ' * 40}\n" for i in range(3000))
    path.write_text("First Name,Last Name,Email,Notes\n" + rows, encoding="utf-8")
    return path


def test_an_import_that_fills_the_disk_says_so_in_one_line_and_imports_nothing(
        shop_on_small_disk: Path, many_people_csv: Path) -> None:
    fill_disk(shop_on_small_disk.parent, leave=200 * 1024)
    result = _main("--db", str(shop_on_small_disk), "import", str(many_people_csv))
    _one_line_error(result, str(shop_on_small_disk), "the disk is full", "nothing was changed")
    assert _count(shop_on_small_disk) == 2


def test_a_restore_onto_a_full_disk_says_so_in_one_line_and_keeps_the_database(
        shop_on_small_disk: Path, tmp_path: Path, many_people_csv: Path) -> None:
    bigger = tmp_path / "bigger.db"
    shutil.copyfile(shop_on_small_disk, bigger)
    imported = _main("--db", str(bigger), "import", str(many_people_csv))
    assert imported.returncode == 0, imported.stderr
    fill_disk(shop_on_small_disk.parent, leave=200 * 1024)
    result = _main("--db", str(shop_on_small_disk), "restore", str(bigger))
    _one_line_error(result, str(shop_on_small_disk), "the disk is full")
    assert _count(shop_on_small_disk) == 2
    assert not any(p.name.endswith((".restoring", ".part"))
                   for p in shop_on_small_disk.parent.iterdir())


def test_a_backup_onto_a_full_disk_says_so_in_one_line(
        shop_on_small_disk: Path, tmp_path: Path) -> None:
    ballast = fill_disk(shop_on_small_disk.parent)
    target = shop_on_small_disk.parent / "copy.db"
    result = _main("--db", str(shop_on_small_disk), "backup", "--to", str(target))
    # Not "damaged": the full disk only keeps SQLite from reading it for the check.
    _one_line_error(result, str(target), "the disk is full")
    assert not target.exists()
    ballast.unlink()
    assert _count(shop_on_small_disk) == 2


def test_a_database_on_a_read_only_file_system_is_read_but_not_written(
        shop_db: Path, people_csv: Path, tmp_path: Path) -> None:
    with read_only_view(shop_db.parent, tmp_path / "stick") as stick:
        on_stick = stick / shop_db.name
        found = _main("--db", str(on_stick), "find", "smith")
        assert found.returncode == 0 and "Smith" in found.stdout, found.stderr
        _one_line_error(_main("--db", str(on_stick), "import", str(people_csv)),
                        str(on_stick), "read-only file system")
    assert _count(shop_db) == 2


def test_an_import_while_another_program_writes_says_so_in_one_line(
        shop_db: Path, people_csv: Path) -> None:
    with write_lock_held(shop_db):
        result = _main("--db", str(shop_db), "import", str(people_csv))
    _one_line_error(result, str(shop_db), "another program is writing to it")
    assert _count(shop_db) == 2


def test_finding_a_customer_whose_text_cannot_be_decoded_names_the_file_and_field(
        shop_db: Path) -> None:
    damage_text(shop_db, customer_id=1, column="city")
    result = _main("--db", str(shop_db), "find", "smith")
    _one_line_error(result, str(shop_db), "city", "cannot be decoded")
