"""`main.py import visits` and `main.py demo --till-export`: a till's year from a script."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from core.store.db import Database

ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str, db: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REGULARS_HOME": str(home)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args, "--db", str(db)],
                          cwd=ROOT, env=env, check=False, capture_output=True, text=True,
                          timeout=300)


def _interactions(path: Path) -> int:
    db = Database.open(path)
    try:
        with db.unit_of_work() as session:
            return int(session.execute(text("SELECT count(*) FROM interactions"
                                            " WHERE import_run_id IS NOT NULL")).scalar_one())
    finally:
        db.close()


def test_the_demo_tills_export_imports_once_and_a_second_time_adds_nothing(
        tmp_path: Path) -> None:
    shop, home, till = tmp_path / "shop.db", tmp_path / "home", tmp_path / "till.csv"
    assert _run("demo", "--customers", "300", db=shop, home=home).returncode == 0
    made = _run("demo", "--till-export", str(till), db=shop, home=home)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("wrote 9") and "Square" in made.stdout
    assert till.read_text(encoding="utf-8").startswith("Date,Time,Time Zone,Gross Sales")
    report = tmp_path / "report.json"
    dry = _run("import", "visits", str(till), "--dry-run", "--report", str(report),
               db=shop, home=home)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.startswith("would import till.csv (square-transactions, utf-8): 9")
    counts = json.loads(report.read_text(encoding="utf-8"))["counts"]
    assert counts["purchases"] > 500 and counts["already_imported"] == 0
    assert _interactions(shop) == 0
    first = _run("import", "visits", str(till), "--unmatched", "create", db=shop, home=home)
    assert first.returncode == 0, first.stderr
    for word in ("rows", "purchases", "visits", "matched", "created", "skipped",
                 "already imported"):
        assert word in first.stdout
    stored = _interactions(shop)
    assert stored == sum(_count(first.stdout, noun) for noun in ("purchase", "visit", "refund"))
    assert stored > counts["purchases"]  # the people created bring theirs
    again = _run("import", "visits", str(till), "--unmatched", "create", db=shop, home=home)
    assert again.returncode == 0, again.stderr
    assert " 0 purchases" in again.stdout and "0 created" in again.stdout
    assert _interactions(shop) == stored


def _count(line: str, noun: str) -> int:
    """The number before `noun` in the counts line (0 when it is not there)."""
    found = re.search(rf"([\d,]+) {noun}", line)
    return int(found.group(1).replace(",", "")) if found else 0


def test_a_file_without_a_date_column_is_refused_with_the_reason(tmp_path: Path) -> None:
    shop, home = tmp_path / "shop.db", tmp_path / "home"
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Email,Amount\nann@example.com,3\n", encoding="utf-8")
    result = _run("import", "visits", str(sheet), db=shop, home=home)
    assert result.returncode == 1
    assert result.stderr.strip() == (f"error: {sheet} (line 1): no column gives the date of "
                                     "the visit; nothing was imported")


def test_import_of_a_customer_file_named_visits_still_imports_customers(
        tmp_path: Path) -> None:
    shop, home = tmp_path / "shop.db", tmp_path / "home"
    people = tmp_path / "visits"
    people.write_text("First Name,Email\nAnn,ann@example.com\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(shop),
                             "import", "visits"], cwd=tmp_path, check=False,
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "REGULARS_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert "1 created" in result.stdout
