"""Importing the same file twice creates nobody: external ids first, then the usual keys,
then the name with the organisation or street for contacts with no email or phone."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from core.customers.queries import ListQuery, count_customers
from core.customers.services import add_customer, get_customer
from core.customers.types import CustomerDraft
from core.interchange.export_csv import export_customers_csv
from core.interchange.importing import ImportOptions, run_import
from core.store.db import Database
from core.store.opening import prepare_database

from tests.core.interchange import samples

TODAY = dt.date(2026, 12, 2)


def _import(db: Database, path: Path, **options: object) -> tuple[int, int, int, int]:
    summary = run_import(db, path, options=ImportOptions(today=TODAY, **options))  # type: ignore[arg-type]
    return summary.created, summary.updated, summary.skipped, summary.rejected


def _count(db: Database) -> int:
    return count_customers(db.raw(), ListQuery())


def test_name_only_and_organisation_only_contacts_come_in_once(db: Database,
                                                               tmp_path: Path) -> None:
    path = samples.write_csv(tmp_path / "few.csv", [
        ["first_name", "last_name", "organisation", "street", "notes"],
        ["Ann", "Lee", "", "", "name only"],
        ["", "", "Bäckerei Schmidt", "", "organisation only"],
        ["Bo", "Ek", "Ek & Co", "", "name and organisation"],
        ["Bo", "Ek", "", "Storgatan 1", "name and street: another Bo Ek"],
    ])
    assert _import(db, path) == (4, 0, 0, 0)
    assert _import(db, path) == (0, 0, 4, 0)
    assert _count(db) == 4


def test_a_name_only_row_twice_in_one_file_is_one_customer(db: Database,
                                                           tmp_path: Path) -> None:
    path = samples.write_csv(tmp_path / "twice.csv", [
        ["first_name", "last_name", "organisation"], ["Ann", "Lee", ""], ["ann", "LEE", ""],
        ["", "", "Bäckerei Schmidt"], ["", "", "Baeckerei Schmidt"]])
    created = _import(db, path)[0]
    # Accents and case fold as in search; "ae" for "ä" is another spelling, not folded.
    assert created == 3


def test_a_name_only_contact_fills_the_customer_it_matches(db: Database,
                                                           tmp_path: Path) -> None:
    with db.unit_of_work() as session:
        ann = add_customer(session, CustomerDraft(first_name="Ann", last_name="Lee")).id
    path = samples.write_csv(tmp_path / "fill.csv", [["first_name", "last_name", "city"],
                                                     ["Ann", "Lee", "Leeds"]])
    assert _import(db, path, on_duplicate="fill") == (0, 1, 0, 0)
    with db.unit_of_work() as session:
        assert get_customer(session, ann).draft.city == "Leeds"


def _shopify(path: Path, rows: list[list[str]]) -> Path:
    return samples.write_csv(path, [["Customer ID", "First Name", "Last Name", "Email"],
                                     *rows])


SHOPIFY_MAPPING = ("external_id", "first_name", "last_name", "email")


def test_a_shop_customer_who_changed_email_is_found_by_the_shops_id(db: Database,
                                                                    tmp_path: Path) -> None:
    first = _shopify(tmp_path / "june.csv", [["2075", "Ann", "Lee", "ann@old.example"],
                                            ["2076", "Bo", "Ek", "bo@example.com"]])
    options = {"format": "shopify", "mapping": SHOPIFY_MAPPING}
    assert _import(db, first, **options) == (2, 0, 0, 0)
    later = _shopify(tmp_path / "july.csv", [["2075", "Ann", "Lee-Park", "ann@new.example"],
                                            ["2077", "Cy", "Ng", "cy@example.com"]])
    assert _import(db, later, on_duplicate="overwrite", **options) == (1, 1, 0, 0)
    assert _count(db) == 3
    with db.unit_of_work() as session:
        ann = [c for c in (get_customer(session, i) for i in range(1, 4))
               if c.draft.first_name == "Ann"]
    assert [(a.draft.last_name, a.draft.email) for a in ann] == [("Lee-Park",
                                                                   "ann@new.example")]


def test_ids_of_one_shop_do_not_match_another_programs_ids(sqlite_db: Database,
                                                           tmp_path: Path) -> None:
    shop = _shopify(tmp_path / "shop.csv", [["17", "Ann", "Lee", "ann@example.com"]])
    _import(sqlite_db, shop, format="shopify", mapping=SHOPIFY_MAPPING)
    crm = samples.write_csv(tmp_path / "crm.csv", [["Record ID", "First Name", "Last Name",
                                                    "Email"], ["17", "Bo", "Ek", "bo@x.org"]])
    assert _import(sqlite_db, crm, format="hubspot", mapping=SHOPIFY_MAPPING)[0] == 1
    # A plain spreadsheet's ID column is often a row number: it matches nobody.
    sheet = samples.write_csv(tmp_path / "sheet.csv", [["regulars_id", "first_name", "email"],
                                                       ["17", "Cy", "cy@example.com"]])
    assert _import(sqlite_db, sheet)[0] == 1
    assert _count(sqlite_db) == 3


def _people(db: Database) -> None:
    with db.unit_of_work() as session:
        for draft in (
            CustomerDraft(first_name="Ann", last_name="Lee"),
            CustomerDraft(organisation="Bäckerei Schmidt", notes="- prefers mornings"),
            CustomerDraft(first_name="Bo", last_name="Ek", email="bo@example.com",
                          notes="=1+1 is what he wrote", city="'-quoted"),
        ):
            add_customer(session, draft)


def test_our_own_export_imported_again_creates_no_one_and_changes_nothing(
    db: Database, tmp_path: Path
) -> None:
    _people(db)
    with db.unit_of_work() as session:
        export_customers_csv(session, tmp_path / "before.csv")
    for policy in ("skip", "fill", "overwrite"):
        assert _import(db, tmp_path / "before.csv", on_duplicate=policy) == (0, 0, 3, 0)
    with db.unit_of_work() as session:
        export_customers_csv(session, tmp_path / "after.csv")
    assert (tmp_path / "after.csv").read_bytes() == (tmp_path / "before.csv").read_bytes()


def test_our_export_comes_into_another_database_once(sqlite_db: Database,
                                                     tmp_path: Path) -> None:
    _people(sqlite_db)
    with sqlite_db.unit_of_work() as session:
        export_customers_csv(session, tmp_path / "ours.csv")
    other = Database.open(tmp_path / "other.db")
    try:
        prepare_database(other)
        assert _import(other, tmp_path / "ours.csv") == (3, 0, 0, 0)
        assert _import(other, tmp_path / "ours.csv") == (0, 0, 3, 0)
        with other.unit_of_work() as session:
            notes = {get_customer(session, i).draft.notes for i in (1, 2, 3)}
            cities = {get_customer(session, i).draft.city for i in (1, 2, 3)}
        assert {"- prefers mornings", "=1+1 is what he wrote"} <= notes
        assert "'-quoted" in cities
    finally:
        other.close()


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX permissions")
def test_an_export_follows_the_umask_and_an_overwritten_file_keeps_its_permissions(
    sqlite_db: Database, tmp_path: Path
) -> None:
    _people(sqlite_db)
    old = os.umask(0o027)
    try:
        with sqlite_db.unit_of_work() as session:
            export_customers_csv(session, tmp_path / "new.csv")
    finally:
        os.umask(old)
    assert (tmp_path / "new.csv").stat().st_mode & 0o777 == 0o640
    shared = tmp_path / "shared.csv"
    shared.write_text("old")
    shared.chmod(0o664)
    with sqlite_db.unit_of_work() as session:
        export_customers_csv(session, shared)
    assert shared.stat().st_mode & 0o777 == 0o664
    assert "regulars_id" in shared.read_text()
