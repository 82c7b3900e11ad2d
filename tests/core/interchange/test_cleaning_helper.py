"""A large CSV is cleaned in a helper process: same results, same refusals, same cancel."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import pickle
from pathlib import Path

import pytest

from core.customers.queries import ListQuery, count_customers
from core.interchange import cleaning, importing, records
from core.interchange.errors import ImportRefused
from core.interchange.importing import ImportOptions, ImportSummary, run_import
from core.interchange.records import RecordCleaner
from core.kernel.jobs import Cancelled
from core.store.db import Database

from tests.core.interchange import samples

TODAY = dt.date(2026, 11, 22)
HEADER = ["first_name", "last_name", "email", "phone", "birthday", "tags", "notes"]


def _rows(count: int) -> list[list[str]]:
    rows = [HEADER]
    for i in range(count):
        phone = f"+1 555 {200 + i // 10000:03d} {i % 10000:04d}"
        rows.append([f"Zoë{i}", "Müller", f"z{i}@example.com", phone,
                     "1990-02-30" if i % 97 == 0 else "03/04", "vip", "Likes tea,\nand cake"])
    rows.append(["Ragged", "Row", "", "", "", "", "", "extra"])
    rows.append([rows[5][0], rows[5][1], rows[5][2].upper(), "", "", "", ""])  # a twin
    return rows


def _import(db: Database, path: Path, *, helper: bool, monkeypatch: pytest.MonkeyPatch,
            helpers: int = 2, **kwargs: object) -> ImportSummary:
    """An import with `helpers` cleaning processes (taking turns by batch), or none."""
    monkeypatch.setattr(cleaning, "PARALLEL_MIN_BYTES", 0 if helper else 1 << 62)
    monkeypatch.setattr(importing, "helper_count", lambda: helpers)
    started: list[int] = []
    real_start = multiprocessing.process.BaseProcess.start

    def counting_start(process: multiprocessing.process.BaseProcess) -> None:
        started.append(1)
        real_start(process)

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", counting_start)
    try:
        return run_import(db, path, options=ImportOptions(today=TODAY), **kwargs)  # type: ignore[arg-type]
    finally:
        assert len(started) == (helpers if helper else 0)


def _stored(db: Database) -> list[tuple[object, ...]]:
    return [tuple(r) for r in db.raw().execute(
        "SELECT first_name, last_name, email, phone, birthday_month, birthday_day, notes, "
        "search_text, name_postcode_key, needs_checking FROM customers ORDER BY id")]


@pytest.mark.parametrize("helpers", [1, 2, 3])
def test_the_helpers_give_what_this_process_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  helpers: int) -> None:
    path = samples.write_csv(tmp_path / "big.csv", _rows(2500))
    results = []
    for helper in (False, True):
        db = Database.open(tmp_path / f"helper-{helper}.db")
        from core.store.opening import prepare_database

        prepare_database(db)
        summary = _import(db, path, helper=helper, monkeypatch=monkeypatch, helpers=helpers)
        results.append((summary.created, summary.skipped, summary.rejected,
                        [(p.line, p.field, p.code) for p in summary.problems], _stored(db)))
        db.close()
    assert results[0] == results[1]
    created, skipped, rejected, problems, stored = results[1]
    # A birthday that does not exist (every 97th row) is left out, not the customer.
    assert (created, skipped, rejected) == (2500, 1, 1)
    assert (5002, "", "wrong_field_count") in problems  # every row holds a line break
    assert (2, "birthday", "dropped_value") in problems
    assert stored[0][:6] == ("Zoë0", "Müller", "z0@example.com", "+15552000000", None, None)
    assert "1990-02-30" in stored[0][9]  # kept for a person to check


def test_a_file_refused_half_way_is_refused_through_the_helper(
        db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = samples.write_csv(tmp_path / "broken.csv", _rows(3000))
    with open(path, "ab") as handle:
        handle.write(b'"Unterminated,Quote,x@example.com,,,,\r\n')
    with pytest.raises(ImportRefused) as refused:
        _import(db, path, helper=True, monkeypatch=monkeypatch)
    assert (refused.value.code, refused.value.line) == ("unterminated_quote", 6004)
    assert refused.value.file == str(path)
    assert count_customers(db.raw(), ListQuery()) == 0


def test_cancel_stops_the_helper_and_writes_nothing(db: Database, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = samples.write_csv(tmp_path / "big.csv", _rows(5000))
    calls: list[int] = []
    children: list[multiprocessing.process.BaseProcess] = []

    def cancel_on_second_batch() -> bool:
        calls.append(1)
        children.extend(multiprocessing.active_children())
        return len(calls) >= 2

    with pytest.raises(Cancelled):
        _import(db, path, helper=True, monkeypatch=monkeypatch,
                is_cancelled=cancel_on_second_batch)
    assert children and not any(child.is_alive() for child in children)
    assert count_customers(db.raw(), ListQuery()) == 0


def test_records_and_refusals_survive_the_trip_between_processes(tmp_path: Path) -> None:
    path = samples.write_csv(tmp_path / "few.csv", _rows(10))
    plan = cleaning.CsvPlan(str(path), "utf-8", ",", tuple(HEADER), "US", False)
    batch = next(cleaning.plan_batches(plan, 10))
    arrived = pickle.loads(pickle.dumps(batch))
    assert arrived == batch and arrived.records == batch.records
    assert len(arrived.records) == 10  # row 0's bad date is left out, not the row
    assert arrived.records[0].values["needs_checking"] == '[["birthday", "dropped_value", ' \
        '"1990-02-30"]]'
    assert arrived.records[1].keys["email_key"] == "z1@example.com"
    assert arrived.records[1].tags == ["vip"]
    changed = arrived.records[2]
    changed.values["first_name"] = "Zoé"  # an earlier twin filled in: the row follows
    assert changed.row()[records.ROW_FIELDS.index("first_name")] == "Zoé"
    assert changed != batch.records[2]
    refusal = pickle.loads(pickle.dumps(ImportRefused("nul_byte", line=7, file="x.csv")))
    assert (refusal.code, refusal.line, refusal.file, str(refusal)) == (
        "nul_byte", 7, "x.csv", "x.csv line 7: nul_byte")
    assert RecordCleaner(region="US", day_first=False).phone("(555) 200-0001") == "+15552000001"
