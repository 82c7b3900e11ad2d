"""`main.py print due-cards` as a script runs it: the due cards in one PDF, labels in the
same order, who is left out and why, and --mark-sent completes the actions."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from core.store.db import Database
from core.store.opening import prepare_database

from tests.conftest import save_shop_profile
from tests.core.printing.helpers import page_texts
from tests.core.program.shop import add_customer

ROOT = Path(__file__).resolve().parents[3]
DAY = dt.date(2026, 12, 7)
ADDRESS: dict[str, Any] = {"street": "4 Elm Road", "city": "Bristol", "postal_code": "BS1 4DJ"}


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REGULARS_HOME": str(home)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env,
                          check=False, capture_output=True, text=True, timeout=120)


def test_print_due_cards_prints_each_with_its_template_and_mark_sent_completes_them(
        tmp_path: Path, regulars_home: Path) -> None:
    path = tmp_path / "shop.db"
    db = Database.open(path)
    prepare_database(db)
    save_shop_profile(db)
    add_customer(db, "Ana", visits=(dt.date(2026, 12, 1),), today=DAY, **ADDRESS)
    add_customer(db, "Bea", birthday_month=12, birthday_day=14, today=DAY, **ADDRESS)
    add_customer(db, "Cal", birthday_month=12, birthday_day=14, today=DAY)
    db.close()
    out, labels = tmp_path / "due.pdf", tmp_path / "labels.pdf"
    done = _run("print", "due-cards", "--out", str(out), "--labels", str(labels),
                "--label-sheet", "avery-5160", "--date", DAY.isoformat(), "--mark-sent",
                "--db", str(path), home=regulars_home)
    assert done.returncode == 0, done.stderr
    assert "printed 2 cards and 0 letters (2 pages)" in done.stdout
    assert "2 labels (1 sheet)" in done.stdout and "marked sent" in done.stdout
    assert "left out 1" in done.stdout and "Cal Test: no postal address" in done.stderr
    pages = page_texts(out)
    assert "Thank you" in pages[0] and "Happy birthday" in pages[1]
    label_text = page_texts(labels)[0]
    assert label_text.index("Ana") < label_text.index("Bea")
    today = _run("today", "--date", DAY.isoformat(), "--json", "--db", str(path),
                 home=regulars_home)
    states = {(a["rule"], a["state"]) for a in json.loads(today.stdout)["actions"]}
    assert ("welcome", "done") in states and ("birthday", "done") in states
    assert ("birthday", "due") in states  # Cal's: still to do

    again = _run("print", "due-cards", "--out", str(tmp_path / "again.pdf"),
                 "--date", DAY.isoformat(), "--db", str(path), home=regulars_home)
    assert again.returncode == 1
    assert "nothing printed: 1 card due, all left out" in again.stderr
    assert not (tmp_path / "again.pdf").exists()
