"""Backups, restore, the single-instance lock, and refusing damaged files."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from core.customers.queries import ListQuery, count_customers
from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.store import backup
from core.store.db import Database
from core.store.errors import BackupUnreadable, DatabaseCorrupt, DatabaseInUse
from core.store.opening import (
    daily_backup_due,
    lock_database,
    prepare_database,
    take_daily_backup,
)

ROOT = Path(__file__).resolve().parents[3]


def _add(db: Database, name: str) -> None:
    with db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name=name))


def test_backup_then_restore_brings_back_the_old_customers(sqlite_db: Database) -> None:
    _add(sqlite_db, "Ann")
    saved = backup.backup_database(sqlite_db.sqlite_path)  # type: ignore[arg-type]
    _add(sqlite_db, "Bob")
    assert count_customers(sqlite_db.raw(), ListQuery()) == 2
    path = sqlite_db.sqlite_path
    sqlite_db.close()
    safety = backup.restore_backup(saved, path)  # type: ignore[arg-type]
    reopened = Database.open(path)
    assert count_customers(reopened.raw(), ListQuery()) == 1
    assert safety is not None and safety.exists()  # the replaced file was kept
    reopened.close()


def test_daily_backups_roll_over_keeping_fourteen(sqlite_db: Database) -> None:
    path = sqlite_db.sqlite_path
    assert path is not None
    start = dt.datetime(2026, 1, 1, 9, 0)
    for day in range(20):
        backup.backup_database(path, reason=backup.DAILY, now=start + dt.timedelta(days=day))
    daily = [b for b in backup.list_backups(backup.backup_folder(path))
             if b.reason == backup.DAILY]
    assert len(daily) == backup.KEEP_DAILY
    assert daily[0].taken_at == start + dt.timedelta(days=19)


def test_daily_backup_is_due_once_a_day(sqlite_db: Database) -> None:
    assert daily_backup_due(sqlite_db)
    take_daily_backup(sqlite_db)
    assert not daily_backup_due(sqlite_db)


def test_second_instance_is_refused_while_first_holds_the_file(tmp_path: Path) -> None:
    path = tmp_path / "shop.db"
    first = lock_database(Database.open(path))
    holder = subprocess.run(
        [sys.executable, "-c",
         ("import sys; from core.store.db import Database\n"
          "from core.store.errors import DatabaseInUse\n"
          "from core.store.opening import lock_database\n"
          f"try:\n    lock_database(Database.open({str(path)!r}))\n"
          "except DatabaseInUse:\n    sys.exit(3)\n")],
        cwd=ROOT, check=False, capture_output=True, text=True,
    )
    assert holder.returncode == 3, holder.stderr
    assert first is not None
    first.release()
    again = lock_database(Database.open(path))
    assert again is not None
    again.release()
    with pytest.raises(DatabaseInUse):
        held = lock_database(Database.open(path))
        try:
            lock_database(Database.open(path))
        finally:
            assert held is not None
            held.release()


def test_damaged_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    db = Database.open(path)
    prepare_database(db)
    for n in range(300):
        _add(db, f"Customer {n}")
    db.close()
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 3 + 2000] = b"\xff" * 2000  # scribble over a b-tree page
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseCorrupt):
        prepare_database(Database.open(path))
    assert path.read_bytes() == bytes(data)


def test_each_database_file_keeps_its_own_backups(tmp_path: Path) -> None:
    shop, other = tmp_path / "shop.db", tmp_path / "other" / "shop.db"
    for path in (shop, other):
        db = Database.open(path)
        prepare_database(db)
        _add(db, "Ann")
        db.close()
    backup.backup_database(shop)
    assert len(backup.list_backups(backup.backup_folder(shop))) == 1
    assert backup.list_backups(backup.backup_folder(other)) == []


def test_restoring_an_unreadable_backup_changes_nothing(sqlite_db: Database, tmp_path: Path) -> None:
    _add(sqlite_db, "Ann")
    bogus = tmp_path / "regulars-20260101-000000-manual.db"
    bogus.write_bytes(b"this is not a database" * 100)
    path = sqlite_db.sqlite_path
    sqlite_db.close()
    with pytest.raises(BackupUnreadable):
        backup.restore_backup(bogus, path)  # type: ignore[arg-type]
    assert count_customers(Database.open(path).raw(), ListQuery()) == 1
