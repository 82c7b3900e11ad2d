"""The search index stays whole through imports that add thousands of customers at once."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from core.customer_list import search_customers
from core.customer_types import CustomerDraft
from core.customers import add_customer
from core.db import Database
from core.interchange.importing import ImportOptions, run_import
from core.search.sqlite_fts import DEFAULT_HASH_SIZE
from tests.core.interchange import samples

TODAY = dt.date(2026, 11, 22)


def _fts_trigger_exists(db: Database) -> bool:
    return db.raw().scalar(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'customers_fts_ai'"
    ) == 1


def _check_fts(db: Database) -> None:
    if db.dialect == "sqlite":
        assert _fts_trigger_exists(db)
        assert db.raw().scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
                               "name = 'ix_customers_search_scan'") == 1  # set aside, back
        with db.unit_of_work() as session:  # raises if the index disagrees with the table
            session.connection().exec_driver_sql(
                "INSERT INTO customers_fts(customers_fts, rank) VALUES ('integrity-check', 1)")
        # The bulk build's larger buffer is not left behind for everyday edits.
        assert db.raw().scalar(
            "SELECT v FROM customers_fts_config WHERE k = 'hashsize'") == DEFAULT_HASH_SIZE


def test_an_import_that_overwrites_its_own_earlier_rows_keeps_search_right(
        db: Database, tmp_path: Path) -> None:
    # Row 1,500 repeats row 5's email in a later batch: the customer inserted by this import
    # is then updated by it, before the search index has seen either version.
    rows = [["first_name", "last_name", "email"]] + [
        [f"P{i}", "Early", f"p{i}@example.com"] for i in range(1500)]
    rows.append(["P5", "Zanzibarova", "p5@example.com"])
    path = samples.write_csv(tmp_path / "twice.csv", rows)
    summary = run_import(db, path, options=ImportOptions(today=TODAY, on_duplicate="overwrite"))
    assert (summary.created, summary.updated) == (1500, 1)
    _check_fts(db)
    assert [r.last_name for r in search_customers(db.raw(), "zanzibarova")] == ["Zanzibarova"]
    assert len(search_customers(db.raw(), "early", limit=5000)) == 1499
    with db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Wilhelmina", last_name="Quarrington"))
    assert [r.first_name for r in search_customers(db.raw(), "quarring")] == ["Wilhelmina"]
