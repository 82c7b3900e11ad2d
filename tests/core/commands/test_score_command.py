"""`main.py score` and `main.py print survey-cards`: from a script, with one clear line
for bad input."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.scores.services import customer_scores
from core.store.db import Database
from core.store.opening import prepare_database

from tests.conftest import save_shop_profile

ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str, db: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REGULARS_HOME": str(home)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args, "--db", str(db)],
                          cwd=ROOT, env=env, check=False, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def shop(tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "shop.db"
    db = Database.open(path)
    prepare_database(db)
    save_shop_profile(db)
    with db.unit_of_work() as session:
        ana = add_customer(session, CustomerDraft(
            first_name="Ana", last_name="Lima", street="1 High Street", city="Bristol",
            tags=("Regulars",))).id
    db.close()
    return path, ana


def test_a_score_from_the_command_line_is_stored_with_its_channel_and_comment(
        shop: tuple[Path, int], regulars_home: Path) -> None:
    path, ana = shop
    done = _run("score", "--customer", str(ana), "--scale", "nps", "--score", "9",
                "--date", "2026-03-05", "--channel", "in-person", "--comment", "Lovely",
                db=path, home=regulars_home)
    assert done.returncode == 0, done.stderr
    db = Database.open(path)
    try:
        with db.unit_of_work() as session:
            rows = customer_scores(session, ana)
    finally:
        db.close()
    assert [(r.id, r.scale, r.score, r.channel, r.comment, r.answered_on.isoformat())
            for r in rows] == [(int(done.stdout), "nps", 9, "in_person", "Lovely", "2026-03-05")]


@pytest.mark.parametrize(("args", "message"), [
    (("--scale", "csat", "--score", "6"), "error: --score must be between 1 and 5 on this scale"),
    (("--scale", "nps", "--score", "ten"), "error: --score must be a whole number, not 'ten'"),
    (("--scale", "nps", "--score", "5", "--date", "2026-02-30"), "error: bad date '2026-02-30'"),
])
def test_a_bad_score_stops_with_one_line_naming_the_field(
        shop: tuple[Path, int], regulars_home: Path, args: tuple[str, ...],
        message: str) -> None:
    path, ana = shop
    done = _run("score", "--customer", str(ana), *args, db=path, home=regulars_home)
    assert done.returncode == 1
    assert done.stderr.startswith(message) and len(done.stderr.strip().splitlines()) == 1


def test_an_unknown_customer_is_named(shop: tuple[Path, int], regulars_home: Path) -> None:
    path, _ana = shop
    done = _run("score", "--customer", "4242", "--scale", "nps", "--score", "5", db=path,
                home=regulars_home)
    assert done.returncode == 1
    assert done.stderr.startswith("error: there is no customer 4242")


def test_survey_cards_print_by_tag_and_refuse_an_unknown_tag(
        shop: tuple[Path, int], regulars_home: Path, tmp_path: Path) -> None:
    path, _ana = shop
    out = tmp_path / "cards.pdf"
    done = _run("print", "survey-cards", "--tag", "Regulars", "--scale", "csat", "--out",
                str(out), db=path, home=regulars_home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("printed 1 survey card (1 page) to ")
    assert out.read_bytes().startswith(b"%PDF")
    refused = _run("print", "survey-cards", "--tag", "Nobody", "--out", str(out), db=path,
                   home=regulars_home)
    assert refused.returncode == 1
    assert refused.stderr.strip() == "error: no tag named 'Nobody'"
