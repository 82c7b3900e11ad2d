"""Duplicate matching across batches: the SeenKeys filter never hides a duplicate."""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from core.customers.queries import ListQuery, count_customers
from core.customers.services import add_customer, get_customer
from core.customers.types import CustomerDraft
from core.interchange import matching
from core.interchange.importing import ImportOptions, run_import
from core.store.db import Database

from tests.core.interchange import samples


def test_seen_keys_never_forget_a_key_and_rarely_claim_one() -> None:
    rnd = random.Random(7)
    added = [f"{rnd.getrandbits(64):x}@example.com" for _ in range(20_000)]
    others = [f"{rnd.getrandbits(64):x}@example.org" for _ in range(20_000)]
    seen = matching.SeenKeys()
    seen.add((key, "", key[::-1]) for key in added)
    assert seen.may_exist(0, added) == added
    assert seen.may_exist(2, [key[::-1] for key in added]) == [key[::-1] for key in added]
    assert seen.may_exist(1, added) == []  # nothing added of that kind
    assert seen.may_exist(0, ["", *others[:5]]) == [k for k in others[:5] if seen.may_exist(0, [k])]
    assert len(seen.may_exist(0, others)) < len(others) // 100


@pytest.mark.parametrize("seeded", [matching.MAX_SEEDED_CUSTOMERS, 0],
                         ids=["filtered", "every-key-queried"])
def test_duplicates_in_earlier_batches_and_changed_customers_are_found(
    sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeded: int
) -> None:
    monkeypatch.setattr(matching, "MAX_SEEDED_CUSTOMERS", seeded)
    with sqlite_db.unit_of_work() as session:
        ann = add_customer(session, CustomerDraft(first_name="Ann", last_name="Lee",
                                                  email="ann@example.com")).id
        dee = add_customer(session, CustomerDraft(first_name="Dee", last_name="Fox",
                                                  phone="+15552019999")).id
    rows = [["first_name", "last_name", "email", "phone"]]
    rows += [[f"P{i}", "Park", f"p{i}@example.com", ""] for i in range(2100)]
    rows.insert(10, ["Dee", "Fox", "dee@example.com", "(555) 201-9999"])  # gives Dee an email
    rows += [["Ann", "Lee", "ANN@example.com", ""],           # in the database from the start
             ["Pat", "Park", "p5@EXAMPLE.com", ""],           # in the file, two batches back
             ["Dorothea", "Fox", "dee@example.com", ""]]      # only since row 10 changed Dee
    summary = run_import(sqlite_db, samples.write_csv(tmp_path / "many.csv", rows),
                         options=ImportOptions(on_duplicate="fill", today=dt.date(2026, 11, 22)))
    assert (summary.created, summary.updated, summary.skipped) == (2100, 1, 3)
    assert count_customers(sqlite_db.raw(), ListQuery()) == 2102
    with sqlite_db.unit_of_work() as session:
        assert get_customer(session, dee).draft.email == "dee@example.com"
        assert get_customer(session, ann).draft.first_name == "Ann"
