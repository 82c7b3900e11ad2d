"""Starting the window on a database in the way: in use, empty, read-only (real processes)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.store.db import Database
from core.store.opening import lock_database

from tests.core.store.fault_setups import WITHOUT_ROOT_POWERS, make_shop

ROOT = Path(__file__).resolve().parents[3]


def _start_window(path: Path, *, powers: bool = True) -> subprocess.CompletedProcess[str]:
    prefix = [] if powers or os.geteuid() != 0 else WITHOUT_ROOT_POWERS
    return subprocess.run(
        [*prefix, sys.executable, str(ROOT / "main.py"), "--db", str(path),
         "--exit-after-paint"], capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


@pytest.fixture
def shop_db(tmp_path: Path) -> Iterator[Path]:
    path = make_shop(tmp_path / "shop" / "regulars.db")
    yield path
    path.parent.chmod(0o755)


def test_exit_after_paint_on_a_database_in_use_says_so_instead_of_asking(
        shop_db: Path) -> None:
    other = Database.open(shop_db)
    lock = lock_database(other)
    assert lock is not None
    try:
        started = _start_window(shop_db)
    finally:
        lock.release()
    assert started.returncode == 1
    assert "is open in Regulars on this PC" in started.stderr
    assert "Traceback" not in started.stderr


def test_exit_after_paint_on_an_empty_file_says_it_is_damaged_instead_of_asking(
        tmp_path: Path) -> None:
    empty = tmp_path / "regulars.db"
    empty.touch()
    started = _start_window(empty)
    assert started.returncode == 1
    assert f"{empty} is damaged" in started.stderr
    assert empty.stat().st_size == 0


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv to drop root powers")
def test_a_database_in_a_read_only_folder_opens_read_only_in_the_window(
        shop_db: Path) -> None:
    shop_db.parent.chmod(0o555)
    started = _start_window(shop_db, powers=False)
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip().isdigit()  # painted: the startup time in ms
    assert "damaged" not in started.stderr
