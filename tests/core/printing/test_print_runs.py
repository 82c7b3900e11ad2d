"""A batch is recorded before its PDFs are written and marked printed after both are in
place; a run that died halfway is found, tidied, and printed again onto the same record."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.kernel.jobs import Cancelled
from core.printing.batches import (
    BATCH_INTERRUPTED,
    BATCH_PRINTED,
    BatchRequest,
    customers_sent,
    get_batch,
    list_batches,
    plan_batch,
)
from core.printing.runs import (
    begin_batch,
    print_batch_again,
    print_new_batch,
    temp_path,
    tidy_interrupted,
)
from core.printing.types import RecipientSelection
from core.store.db import Database

from tests.core.printing.helpers import page_texts

REQUEST = BatchRequest("thank-you", RecipientSelection(everyone=True), "a6-card", "avery-5160")


def _customers(db: Database, count: int = 3) -> None:
    with db.unit_of_work() as session:
        for i in range(count):
            add_customer(session, CustomerDraft(first_name=f"Guest{i}", last_name="Test",
                                                street=f"{i} High St", city="Leeds"))


def _dead_process() -> str:
    """host:pid of a process that has ended, as a killed print run leaves it."""
    import socket

    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return f"{socket.gethostname()}:{done.stdout.strip()}"


def _left_printing(db: Database, tmp_path: Path, *, cards_renamed: bool) -> int:
    """A batch as a run killed after writing both temporary files leaves it."""
    from core.printing.models import PrintBatch

    with db.unit_of_work() as session:
        job = begin_batch(session, plan_batch(session, REQUEST), out_path=tmp_path / "c.pdf",
                          labels_path=tmp_path / "l.pdf", mark_sent=True)
        session.get(PrintBatch, job.batch_id).printed_by = _dead_process()  # type: ignore
    cards, labels = (temp_path(tmp_path / name, job.batch_id) for name in ("c.pdf", "l.pdf"))
    labels.write_bytes(b"%PDF complete labels")
    if cards_renamed:
        (tmp_path / "c.pdf").write_bytes(b"%PDF new cards")
    else:
        cards.write_bytes(b"%PDF half")
    return job.batch_id


def test_a_printed_batch_has_both_pdfs_and_counts_as_sent(sqlite_db: Database,
                                                           tmp_path: Path) -> None:
    _customers(sqlite_db)
    summary, _, rendered = print_new_batch(sqlite_db, REQUEST, tmp_path / "cards.pdf",
                                           labels_path=tmp_path / "labels.pdf", mark_sent=True)
    assert summary.state == BATCH_PRINTED and summary.count("sent") == 3
    assert len(page_texts(tmp_path / "cards.pdf")) == rendered.pages == 3
    assert page_texts(tmp_path / "labels.pdf")[0].count("High St") == 3
    # Nothing else beside them; the app's data folder ("home" here) keeps a copy.
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "cards.pdf", "home", "labels.pdf", "regulars.db", "regulars.db-shm", "regulars.db-wal"]


def test_cancelling_a_print_leaves_no_batch_and_the_old_pdfs(sqlite_db: Database,
                                                             tmp_path: Path) -> None:
    _customers(sqlite_db)
    (tmp_path / "cards.pdf").write_bytes(b"old cards")

    def cancel_at_second() -> bool:
        calls.append(1)
        return len(calls) > 1

    calls: list[int] = []
    with pytest.raises(Cancelled):
        print_new_batch(sqlite_db, REQUEST, tmp_path / "cards.pdf",
                        labels_path=tmp_path / "labels.pdf", is_cancelled=cancel_at_second)
    with sqlite_db.unit_of_work() as session:
        assert list_batches(session) == []
    assert (tmp_path / "cards.pdf").read_bytes() == b"old cards"
    assert not (tmp_path / "labels.pdf").exists()
    assert not list(tmp_path.glob(".*.part"))


def test_a_batch_killed_while_rendering_is_interrupted_and_its_temp_files_go(
    sqlite_db: Database, tmp_path: Path
) -> None:
    _customers(sqlite_db)
    batch_id = _left_printing(sqlite_db, tmp_path, cards_renamed=False)
    with sqlite_db.unit_of_work() as session:
        interrupted = tidy_interrupted(session)
        assert [b.id for b in interrupted] == [batch_id]
        assert interrupted[0].state == BATCH_INTERRUPTED and interrupted[0].count("sent") == 0
        assert customers_sent(session, "thank-you", since=interrupted[0].created_at.date()) == []
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".*.part"))


def test_labels_finished_when_killed_between_the_renames_join_their_cards(
    sqlite_db: Database, tmp_path: Path
) -> None:
    _customers(sqlite_db)
    batch_id = _left_printing(sqlite_db, tmp_path, cards_renamed=True)
    with sqlite_db.unit_of_work() as session:
        assert [b.id for b in tidy_interrupted(session)] == [batch_id]
    assert (tmp_path / "l.pdf").read_bytes() == b"%PDF complete labels"
    assert not list(tmp_path.glob(".*.part"))


def test_printing_an_interrupted_batch_again_finishes_the_same_batch(
    sqlite_db: Database, tmp_path: Path
) -> None:
    _customers(sqlite_db)
    batch_id = _left_printing(sqlite_db, tmp_path, cards_renamed=False)
    with sqlite_db.unit_of_work() as session:
        tidy_interrupted(session)
    summary, _, rendered = print_batch_again(sqlite_db, batch_id)
    assert summary.id == batch_id and summary.state == BATCH_PRINTED
    assert summary.count("sent") == 3, "it was asked to be marked sent"
    assert rendered.pages == 3 and len(page_texts(tmp_path / "c.pdf")) == 3
    assert page_texts(tmp_path / "l.pdf")[0].count("High St") == 3
    with sqlite_db.unit_of_work() as session:
        assert len(list_batches(session)) == 1
        assert get_batch(session, batch_id).summary.interrupted is False


def test_a_batch_this_process_is_printing_is_not_called_interrupted(
    sqlite_db: Database, tmp_path: Path
) -> None:
    _customers(sqlite_db)
    with sqlite_db.unit_of_work() as session:
        begin_batch(session, plan_batch(session, REQUEST), out_path=tmp_path / "c.pdf")
    with sqlite_db.unit_of_work() as session:
        assert tidy_interrupted(session) == []
