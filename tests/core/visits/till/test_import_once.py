"""A till import counts every sale once, asks about strangers, and leaves nothing half-done."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
from pathlib import Path

import pytest
from sqlalchemy import text

from core.customers.services import get_customer, refresh_customer_stats
from core.interchange.services import undo_import
from core.kernel.jobs import Cancelled
from core.store.db import Database
from core.visits.services import CREATE, SKIP, VisitImportOptions, run_visit_import
from core.visits.till import importing

from tests.core.visits.till.files import write_csv
from tests.core.visits.till.test_import_formats import TODAY, customer, figures, history, run

COLUMNS = ("Date", "Order ID", "Email", "Name", "Amount", "Note")


def sales(path: Path, *rows: tuple[str, str, str, str, str]) -> Path:
    return write_csv(path, COLUMNS, [
        {"Date": day, "Order ID": order, "Email": email, "Name": name, "Amount": amount}
        for day, order, email, name, amount in rows])


def counts(db: Database) -> tuple[int, int, int]:
    with db.unit_of_work() as session:
        row = session.execute(text(
            "SELECT (SELECT count(*) FROM interactions), (SELECT count(*) FROM customers),"
            " (SELECT count(*) FROM import_runs)")).one()
        return int(row[0]), int(row[1]), int(row[2])


def test_the_same_file_twice_and_an_overlapping_file_count_each_sale_once(
        db: Database, tmp_path: Path) -> None:
    ann = customer(db, first_name="Ann", email="ann@example.com")
    first = sales(tmp_path / "march.csv", ("2026-03-01", "A1", "ann@example.com", "", "10"),
                  ("2026-03-02", "A2", "ann@example.com", "", "20"))
    assert run(db, first).purchases == 2
    again = run(db, first)
    assert (again.purchases, again.already_imported) == (0, 2)
    overlap = sales(tmp_path / "march-april.csv",
                    ("2026-03-02", "A2", "ann@example.com", "", "20"),
                    ("2026-04-01", "A3", "ann@example.com", "", "5"))
    third = run(db, overlap)
    assert (third.purchases, third.already_imported) == (1, 1)
    assert figures(db, ann)[:2] == (3, 3500)


def test_rows_without_an_order_id_are_known_again_by_customer_date_amount_and_note(
        db: Database, tmp_path: Path) -> None:
    ann = customer(db, first_name="Ann", email="ann@example.com")
    path = sales(tmp_path / "book.csv", ("2026-03-01", "", "ann@example.com", "", "10"),
                 ("2026-03-01", "", "ann@example.com", "", "12"))
    assert run(db, path).purchases == 2
    assert run(db, path).already_imported == 2
    assert figures(db, ann)[:2] == (2, 2200)


def test_unmatched_rows_can_become_new_customers_once_each(db: Database, tmp_path: Path
                                                           ) -> None:
    path = sales(tmp_path / "s.csv", ("2026-03-01", "B1", "new@example.com", "Nia Park", "10"),
                 ("2026-03-09", "B2", "NEW@example.com", "Nia Park", "15"),
                 ("2026-03-05", "B3", "", "Omar Diaz", "7"))
    preview = run_visit_import(db, path, options=VisitImportOptions(
        unmatched=CREATE, today=TODAY), dry_run=True)
    assert (preview.unmatched, preview.created) == (3, 2)
    assert [u.name for u in preview.unmatched_rows] == ["Nia Park", "Nia Park", "Omar Diaz"]
    assert counts(db) == (0, 0, 0)  # the preview wrote nothing
    summary = run(db, path, unmatched=CREATE)
    assert (summary.created, summary.purchases) == (2, 3)
    with db.unit_of_work() as session:
        nia_id = session.execute(text(
            "SELECT id FROM customers WHERE email_key = 'new@example.com'")).scalar_one()
        nia = get_customer(session, nia_id)
    assert (nia.draft.first_name, nia.draft.last_name, nia.visit_count,
            nia.lifetime_value_minor) == (
        "Nia", "Park", 2, 2500)
    assert nia.draft.customer_since == dt.date(2026, 3, 1)


def test_unmatched_rows_can_be_skipped(db: Database, tmp_path: Path) -> None:
    ann = customer(db, first_name="Ann", email="ann@example.com")
    path = sales(tmp_path / "s.csv", ("2026-03-01", "C1", "ann@example.com", "", "10"),
                 ("2026-03-02", "C2", "who@example.com", "Who", "99"))
    summary = run(db, path, unmatched=SKIP)
    assert (summary.purchases, summary.unmatched, summary.skipped, summary.created) == (
        1, 1, 1, 0)
    assert counts(db)[:2] == (1, 1)
    assert figures(db, ann)[:2] == (1, 1000)


def test_the_first_visit_becomes_customer_since_and_undo_puts_everything_back(
        db: Database, tmp_path: Path) -> None:
    ann = customer(db, first_name="Ann", email="ann@example.com")  # since TODAY
    path = sales(tmp_path / "s.csv", ("2024-02-01", "D1", "ann@example.com", "", "10"),
                 ("2026-03-02", "D2", "kim@example.com", "Kim Ray", "20"))
    summary = run(db, path, unmatched=CREATE)
    with db.unit_of_work() as session:
        assert get_customer(session, ann).draft.customer_since == dt.date(2024, 2, 1)
        assert summary.run_id is not None
        undo_import(session, summary.run_id)
    with db.unit_of_work() as session:
        restored = get_customer(session, ann)
        live = session.execute(text(
            "SELECT count(*) FROM customers WHERE deleted_at IS NULL")).scalar_one()
    assert restored.draft.customer_since == TODAY
    assert (restored.visit_count, restored.lifetime_value_minor) == (0, 0)
    assert history(db, ann) == []
    assert live == 1  # Kim, created by the import, is in the trash


def test_figures_after_an_import_equal_figures_computed_from_scratch(
        db: Database, tmp_path: Path) -> None:
    ids = [customer(db, first_name=f"P{n}", email=f"p{n}@example.com") for n in range(12)]
    rows = [(f"2025-{1 + n % 12:02d}-{1 + n % 27:02d}", f"E{n}", f"p{n % 12}@example.com", "",
             str(n * 3)) for n in range(120)]
    run(db, sales(tmp_path / "s.csv", *rows))
    with db.unit_of_work() as session:
        after_import = session.execute(text(
            "SELECT id, visit_count, lifetime_value_minor, last_interaction_on, stage,"
            " customer_since FROM customers ORDER BY id")).all()
        session.execute(text("UPDATE customers SET visit_count = 0, lifetime_value_minor = 0,"
                             " last_interaction_on = NULL, stage = 'prospect'"))
        refresh_customer_stats(session, None, today=TODAY)
        scratch = session.execute(text(
            "SELECT id, visit_count, lifetime_value_minor, last_interaction_on, stage,"
            " customer_since FROM customers ORDER BY id")).all()
        firsts: dict[int, object] = dict(session.execute(text(
            "SELECT customer_id, min(occurred_on) FROM interactions GROUP BY customer_id")).all())
    assert after_import == scratch
    assert len(ids) == 12 and sum(row[1] for row in after_import) == 120
    assert all(str(row[5]) == str(firsts[row[0]]) for row in after_import)


def test_cancel_leaves_nothing_written(db: Database, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    customer(db, first_name="Ann", email="ann@example.com")
    monkeypatch.setattr(importing, "BATCH_ENTRIES", 10)
    rows = [(f"2026-01-{1 + n % 28:02d}", f"F{n}", "ann@example.com", "", "1")
            for n in range(50)]
    path = sales(tmp_path / "s.csv", *rows)
    batches = []

    def cancel_after_two() -> bool:
        batches.append(1)
        return len(batches) > 2

    with pytest.raises(Cancelled):
        run_visit_import(db, path, options=VisitImportOptions(today=TODAY),
                         is_cancelled=cancel_after_two)
    assert counts(db) == (0, 1, 0)


def _import_then_die(url: str, path: str) -> None:
    importing.BATCH_ENTRIES = 10

    def die(done: int, total: int) -> None:
        if done:  # batches are written in the transaction: now stop as a power cut would
            os.kill(os.getpid(), signal.SIGKILL)

    run_visit_import(Database.open(url), Path(path),
                     options=VisitImportOptions(today=TODAY), progress=die)


def test_a_killed_import_leaves_nothing_written(sqlite_db: Database, tmp_path: Path) -> None:
    customer(sqlite_db, first_name="Ann", email="ann@example.com")
    rows = [(f"2026-01-{1 + n % 28:02d}", f"G{n}", "ann@example.com", "", "1")
            for n in range(50)]
    path = sales(tmp_path / "s.csv", *rows)
    url = str(tmp_path / "regulars.db")
    sqlite_db.close()
    child = multiprocessing.get_context("spawn").Process(
        target=_import_then_die, args=(url, str(path)))
    child.start()
    child.join(60)
    assert child.exitcode == -signal.SIGKILL
    reopened = Database.open(url)
    try:
        assert counts(reopened) == (0, 1, 0)
    finally:
        reopened.close()
