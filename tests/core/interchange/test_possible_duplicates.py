"""Households share phones and emails: a match on one with a clearly different name is a
possible duplicate, never merged silently; the owner decides row by row."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from core.customers.queries import ListQuery, count_customers
from core.customers.services import add_customer, get_customer
from core.customers.types import CustomerDraft
from core.interchange.history import get_import
from core.interchange.importing import ImportOptions, run_import
from core.interchange.outcomes import (
    FILLED,
    KEPT_APART,
    OVERWRITTEN,
    SKIPPED,
    Person,
    names_differ,
)
from core.store.db import Database

from tests.core.interchange import samples

TODAY = dt.date(2026, 11, 22)


def _kim(db: Database) -> int:
    with db.unit_of_work() as session:
        return add_customer(session, CustomerDraft(
            first_name="Donghyun", last_name="Kim", phone="+15035550142",
            email="kim@example.com", city="")).id


def _file(tmp_path: Path) -> Path:
    return samples.write_csv(tmp_path / "family.csv", [
        ["first_name", "last_name", "email", "phone", "city"],
        ["José", "Núñez", "jose@example.com", "(503) 555-0142", "Portland"],  # Kim's phone
        ["Donghyun", "Kim", "", "503 555 0142", "Salem"],                     # Kim himself
    ])


@pytest.mark.parametrize("policy", ["skip", "fill", "overwrite"])
def test_a_phone_match_with_a_different_name_comes_in_as_a_new_customer(
        db: Database, tmp_path: Path, policy: str) -> None:
    kim = _kim(db)
    summary = run_import(db, _file(tmp_path), options=ImportOptions(
        on_duplicate=policy, today=TODAY))
    assert summary.created == 1 and summary.possible_total == 1
    (possible,) = summary.possible_duplicates
    assert (possible.line, possible.matched_on, possible.customer_id) == (2, "phone", kim)
    assert possible.row.name == "José Núñez" and possible.customer.name == "Donghyun Kim"
    assert not possible.same_person
    assert count_customers(db.raw(), ListQuery()) == 2
    with db.unit_of_work() as session:
        assert get_customer(session, kim).draft.city == ("" if policy == "skip" else "Salem")
    kept_apart, kim_row = summary.outcomes
    assert (kept_apart.line, kept_apart.outcome, kept_apart.customer_name) == (
        2, KEPT_APART, "Donghyun Kim")
    assert (kim_row.line, kim_row.customer_id, kim_row.matched_on) == (3, kim, "phone")
    assert kim_row.outcome == {"skip": SKIPPED, "fill": FILLED,
                               "overwrite": OVERWRITTEN}[policy]


def test_the_owner_can_say_a_possible_duplicate_is_the_same_person(db: Database,
                                                                  tmp_path: Path) -> None:
    kim = _kim(db)
    summary = run_import(db, _file(tmp_path), options=ImportOptions(
        on_duplicate="fill", today=TODAY, same_person=frozenset({2})))
    assert (summary.created, summary.updated) == (0, 2)
    (possible,) = summary.possible_duplicates
    assert possible.same_person
    with db.unit_of_work() as session:
        assert get_customer(session, kim).draft.city == "Portland"  # José's row, as told
    assert [o.outcome for o in summary.outcomes] == [FILLED, FILLED]


def test_two_people_of_one_household_in_the_same_file_are_both_kept(db: Database,
                                                                  tmp_path: Path) -> None:
    path = samples.write_csv(tmp_path / "house.csv", [
        ["first_name", "last_name", "email"],
        ["María", "García", "garcia.home@example.com"],
        ["José", "García", "garcia.home@example.com"],
        ["Maria", "Garcia", "GARCIA.home@example.com"],  # María again
    ])
    summary = run_import(db, path, options=ImportOptions(today=TODAY))
    assert (summary.created, summary.skipped) == (2, 1)
    (possible,) = summary.possible_duplicates
    assert (possible.line, possible.customer_line, possible.matched_on) == (3, 2, "email")
    assert possible.customer.name == "María García"


def test_the_import_history_lists_every_row_that_matched_someone(db: Database,
                                                                tmp_path: Path) -> None:
    kim = _kim(db)
    summary = run_import(db, _file(tmp_path), options=ImportOptions(today=TODAY))
    assert summary.run_id is not None
    with db.unit_of_work() as session:
        run = get_import(session, summary.run_id)
    assert [(o.line, o.outcome, o.customer_id, o.customer_name) for o in run.outcomes] == [
        (2, KEPT_APART, kim, "Donghyun Kim"), (3, SKIPPED, kim, "Donghyun Kim")]


def test_the_report_counts_and_lists_possible_duplicates(db: Database, tmp_path: Path) -> None:
    _kim(db)
    summary = run_import(db, _file(tmp_path), options=ImportOptions(today=TODAY),
                         dry_run=True)
    report = json.loads(json.dumps(summary.as_report()))
    assert report["counts"]["possible_duplicates"] == 1
    assert report["possible_duplicates"][0]["line"] == 2
    assert report["possible_duplicates"][0]["customer"] == "Donghyun Kim"
    assert [row["outcome"] for row in report["rows"]] == [KEPT_APART, SKIPPED]


@pytest.mark.parametrize(("first", "second", "differ"), [
    (("José", "Núñez"), ("Donghyun", "Kim"), True),
    (("María", "García"), ("José", "García"), True),  # one household
    (("Dee", "Fox"), ("Dorothea", "Fox"), False),
    (("Ann", "Lee"), ("Ann", "Smith"), False),        # a new family name
    (("Jose", "Nunez"), ("José", "Núñez"), False),
    (("Kim", "Donghyun"), ("Donghyun", "Kim"), False),  # in the other order
    (("", "Kim"), ("Donghyun", "Kim"), False),
    (("", ""), ("Donghyun", "Kim"), False),           # known by email alone: can't tell
])
def test_what_counts_as_a_clearly_different_name(first: tuple[str, str],
                                                  second: tuple[str, str],
                                                  differ: bool) -> None:
    assert names_differ(Person(*first), Person(*second)) is differ


def test_the_command_line_names_each_possible_duplicate(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    from core.store.opening import prepare_database

    from main import main

    database = tmp_path / "shop.db"
    shop = Database.open(database)
    prepare_database(shop)
    _kim(shop)
    shop.close()
    report = tmp_path / "report.json"
    assert main(["--db", str(database), "import", str(_file(tmp_path)), "--report",
                 str(report)]) == 0
    captured = capsys.readouterr()
    assert (f"{tmp_path / 'family.csv'}:2: possible duplicate: José Núñez has the phone of "
            "customer 1 (Donghyun Kim); imported as a new customer") in captured.err
    assert "1 created, 0 updated, 1 skipped" in captured.out
    assert captured.out.rstrip().endswith("1 possible duplicate kept apart")
    assert json.loads(report.read_text(encoding="utf-8"))["counts"]["possible_duplicates"] == 1
