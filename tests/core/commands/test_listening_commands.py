"""`main.py complaint` and `main.py promise`: from a script, and one line for bad input."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from core.store.db import Database
from core.store.opening import prepare_database

from tests.core.program.shop import add_customer

ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str, db: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REGULARS_HOME": str(home)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args, "--db", str(db)],
                          cwd=ROOT, env=env, check=False, capture_output=True, text=True,
                          timeout=120)


def test_a_complaint_opened_and_resolved_from_a_script_queues_the_follow_up_call(
        tmp_path: Path) -> None:
    path = tmp_path / "shop.db"
    db = Database.open(path)
    prepare_database(db)
    ana = add_customer(db, "Ana", visits=(dt.date(2026, 6, 1),), today=dt.date(2026, 11, 2))
    db.close()
    opened = _run("complaint", "open", "--customer", str(ana), "--summary", "Cake was dry",
                  "--severity", "high", "--date", "2026-11-02T09:00", db=path, home=tmp_path)
    assert opened.returncode == 0, opened.stderr
    complaint = opened.stdout.strip()
    resolved = _run("complaint", "resolve", complaint, "--resolution", "Baked another",
                    "--satisfied", "yes", "--date", "2026-11-03T10:00", db=path, home=tmp_path)
    assert resolved.returncode == 0, resolved.stderr
    today = _run("today", "--date", "2026-11-10", db=path, home=tmp_path)
    assert "Complaint resolved on 2026-11-03; call by 2026-11-10" in today.stdout
    again = _run("complaint", "resolve", complaint, "--resolution", "Again", db=path,
                 home=tmp_path)
    assert (again.returncode, again.stderr) == (
        1, f"error: complaint {complaint} is already resolved\n")


def test_a_promise_kept_from_a_script_says_early_on_time_or_late(tmp_path: Path) -> None:
    path = tmp_path / "shop.db"
    db = Database.open(path)
    prepare_database(db)
    ana = add_customer(db, "Ana", today=dt.date(2026, 11, 2))
    db.close()
    added = _run("promise", "add", "--customer", str(ana), "--what", "Frame ready Friday",
                 "--due", "2026-11-06", "--date", "2026-11-02", db=path, home=tmp_path)
    assert added.returncode == 0, added.stderr
    kept = _run("promise", "kept", added.stdout.strip(), "--date", "2026-11-09", db=path,
                home=tmp_path)
    assert kept.stdout == f"promise {added.stdout.strip()} kept 3 days late\n"


def test_bad_input_exits_1_with_one_line_naming_the_option(tmp_path: Path) -> None:
    path = tmp_path / "shop.db"
    db = Database.open(path)
    prepare_database(db)
    ana = add_customer(db, "Ana", today=dt.date(2026, 11, 2))
    db.close()
    cases = [
        (("complaint", "open", "--customer", str(ana), "--summary", "x", "--severity", "huge"),
         "--severity"),
        (("complaint", "open", "--customer", "999", "--summary", "x"), "customer 999"),
        (("complaint", "open", "--customer", str(ana), "--summary", " "), "--summary"),
        (("complaint", "resolve", "5", "--resolution", "x", "--satisfied", "maybe"),
         "--satisfied"),
        (("promise", "add", "--customer", str(ana), "--what", "x", "--due", "Friday"), "--due"),
        (("promise", "kept", "7"), "promise 7"),
    ]
    for args, named in cases:
        result = _run(*args, db=path, home=tmp_path)
        assert result.returncode == 1, args
        assert result.stderr.count("\n") == 1 and named in result.stderr, result.stderr
