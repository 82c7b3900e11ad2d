"""`main.py log`: a visit or purchase recorded from a script, and clear refusals."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.customers.services import add_customer, get_customer
from core.customers.types import CustomerDraft
from core.store.db import Database
from core.store.opening import prepare_database

ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str, db: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REGULARS_HOME": str(home)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "log", *args, "--db", str(db)],
                          cwd=ROOT, env=env, check=False, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def shop(tmp_path: Path) -> tuple[Path, int]:
    """A shop database with one customer, Ana (ana@example.com, +1 415 555 0100)."""
    path = tmp_path / "shop.db"
    db = Database.open(path)
    prepare_database(db)
    with db.unit_of_work() as session:
        ana = add_customer(session, CustomerDraft(
            first_name="Ana", email="ana@example.com", phone="+1 415 555 0100")).id
    db.close()
    return path, ana


def _figures(path: Path, customer_id: int) -> tuple[int, int, str]:
    db = Database.open(path)
    try:
        with db.unit_of_work() as session:
            detail = get_customer(session, customer_id)
        return detail.visit_count, detail.lifetime_value_minor, detail.stage
    finally:
        db.close()


def test_logging_a_purchase_prints_its_id_and_counts_it(
        shop: tuple[Path, int], regulars_home: Path) -> None:
    path, ana = shop
    done = _run("purchase", "--customer", str(ana), "--amount", "12.50", "--date", "2026-03-05",
                "--note", "gift box", db=path, home=regulars_home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().isdigit()
    by_email = _run("visit", "--email", "ANA@example.com", db=path, home=regulars_home)
    by_phone = _run("visit", "--phone", "(415) 555-0100", db=path, home=regulars_home)
    assert by_email.returncode == 0 and by_phone.returncode == 0, by_email.stderr + by_phone.stderr
    ids = {int(done.stdout), int(by_email.stdout), int(by_phone.stdout)}
    assert len(ids) == 3
    assert _figures(path, ana) == (3, 1250, "repeat")


@pytest.mark.parametrize(("args", "words"), [
    (("visit", "--customer", "999"), "there is no customer 999"),
    (("visit", "--email", "nobody@example.com"), "no customer with the email nobody@example.com"),
    (("visit", "--customer", "{ana}", "--date", "2026-02-30"), "bad date '2026-02-30'"),
    (("purchase", "--customer", "{ana}", "--amount", "12.5x"), "bad amount '12.5x'"),
    (("purchase", "--customer", "{ana}", "--amount", "1.005"), "more decimals"),
])
def test_a_bad_customer_date_or_amount_exits_1_with_one_line_and_records_nothing(
        shop: tuple[Path, int], regulars_home: Path, args: tuple[str, ...], words: str) -> None:
    path, ana = shop
    done = _run(*(a.format(ana=ana) for a in args), db=path, home=regulars_home)
    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and words in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert done.stdout == ""
    assert _figures(path, ana) == (0, 0, "prospect")


def test_a_kind_that_does_not_exist_is_a_usage_error(
        shop: tuple[Path, int], regulars_home: Path) -> None:
    path, ana = shop
    assert _run("haircut", "--customer", str(ana), db=path, home=regulars_home).returncode == 2
    assert _run("visit", db=path, home=regulars_home).returncode == 2
