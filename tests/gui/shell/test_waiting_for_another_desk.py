"""A job that waits for another desk's job of its kind says whom it waits for, and Cancel
stops the wait with nothing changed (issue 18, item 2), on the real test server."""
from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from core.interchange.importing import ImportOptions, run_import
from core.kernel.jobs import Cancelled
from core.store.db import Database
from core.store.job_locks import IMPORT_CUSTOMERS, JOB_KINDS, LOCK_SPACE

from gui.shell.operations import run_long_job

from tests.core.interchange import samples


def test_an_import_waiting_for_desk_2_says_so_and_cancel_stops_it(
        qtbot: QtBot, pg_db: Database, tmp_path: Path) -> None:
    path = samples.write_csv(tmp_path / "people.csv", [["First Name", "Email"],
                                                       ["Ann", "ann@example.com"]])
    seen: list[str] = []

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and "Desk 2" in widget.labelText():
                seen.append(widget.labelText())
                widget.findChild(QPushButton).click()  # as a person would
                return
        QTimer.singleShot(50, look)

    url = pg_db.url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url, application_name="Regulars: Desk 2") as other_desk:
        other_desk.execute("SELECT pg_advisory_xact_lock(%s, %s)",
                           (LOCK_SPACE, JOB_KINDS.index(IMPORT_CUSTOMERS) + 1))
        QTimer.singleShot(50, look)
        with pytest.raises(Cancelled):
            run_long_job(None, "Importing people.csv…", lambda progress, cancelled: run_import(
                pg_db, path, options=ImportOptions(), progress=progress,
                is_cancelled=cancelled))
        other_desk.rollback()

    assert seen and seen[0].startswith("Waiting for the import at Desk 2 to finish…")
    assert pg_db.raw().scalar("SELECT count(*) FROM customers") == 0
