"""A customer's history of changes names the imports and merges that changed them, and who
ran them at which desk, while an import still writes nothing per customer for it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import text

from core.customers.merge import merge_customers_undoably, unmerge_customers
from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.desks.services import customer_changes
from core.desks.types import (
    IMPORT_ADDED,
    IMPORT_UNDONE,
    IMPORT_UPDATED,
    IMPORT_VISITS,
    MERGED,
    UNMERGED,
    ChangeRow,
)
from core.interchange.history import undo_import
from core.interchange.importing import ImportOptions, run_import
from core.kernel.desk import set_actor
from core.store.db import Database

from tests.core.interchange import samples
from tests.core.visits.till.files import write_csv
from tests.core.visits.till.test_import_formats import run as run_till_import


def _changes(db: Database, customer_id: int) -> list[ChangeRow]:
    with db.unit_of_work() as session:
        return customer_changes(session, customer_id)


def _bulk(rows: list[ChangeRow]) -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    return [(row.kind, row.about, row.person, row.desk, row.fields) for row in rows]


def test_an_import_that_updates_ana_names_the_file_and_who_ran_it_in_her_history(
        db: Database, tmp_path: Path, at_front_desk: None) -> None:
    with db.unit_of_work() as session:
        ana = add_customer(session, CustomerDraft(first_name="Ana", last_name="Silva",
                                                  email="ana@example.com", city="York")).id
    path = samples.write_csv(tmp_path / "clients-november.csv", [
        ["first_name", "last_name", "email", "phone", "city", "tags"],
        ["Ana", "Silva", "ana@example.com", "+44 20 7946 0018", "Leeds", "vip"],
        ["Bea", "Moss", "bea@example.com", "", "Hull", ""],
        ["Cal", "Reed", "cal@example.com", "", "Bath", ""]])
    summary = run_import(db, path, options=ImportOptions(on_duplicate="overwrite",
                                                         today=dt.date(2026, 12, 2)))
    assert (summary.created, summary.updated) == (2, 1)

    changes = _changes(db, ana)
    assert [(kind, about, person, desk) for kind, about, person, desk, _ in _bulk(changes)] == [
        (IMPORT_UPDATED, "clients-november.csv", "Sam", "Front desk")]
    assert {"phone", "city", "tags"} <= set(changes[0].fields)
    assert changes[0].at.date() == dt.date.today()
    (bea,) = (row[0] for row in db.raw().execute(
        "SELECT id FROM customers WHERE first_name = 'Bea'"))
    assert _bulk(_changes(db, bea)) == [
        (IMPORT_ADDED, "clients-november.csv", "Sam", "Front desk", ())]
    # Who ran it is one row for the whole import, not one per customer it touched.
    assert db.raw().scalar("SELECT count(*) FROM record_changes") == 1

    set_actor(person="Kim")
    with db.unit_of_work() as session:
        undo_import(session, summary.run_id)
    assert _bulk(_changes(db, ana))[:2] == [
        (IMPORT_UNDONE, "clients-november.csv", "Kim", "Front desk", ()),
        (IMPORT_UPDATED, "clients-november.csv", "Sam", "Front desk", changes[0].fields)]


def test_an_import_from_before_desks_were_recorded_still_shows_in_the_history(
        db: Database, tmp_path: Path) -> None:
    with db.unit_of_work() as session:
        ana = add_customer(session, CustomerDraft(first_name="Ana", email="ana@example.com")).id
    path = samples.write_csv(tmp_path / "old.csv", [["first_name", "email", "city"],
                                                    ["Ana", "ana@example.com", "Leeds"]])
    run_import(db, path, options=ImportOptions(on_duplicate="fill"))
    with db.unit_of_work() as session:
        session.execute(text("DELETE FROM record_changes"))
    assert _bulk(_changes(db, ana)) == [(IMPORT_UPDATED, "old.csv", "", "", ("city",))]


def test_visits_from_the_till_name_the_till_file_in_the_customers_history(
        db: Database, tmp_path: Path, at_front_desk: None) -> None:
    with db.unit_of_work() as session:
        ann = add_customer(session, CustomerDraft(first_name="Ann", email="ann@example.com")).id
    path = write_csv(tmp_path / "till-march.csv", ("Date", "Order ID", "Email", "Amount"), [
        {"Date": "2026-03-01", "Order ID": "A1", "Email": "ann@example.com", "Amount": "10"},
        {"Date": "2026-03-09", "Order ID": "A2", "Email": "ann@example.com", "Amount": "20"}])
    assert run_till_import(db, path).purchases == 2
    # Her "customer since" moving to her first purchase goes without saying.
    assert _bulk(_changes(db, ann)) == [(IMPORT_VISITS, "till-march.csv", "Sam", "Front desk", ())]


def test_a_merge_shows_in_the_kept_customers_history_and_so_does_undoing_it(
        db: Database, at_front_desk: None) -> None:
    with db.unit_of_work() as session:
        ana = add_customer(session, CustomerDraft(first_name="Ana", last_name="Silva",
                                                  email="ana@example.com")).id
        other = add_customer(session, CustomerDraft(first_name="Ana", last_name="Sílva",
                                                    phone="5559876543", city="York")).id
        merged = merge_customers_undoably(session, keep_id=ana, other_id=other)
    changes = _changes(db, ana)
    assert (changes[0].kind, changes[0].about, changes[0].person, changes[0].desk) == (
        MERGED, "Ana Sílva", "Sam", "Front desk")
    assert MERGED not in [row.kind for row in changes[1:]]

    set_actor(person="Kim")
    with db.unit_of_work() as session:
        keep_id, other_id = unmerge_customers(session, merged.undo)
    assert [(r.kind, r.about, r.person) for r in _changes(db, keep_id)
            if r.kind in (MERGED, UNMERGED)] == [
        (UNMERGED, "Ana Sílva", "Kim"), (MERGED, "Ana Sílva", "Sam")]
    assert [(r.kind, r.about, r.person) for r in _changes(db, other_id)
            if r.kind in (MERGED, UNMERGED)] == [(UNMERGED, "Ana Silva", "Kim")]
