"""`main.py templates list` and `main.py print cards` as a script runs them."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.printing.templates import DEFAULT_TEMPLATES
from core.store.db import Database
from core.store.opening import prepare_database

from tests.conftest import save_shop_profile
from tests.core.printing.helpers import page_texts

ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REGULARS_HOME": str(home)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env,
                          check=False, capture_output=True, text=True, timeout=120)


def _shop(path: Path) -> list[int]:
    db = Database.open(path)
    prepare_database(db)
    save_shop_profile(db)
    with db.unit_of_work() as session:
        ids = [add_customer(session, CustomerDraft(
            first_name=first, last_name="Test", street="1 High St" if i < 3 else "",
            city="Leeds", tags=("vip",))).id
            for i, first in enumerate(["Zoë", "Ελένη", "Smith & <Sons>", "Nomail"])]
    db.close()
    return ids


def test_templates_list_shows_every_default(tmp_path: Path, regulars_home: Path) -> None:
    done = _run("templates", "list", "--db", str(tmp_path / "shop.db"), home=regulars_home)
    assert done.returncode == 0, done.stderr
    names = [line.split("\t")[0] for line in done.stdout.splitlines()]
    assert "thank-you" in names and "we-miss-you" in names and "survey-card" in names
    assert "council-meeting-notes" in names and "meeting-notes" in names
    assert len(names) == len(DEFAULT_TEMPLATES) == 22


def test_print_cards_writes_cards_and_labels_and_says_who_was_skipped(
    tmp_path: Path, regulars_home: Path
) -> None:
    db = tmp_path / "shop.db"
    _shop(db)
    done = _run("print", "cards", "--template", "thank-you", "--tag", "vip",
                "--out", str(tmp_path / "cards.pdf"), "--labels", str(tmp_path / "labels.pdf"),
                "--label-sheet", "avery-5160", "--start", "4", "--mark-sent", "--db", str(db),
                home=regulars_home)
    assert done.returncode == 0, done.stderr
    assert "printed 3 thank-you items (3 pages" in done.stdout
    assert "skipped 1: 1 no postal address" in done.stdout and "marked sent" in done.stdout
    cards = page_texts(tmp_path / "cards.pdf")
    greetings = sorted(line for page in cards for line in page.splitlines()
                       if line.startswith("Dear "))
    assert greetings == ["Dear Smith & <Sons>,", "Dear Zoë,", "Dear Ελένη,"]
    assert page_texts(tmp_path / "labels.pdf")[0].count("1 High St") == 3


def test_bad_input_exits_1_with_a_clear_message_and_writes_nothing(
    tmp_path: Path, regulars_home: Path
) -> None:
    db = tmp_path / "shop.db"
    ids = _shop(db)
    out = tmp_path / "cards.pdf"
    cases = [
        (["--template", "nope", "--all"], "no template named 'nope'"),
        (["--template", "thank-you", "--all", "--format", "letter-a4"], "cannot be printed"),
        (["--template", "thank-you", "--all", "--format", "a3"], "unknown format"),
        (["--template", "thank-you", "--tag", "ghosts"], "no tag named 'ghosts'"),
        (["--template", "thank-you", "--customer", str(ids[3])], "1 no postal address"),
        (["--template", "thank-you", "--all", "--labels", str(tmp_path / "l.pdf"),
          "--label-sheet", "avery-5163", "--start", "11"], "between 1 and 10"),
    ]
    for args, message in cases:
        done = _run("print", "cards", *args, "--out", str(out), "--db", str(db),
                    home=regulars_home)
        assert done.returncode == 1, (args, done.stdout)
        assert message in done.stderr, (args, done.stderr)
    assert not out.exists()


def test_printing_everyone_names_the_customer_whose_stored_city_cannot_be_read(
        tmp_path: Path, regulars_home: Path) -> None:
    """A flipped byte that integrity_check cannot see: the message says whose field."""
    path = tmp_path / "shop.db"
    ids = _shop(path)
    raw = sqlite3.connect(path)
    raw.execute("UPDATE customers SET city = CAST(x'4bf66c6e' AS TEXT) WHERE id = ?", (ids[1],))
    raw.commit()
    raw.close()
    done = _run("print", "cards", "--all", "--template", "thank-you", "--out",
                str(tmp_path / "cards.pdf"), "--db", str(path), home=regulars_home)
    assert done.returncode == 1
    assert f"customer {ids[1]}'s city holds text that cannot be decoded" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "cards.pdf").exists()


def test_printing_before_the_shop_has_a_name_exits_1_with_one_line_and_writes_nothing(
    tmp_path: Path, regulars_home: Path
) -> None:
    db = tmp_path / "shop.db"
    _shop(db)
    database = Database.open(db)
    save_shop_profile(database, name="")
    database.close()
    out = tmp_path / "cards.pdf"
    done = _run("print", "cards", "--template", "thank-you", "--tag", "vip", "--out", str(out),
                "--db", str(db), home=regulars_home)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        ("error: nothing printed: the business profile has no business name, which this "
        "prints; fill it in with 'main.py profile set --name …'")]
    assert not out.exists()
