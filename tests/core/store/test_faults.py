"""Each fault a person can act on is recognised from the real error, however it is wrapped,
with the file it concerns: both front ends word it from there."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from core.customers.services import add_customer, get_customer, update_customer
from core.customers.types import CustomerDraft
from core.store import faults
from core.store.db import Database, waiting_at_most
from core.store.faults import describe_fault, sqlite_fault

from tests.core.store.fault_setups import (
    damage_text,
    fill_disk,
    make_shop,
    read_only_view,
    small_disk,
    without_root_powers,
    write_lock_held,
)


def _failure(call: object) -> BaseException:
    with pytest.raises(Exception) as caught:
        call()  # type: ignore[operator]
    return caught.value


def _add_big_note(db: Database) -> None:
    with db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Bo", last_name="Li", notes="n" * 60_000))


def test_a_file_written_to_a_full_disk_is_named_with_disk_full(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        fill_disk(disk)
        target = disk / "export.csv"
        error = _failure(lambda: target.write_bytes(b"x" * 100_000))
    # A failed write() names no file: the caller names the one it was writing.
    assert describe_fault(error, target) == faults.Fault(faults.DISK_FULL, str(target),
                                                         os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("opened_before", [True, False], ids=["opened", "not_yet_opened"])
def test_a_save_on_a_full_disk_names_the_database_as_full(
        tmp_path: Path, opened_before: bool) -> None:
    # Opened before the disk filled, SQLite says "database or disk is full"; opened after,
    # it cannot make its -shm file and says "disk I/O error": both are a full disk.
    with small_disk(tmp_path / "disk") as disk:
        path = make_shop(disk / "shop.db")
        db = Database.open(path)
        try:
            if opened_before:
                db.read(get_customer, 1)
            fill_disk(disk)
            fault = describe_fault(_failure(lambda: _add_big_note(db)), path)
        finally:
            db.close()
    assert fault is not None
    assert (fault.kind, fault.path) == (faults.DISK_FULL, str(path))


def test_a_save_on_a_read_only_file_system_says_so(tmp_path: Path) -> None:
    make_shop(tmp_path / "shop" / "shop.db")
    with read_only_view(tmp_path / "shop", tmp_path / "stick") as stick:
        error = _failure(lambda: (stick / "new.csv").write_text("x", encoding="utf-8"))
        fault = describe_fault(error)
        assert fault is not None
        assert (fault.kind, fault.path) == (faults.READ_ONLY_FILE_SYSTEM, str(stick / "new.csv"))
        # SQLite only says "readonly database": the file system is found to be the reason.
        db = Database.open(stick / "shop.db")
        try:
            error = _failure(lambda: _add_big_note(db))
        finally:
            db.close()
        fault = describe_fault(error, stick / "shop.db")
        assert fault is not None
        assert fault.kind == faults.READ_ONLY_FILE_SYSTEM
        # A bug's error is not blamed on the place, read-only as it is.
        assert sqlite_fault("no such column: nickname", stick / "shop.db").kind == \
            faults.DATABASE_ERROR


def test_a_read_only_file_and_a_read_only_folder_are_told_apart(tmp_path: Path) -> None:
    folder = tmp_path / "shop"
    folder.mkdir()
    existing = folder / "customers.csv"
    existing.write_text("old", encoding="utf-8")
    existing.chmod(0o444)
    folder.chmod(0o555)
    try:
        with without_root_powers():
            over_file = _failure(lambda: existing.write_text("new", encoding="utf-8"))
            new_file = _failure(lambda: (folder / "new.csv").write_text("x", encoding="utf-8"))
    finally:
        folder.chmod(0o755)
    assert describe_fault(over_file) == faults.Fault(
        faults.READ_ONLY_FILE, str(existing), os.strerror(errno.EACCES))
    fault = describe_fault(new_file)
    assert fault is not None
    assert (fault.kind, fault.path) == (faults.READ_ONLY_FOLDER, str(folder / "new.csv"))
    assert existing.read_text(encoding="utf-8") == "old"


def test_a_database_another_process_is_writing_to_is_locked(tmp_path: Path) -> None:
    path = make_shop(tmp_path / "shop.db")
    db = Database.open(path)
    try:
        with write_lock_held(path), waiting_at_most(100):
            error = _failure(lambda: db.run(add_customer, CustomerDraft(first_name="Cy")))
    finally:
        db.close()
    assert describe_fault(error) == faults.Fault(faults.LOCKED, str(path))


def test_stored_text_that_cannot_be_decoded_names_its_column(tmp_path: Path) -> None:
    path = make_shop(tmp_path / "shop.db")
    damage_text(path, customer_id=1, column="city")
    db = Database.open(path)
    try:
        error = _failure(lambda: db.read(get_customer, 1))
    finally:
        db.close()
    fault = describe_fault(error, path)
    assert fault is not None
    assert (fault.kind, fault.path, fault.field) == (faults.UNDECODABLE, str(path), "city")


def test_a_bug_is_no_fault_of_the_files_and_is_left_to_the_log(tmp_path: Path) -> None:
    path = make_shop(tmp_path / "shop.db")
    db = Database.open(path)
    try:
        error = _failure(lambda: db.run(update_customer, 1, None))
    finally:
        db.close()
    assert describe_fault(error, path) is None
    assert describe_fault(KeyError("first_name"), path) is None
