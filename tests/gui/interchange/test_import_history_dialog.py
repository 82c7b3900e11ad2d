"""The import history, as a shop owner uses it after an import went wrong."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QMessageBox

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.interchange.history import undo_import
from core.interchange.importing import ImportOptions, ImportSummary, run_import
from core.store.db import Database

from gui.customers.table_model import COL_NAME
from gui.interchange.import_history_dialog import (
    COL_CREATED,
    COL_FILE,
    COL_FORMAT,
    COL_REJECTED,
    COL_UNDONE,
    ImportHistoryDialog,
)
from gui.shell.context import AppContext
from gui.shell.main_window import MainWindow

from tests.core.interchange import samples

TODAY = dt.date(2026, 11, 22)


def _import(db: Database, path: Path) -> ImportSummary:
    return run_import(db, path, options=ImportOptions(today=TODAY))


def _regulars_file(tmp_path: Path) -> Path:
    return samples.write_csv(tmp_path / "regulars.csv", [
        ["First name", "Last name", "Email"],
        ["Chloé", "Dubois", "chloe@example.fr"],
        ["Seán", "O'Brien", "sean@example.ie"],
        ["", "", "not-an-email"],  # nothing left that says who: rejected
    ])


def _window(qtbot, db: Database) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(AppContext(db))
    qtbot.addWidget(window)
    return window


def _list_names(window: MainWindow) -> list[str]:
    model = window.customers_page.model
    return [model.index(r, COL_NAME).data() for r in range(model.rowCount())]


def _answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(parent, title, text, *args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_undo_this_import_takes_its_customers_off_the_list(
        qtbot, sqlite_db: Database, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    with sqlite_db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Ann", last_name="Smith"))
    _import(sqlite_db, _regulars_file(tmp_path))
    window = _window(qtbot, sqlite_db)
    assert _list_names(window) == ["Chloé Dubois", "Seán O'Brien", "Ann Smith"]
    statuses: list[str] = []
    window._context.status_posted.connect(statuses.append)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)

    dialog = ImportHistoryDialog(window._context, window)
    qtbot.addWidget(dialog)
    table = dialog.imports_model
    assert table.rowCount() == 1
    assert table.text(0, COL_FILE) == "regulars.csv"
    assert (table.text(0, COL_CREATED), table.text(0, COL_REJECTED)) == ("2", "1")
    assert table.text(0, COL_UNDONE) == ""
    assert table.index(0, COL_FILE).data(Qt.ItemDataRole.ForegroundRole) is None
    assert dialog.undo_button.isEnabled()

    with qtbot.waitSignal(window._context.changes_applied, timeout=5000):
        qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)

    assert "regulars.csv" in asked[0] and "The 2 customers it created" in asked[0]
    assert _list_names(window) == ["Ann Smith"]
    assert table.text(0, COL_UNDONE) != ""
    dimmed = table.index(0, COL_FILE).data(Qt.ItemDataRole.ForegroundRole)
    assert dimmed is not None and dimmed == dialog.palette().color(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)  # undone: greyed out
    assert dialog.current_import_id() is not None  # still chosen after the reload
    assert not dialog.undo_button.isEnabled()
    assert "2 customers moved to the trash" in statuses[-1]


def test_saying_no_to_the_confirmation_keeps_everything(
        qtbot, sqlite_db: Database, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    _import(sqlite_db, _regulars_file(tmp_path))
    window = _window(qtbot, sqlite_db)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    dialog = ImportHistoryDialog(window._context, window)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert _list_names(window) == ["Chloé Dubois", "Seán O'Brien"]
    assert dialog.imports_model.text(0, COL_UNDONE) == ""
    assert dialog.undo_button.isEnabled()


@pytest.fixture
def two_imports_history(qtbot, sqlite_db: Database,  # type: ignore[no-untyped-def]
                        tmp_path: Path) -> Iterator[ImportHistoryDialog]:
    """The history after two imports, shown. A fixture, so that the dialog outlives
    qtmodeltester's own teardown (requested after this one)."""
    _import(sqlite_db, _regulars_file(tmp_path))
    ragged = samples.write_csv(tmp_path / "ragged.csv", [
        ["First name", "Last name", "Email"],
        ["Ada", "Lovelace", "ada@example.com"],
        ["Grace", "Hopper"],
    ])
    _import(sqlite_db, ragged)
    dialog = ImportHistoryDialog(AppContext(sqlite_db))
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog


def test_the_problems_of_the_chosen_import_are_explained(
        qtbot, two_imports_history: ImportHistoryDialog,  # type: ignore[no-untyped-def]
        qtmodeltester) -> None:
    dialog = two_imports_history
    imports = dialog.imports_model
    assert imports.column_texts(COL_FILE) == ["ragged.csv", "regulars.csv"]  # newest first
    assert imports.text(0, COL_FORMAT) == "Spreadsheet"
    assert imports.index(1, COL_FILE).data(Qt.ItemDataRole.ToolTipRole) == "regulars.csv"
    rows = dialog.rows_model
    assert rows.rowCount() == 1
    assert [rows.text(0, c) for c in range(4)] == [
        "3", "Not imported", "", "Row: the header has 3 columns, this row has 2"]
    qtmodeltester.check(imports, force_py=True)
    qtmodeltester.check(rows, force_py=True)

    qtbot.mouseClick(dialog.imports_table.viewport(), Qt.MouseButton.LeftButton,
                     pos=dialog.imports_table.visualRect(imports.index(1, COL_FILE)).center())
    assert dialog.current_import_id() is not None
    # One line of the file, one row: every problem of it in the Why column.
    assert [rows.text(0, c) for c in range(3)] == ["4", "Not imported", ""]
    assert rows.text(0, 3).startswith(
        "Email: not valid, so left out of its field; kept under Needs checking (not-an-email); "
        "First name: ")
    assert dialog.file_value_label.text() == "regulars.csv"
    assert dialog.problems_value_label.text() == "1"


def test_every_row_that_matched_someone_is_listed_with_its_customer_and_line(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database, tmp_path: Path) -> None:
    with sqlite_db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Donghyun", last_name="Kim",
                                            phone="+15035550142"))
    _import(sqlite_db, samples.write_csv(tmp_path / "family.csv", [
        ["First name", "Last name", "Phone"],
        ["José", "Núñez", "(503) 555-0142"],      # Kim's phone, another name
        ["Donghyun", "Kim", "503 555 0142"],      # Kim again
        ["Mina", "Park", "503 555 0199"],         # nobody: not listed
    ]))
    dialog = ImportHistoryDialog(AppContext(sqlite_db))
    qtbot.addWidget(dialog)
    rows = dialog.rows_model
    assert [[rows.text(r, c) for c in range(3)] for r in range(rows.rowCount())] == [
        ["2", "New customer", "Donghyun Kim"], ["3", "Skipped", "Donghyun Kim"]]
    assert rows.text(0, 3) == "Not merged: the same phone number, but another name"
    assert rows.text(1, 3) == "Matched on the same phone number"
    assert dialog.problems_value_label.text() == "2"


def test_dates_are_in_the_business_locale_and_local_time(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database, tmp_path: Path) -> None:
    from PySide6.QtCore import QLocale, QTime

    from core.interchange.history import list_imports
    from core.settings.profile import BusinessProfileData, save_business_profile

    with sqlite_db.unit_of_work() as session:
        save_business_profile(session, BusinessProfileData(region="DE", locale="de_DE",
                                                           currency="EUR"))
    _import(sqlite_db, _regulars_file(tmp_path))
    with sqlite_db.unit_of_work() as session:
        (run,) = list_imports(session)
    started = run.started_at
    dialog = ImportHistoryDialog(AppContext(sqlite_db))
    qtbot.addWidget(dialog)
    germany = QLocale("de_DE")
    time = germany.toString(QTime(started.hour, started.minute), QLocale.FormatType.ShortFormat)
    # The year in full, as the customer list writes dates: "02.12.2026 06:05".
    assert dialog.imports_model.text(0, 0) == f"{started:%d.%m.%Y} {time}"


def test_an_import_undone_elsewhere_cannot_be_undone_twice(
        qtbot, sqlite_db: Database, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    summary = _import(sqlite_db, _regulars_file(tmp_path))
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text, *args: told.append(text))
    dialog = ImportHistoryDialog(AppContext(sqlite_db))
    qtbot.addWidget(dialog)
    with sqlite_db.unit_of_work() as session:  # e.g. from a second window
        undo_import(session, summary.run_id)

    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)

    assert told == ["This import was already undone."]
    assert dialog.imports_model.text(0, COL_UNDONE) != ""
    assert not dialog.undo_button.isEnabled()


def test_with_no_imports_the_history_says_so(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database) -> None:
    dialog = ImportHistoryDialog(AppContext(sqlite_db))
    qtbot.addWidget(dialog)
    assert dialog.imports_model.rowCount() == 0
    assert "No imports yet" in dialog.empty_label.text()
    assert not dialog.empty_label.isHidden() and dialog.rows_table.isHidden()
    assert not dialog.undo_button.isEnabled()


def test_file_menu_opens_the_import_history(
        qtbot, sqlite_db: Database, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    _import(sqlite_db, _regulars_file(tmp_path))
    window = _window(qtbot, sqlite_db)
    opened: list[ImportHistoryDialog] = []
    monkeypatch.setattr(ImportHistoryDialog, "exec", lambda self: opened.append(self) or 0)
    actions = [a for a in window.file_menu.actions() if a.text() == "Import &History…"]
    assert [a.isEnabled() for a in actions] == [True]
    actions[0].trigger()
    assert len(opened) == 1 and opened[0].imports_model.rowCount() == 1


def test_an_import_from_before_rows_were_recorded_says_so(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database, tmp_path: Path) -> None:
    path = _regulars_file(tmp_path)
    _import(sqlite_db, path)
    _import(sqlite_db, path)  # everyone skipped the second time
    with sqlite_db.unit_of_work() as session:  # as an import recorded before migration 0013
        session.connection().exec_driver_sql("UPDATE import_runs SET row_outcomes = '[]'")
    dialog = ImportHistoryDialog(AppContext(sqlite_db))
    qtbot.addWidget(dialog)
    assert dialog.imports_model.text(0, COL_CREATED) == "0"
    assert dialog.problems_value_label.text() == (
        "1 (rows that matched a customer were not recorded by this older import)")
