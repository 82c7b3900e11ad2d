"""Exporting from the customer list: File > Export writes what the list shows or selects."""
from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.customers.validation import PartialDate
from core.store.db import Database

from gui.interchange.export_actions import LAST_FOLDER_KEY, export_customers
from gui.shell.context import AppContext
from gui.shell.main_window import MainWindow


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path) -> Iterator[Path]:
    """Remembered folders go to a settings file of this test, not the developer's."""
    folder = tmp_path / "settings"
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
    yield folder
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      QStandardPaths.writableLocation(
                          QStandardPaths.StandardLocation.GenericConfigLocation))


def _seed(db: Database) -> None:
    with db.unit_of_work() as session:
        for first, last, email, birthday, tags in [
            ("José", "Müller", "jose@example.com", PartialDate(5, 12, None), ("vip",)),
            ("Ann", "Smith", "ann@example.com", None, ()),
            ("Zoë", "Adams", "zoe@example.com", PartialDate(2, 29, 1988), ("vip",)),
        ]:
            add_customer(session, CustomerDraft(first_name=first, last_name=last,
                                                email=email, birthday=birthday, tags=tags))


def _window(qtbot, db: Database) -> MainWindow:  # type: ignore[no-untyped-def]
    _seed(db)
    window = MainWindow(AppContext(db))
    qtbot.addWidget(window)
    return window


def _save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """The save dialog answers `path`; returns the names it proposed."""
    proposed: list[str] = []

    def get_save_file_name(  # type: ignore[no-untyped-def]
            parent, caption, directory, file_filter, *args):
        proposed.append(directory)
        return str(path), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save_file_name)
    return proposed


def _trigger(window: MainWindow, text: str) -> None:
    (action,) = [a for a in window.export_menu.actions() if a.text() == text]
    action.trigger()


def _statuses(window: MainWindow) -> list[str]:
    posted: list[str] = []
    window._context.status_posted.connect(posted.append)
    return posted


def test_csv_export_writes_the_filtered_list(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, sqlite_db)
    page = window.customers_page
    page.tag_combo.setCurrentIndex(page.tag_combo.findText("vip"))
    assert page.model.rowCount() == 2
    target = tmp_path / "out" / "regulars.csv"
    target.parent.mkdir()
    _save_as(monkeypatch, target)
    posted = _statuses(window)

    _trigger(window, "Customers to &CSV…")

    with open(target, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:4] == ["first_name", "last_name", "organisation", "email"]
    assert {"birthday", "tags", "notes", "postal_code"} <= set(rows[0])
    assert sorted(row[0] for row in rows[1:]) == ["José", "Zoë"]
    assert "vip" in rows[1][rows[0].index("tags")]
    assert not target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert posted[-1] == f"Exported 2 customers to {target}"
    assert QSettings().value(LAST_FOLDER_KEY) == str(target.parent)


def test_csv_for_excel_has_a_byte_order_mark_and_keeps_accents(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, sqlite_db)
    target = tmp_path / "excel"  # typed without the extension
    _save_as(monkeypatch, target)
    _trigger(window, "Customers to CSV for &Excel…")
    written = target.with_suffix(".csv")
    data = written.read_bytes()
    assert data.startswith(b"\xef\xbb\xbffirst_name,last_name")
    text = data.decode("utf-8-sig")
    assert "José,Müller" in text and "Zoë,Adams" in text
    assert '"=""--05-12"""' in text  # a year-less birthday Excel shows as text


def test_vcard_export_writes_only_the_selected_customers(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, sqlite_db)
    view = window.customers_page.table_view
    view.selectRow(0)
    view.selectionModel().select(
        window.customers_page.model.index(2, 0),
        view.selectionModel().SelectionFlag.Select | view.selectionModel().SelectionFlag.Rows)
    assert len(window.customers_page.selected_ids()) == 2
    target = tmp_path / "contacts.vcf"
    _save_as(monkeypatch, target)

    _trigger(window, "Contacts to &vCard…")

    text = target.read_text(encoding="utf-8")
    assert text.count("BEGIN:VCARD") == 2
    assert "FN:Zoë Adams" in text and "FN:Ann Smith" in text
    assert "José" not in text


def test_one_selected_customer_still_exports_the_whole_list(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, sqlite_db)
    window.customers_page.table_view.selectRow(0)
    target = tmp_path / "all.vcf"
    _save_as(monkeypatch, target)
    _trigger(window, "Contacts to &vCard…")
    assert target.read_text(encoding="utf-8").count("BEGIN:VCARD") == 3


def test_calendar_export_has_a_yearly_event_per_birthday(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, sqlite_db)
    target = tmp_path / "birthdays.ics"
    _save_as(monkeypatch, target)
    posted = _statuses(window)
    _trigger(window, "Birthdays and Moments to Ca&lendar…")
    text = target.read_text(encoding="utf-8")
    assert text.count("BEGIN:VEVENT") == 2
    assert "SUMMARY:Birthday: José Müller" in text
    assert "RRULE:FREQ=YEARLY" in text
    assert posted[-1] == f"Exported 2 birthdays and moments to {target}"


def test_the_save_dialog_starts_in_the_last_export_folder(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, sqlite_db)
    folder = tmp_path / "exports"
    folder.mkdir()
    proposed = _save_as(monkeypatch, folder / "first.csv")
    _trigger(window, "Customers to &CSV…")
    _trigger(window, "Contacts to &vCard…")
    assert Path(proposed[1]).parent == folder
    assert Path(proposed[1]).suffix == ".vcf"


def test_a_folder_that_is_gone_gets_a_message_naming_the_file(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, sqlite_db)
    target = tmp_path / "unplugged-stick" / "regulars.csv"
    _save_as(monkeypatch, target)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text, *args: shown.append(text))
    result = export_customers(window, window._context,
                              window.customers_page.model.all_ids(), "csv")
    assert result is None
    assert len(shown) == 1 and str(target) in shown[0]
    assert "No such file or directory" in shown[0]
    assert not target.parent.exists()


def test_a_file_that_cannot_be_written_gets_a_message_naming_it(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, sqlite_db)
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "regulars.csv"
    target.mkdir()  # a folder in the way: unwritable even for root, unlike permissions
    _save_as(monkeypatch, target)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text, *args: shown.append(text))
    _trigger(window, "Customers to &CSV…")
    assert len(shown) == 1 and str(target) in shown[0]
    assert target.is_dir() and list(target.iterdir()) == []
    assert [p.name for p in folder.iterdir()] == ["regulars.csv"]  # no temp file left


def test_an_empty_list_exports_nothing_and_says_why(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    context = AppContext(sqlite_db)
    proposed = _save_as(monkeypatch, tmp_path / "empty.csv")
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text, *args: told.append(title))
    assert export_customers(None, context, [], "csv") is None
    assert told == ["Nothing to export"]
    assert proposed == [] and not (tmp_path / "empty.csv").exists()


def test_a_cancelled_export_leaves_no_file(sqlite_db: Database, tmp_path: Path) -> None:
    from core.kernel.jobs import Cancelled, no_progress

    from gui.interchange.export_actions import write_export

    _seed(sqlite_db)
    target = tmp_path / "cancelled.vcf"
    with pytest.raises(Cancelled):
        write_export(sqlite_db, "vcard", target, [1, 2, 3], no_progress, lambda: True)
    assert list(tmp_path.glob("*cancelled*")) == []
