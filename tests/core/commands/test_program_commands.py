"""`main.py today` and `main.py actions`: the program from a script."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from core.store.db import Database
from core.store.opening import prepare_database

from tests.core.program.shop import add_customer

ROOT = Path(__file__).resolve().parents[3]
DAY = "2026-12-07"


def _run(*args: str, db: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REGULARS_HOME": str(home)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args, "--db", str(db)],
                          cwd=ROOT, env=env, check=False, capture_output=True, text=True,
                          timeout=120)


def _shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.db"
    db = Database.open(path)
    prepare_database(db)
    today = dt.date.fromisoformat(DAY)
    add_customer(db, "Bea", birthday_month=12, birthday_day=14, today=today)
    add_customer(db, "Cy", visits=(dt.date(2026, 12, 1),), today=today)
    db.close()
    return path


def test_today_as_json_lists_each_action_with_why_and_the_counts(tmp_path: Path) -> None:
    path = _shop(tmp_path)
    result = _run("today", "--date", DAY, "--json", db=path, home=tmp_path)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["date"] == DAY
    assert shown["counts"] == {"due": 1, "overdue": 1, "upcoming": 0, "missed": 0,
                               "done_this_week": 0}
    birthday = next(a for a in shown["actions"] if a["rule"] == "birthday")
    assert (birthday["gesture"], birthday["occasion_on"], birthday["due_on"],
            birthday["state"]) == ("card", "2026-12-14", DAY, "due")
    assert birthday["why"] == ("Birthday 2026-12-14 (year unknown); card to print by "
                               "2026-12-07 so it arrives in time.")
    again = json.loads(_run("today", "--date", DAY, "--json", db=path, home=tmp_path).stdout)
    assert [a["id"] for a in again["actions"]] == [a["id"] for a in shown["actions"]]


def test_actions_done_skip_and_snooze_from_a_script(tmp_path: Path) -> None:
    path = _shop(tmp_path)
    shown = json.loads(_run("today", "--date", DAY, "--json", db=path, home=tmp_path).stdout)
    ids = {a["rule"]: a["id"] for a in shown["actions"]}
    done = _run("actions", "done", str(ids["welcome"]), "--note", "signed", db=path,
                home=tmp_path)
    assert (done.returncode, done.stdout.strip()) == (0, f"action {ids['welcome']} done")
    again = _run("actions", "skip", str(ids["welcome"]), db=path, home=tmp_path)
    assert again.returncode == 1
    assert again.stderr.strip() == f"error: action {ids['welcome']} is already done"
    snoozed = _run("actions", "snooze", str(ids["birthday"]), "--until", "2999-01-01",
                   db=path, home=tmp_path)
    assert snoozed.returncode == 0, snoozed.stderr
    assert _run("actions", "done", "999", db=path, home=tmp_path).stderr.strip() == \
        "error: there is no action 999"
    bad = _run("actions", "snooze", "1", "--until", "someday", db=path, home=tmp_path)
    assert bad.returncode == 1 and "--until: bad date 'someday'" in bad.stderr
