"""The search index stays whole through imports that add thousands of customers at once."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.customers.queries import search_customers
from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.interchange import importing
from core.interchange.importing import ImportOptions, run_import
from core.store.db import Database
from core.store.dialects.sqlite_fts import DEFAULT_HASH_SIZE

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


@pytest.mark.parametrize("catch_up_rows", [importing.SEARCH_CATCH_UP_ROWS, 1000],
                         ids=["indexed-at-the-end", "indexed-every-batch"])
def test_an_import_that_overwrites_its_own_earlier_rows_keeps_search_right(
        db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, catch_up_rows: int
) -> None:
    # Two rows repeat the emails of rows 5 and 1,995 in later batches: each customer
    # inserted by this import is then updated by it. Indexed at the end, neither is in the
    # search index when updated; indexed every batch, both are.
    monkeypatch.setattr(importing, "SEARCH_CATCH_UP_ROWS", catch_up_rows)
    rows = [["first_name", "last_name", "email"]] + [
        [f"P{i}", "Early", f"p{i}@example.com"] for i in range(1500)]
    rows.append(["P5", "Zanzibarova", "p5@example.com"])
    rows += [[f"P{i}", "Early", f"p{i}@example.com"] for i in range(1500, 2000)]
    rows.append(["P1995", "Quixotica", "p1995@example.com"])
    path = samples.write_csv(tmp_path / "twice.csv", rows)
    summary = run_import(db, path, options=ImportOptions(today=TODAY, on_duplicate="overwrite"))
    assert (summary.created, summary.updated) == (2000, 2)
    _check_fts(db)
    assert [r.last_name for r in search_customers(db.raw(), "zanzibarova")] == ["Zanzibarova"]
    assert [r.last_name for r in search_customers(db.raw(), "quixotica")] == ["Quixotica"]
    assert len(search_customers(db.raw(), "early", limit=5000)) == 1998
    with db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Wilhelmina", last_name="Quarrington"))
    assert [r.first_name for r in search_customers(db.raw(), "quarring")] == ["Wilhelmina"]
