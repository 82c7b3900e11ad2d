"""A batch whose printing was killed shows in the history as interrupted, with Print again."""
from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.printing.batches import BatchRequest, get_batch, plan_batch
from core.printing.models import PrintBatch
from core.printing.runs import begin_batch, temp_path
from core.printing.types import RecipientSelection
from core.store.db import Database

from gui.printing.page import CardsPage
from gui.printing.print_history import COL_STATE, COL_STATUS
from gui.shell.context import AppContext


def _killed_batch(db: Database, folder: Path) -> int:
    """What `print cards` killed while rendering leaves: a batch being printed by a process
    that is gone, and its half-written temporary file."""
    with db.unit_of_work() as session:
        for first in ("Zoë", "Ελένη"):
            add_customer(session, CustomerDraft(first_name=first, last_name="Test",
                                                street="1 High St", city="Leeds"))
        request = BatchRequest("thank-you", RecipientSelection(everyone=True), "a6-card",
                               "avery-5160")
        job = begin_batch(session, plan_batch(session, request), out_path=folder / "cards.pdf",
                          labels_path=folder / "labels.pdf")
        gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True).stdout.strip()
        batch = session.get(PrintBatch, job.batch_id)
        assert batch is not None
        batch.printed_by = f"{socket.gethostname()}:{gone}"
    temp_path(folder / "cards.pdf", job.batch_id).write_bytes(b"%PDF half")
    return job.batch_id


def _history(qtbot, db: Database):  # type: ignore[no-untyped-def]
    page = CardsPage(AppContext(db))
    qtbot.addWidget(page)
    page.show()
    history = page.history
    page.tabs.setCurrentWidget(history)  # the History tab, as a person opens it
    qtbot.waitUntil(lambda: history.batches_model.rowCount() == 1
                    and history.batches_model.text(0, COL_STATE) == "Interrupted")
    return page, history


def test_a_batch_killed_while_printing_shows_as_interrupted_with_print_again(
    qtbot, sqlite_db: Database, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    batch_id = _killed_batch(sqlite_db, tmp_path)
    _, history = _history(qtbot, sqlite_db)
    assert not list(tmp_path.glob(".*.part")), "the half-written file is removed at start"
    history.batches_table.selectRow(0)
    assert history.print_again_button.isVisible()
    assert history.items_model.column_texts(COL_STATUS) == ["Being printed"] * 2
    with sqlite_db.unit_of_work() as session:
        assert get_batch(session, batch_id).summary.interrupted


def test_print_again_prints_the_interrupted_batch_to_its_files(
    qtbot, sqlite_db: Database, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    from tests.core.printing.helpers import page_texts

    batch_id = _killed_batch(sqlite_db, tmp_path)
    _, history = _history(qtbot, sqlite_db)
    history.batches_table.selectRow(0)
    qtbot.mouseClick(history.print_again_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: history.batches_model.text(0, COL_STATE) == "Printed")
    assert len(page_texts(tmp_path / "cards.pdf")) == 2
    assert page_texts(tmp_path / "labels.pdf")[0].count("1 High St") == 2
    with sqlite_db.unit_of_work() as session:
        summary = get_batch(session, batch_id).summary
    assert summary.count("printed") == 2 and not summary.interrupted
    history.batches_table.selectRow(0)
    assert not history.print_again_button.isVisible()
