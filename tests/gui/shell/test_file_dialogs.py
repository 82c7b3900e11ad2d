"""File dialogs open in Documents the first time, then where that kind of file went last."""
from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from gui.shell.file_dialogs import folder_key, get_open_file_name, get_save_file_name
from gui.shell.window_state import (
    EXPORT_LAST_FOLDER,
    IMAGE_LAST_FOLDER,
    IMPORT_LAST_FOLDER,
    PDF_LAST_FOLDER,
)


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of its own, with a Documents folder; settings of its own."""
    home = tmp_path / "person"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    QSettings().clear()
    return home / "Documents"


def _answer(choose: Path | None, seen: list[str]) -> None:
    """When the dialog is up: note the folder it opened in, then choose `choose` (or
    cancel)."""
    def act() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QFileDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(50, act)
            return
        dialog = dialogs[0]
        seen.append(str(Path(dialog.directory().absolutePath()).resolve()))
        seen.append(dialog.selectedFiles()[0] if dialog.selectedFiles() else "")
        if choose is None:
            dialog.reject()
            return
        # Typed into the name box, as a person would (selectFile waits for the listing).
        name_edit = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name_edit is not None
        name_edit.setText(str(choose))
        dialog.accept()
        if dialog.isVisible():  # refused: do not leave the test waiting
            dialog.reject()

    QTimer.singleShot(150, act)


def test_a_pdf_is_first_saved_in_documents_then_where_the_last_one_went(
        qtbot: QtBot, documents: Path, tmp_path: Path) -> None:
    seen: list[str] = []
    _answer(None, seen)
    get_save_file_name(None, "Save the reprint as", "reprint-3.pdf", "PDF (*.pdf)")
    assert seen[0] == str(documents.resolve())
    assert seen[1].endswith("reprint-3.pdf")  # the proposed name is kept

    batches = tmp_path / "batches"
    batches.mkdir()
    _answer(batches / "cards.pdf", seen)
    chosen, _ = get_save_file_name(None, "Save the batch as", "cards.pdf", "PDF (*.pdf)")
    assert Path(chosen) == batches / "cards.pdf"
    assert PDF_LAST_FOLDER.read() == str(batches)

    seen.clear()
    _answer(None, seen)
    get_save_file_name(None, "Save the reprint as", "reprint-4.pdf", "PDF (*.pdf)")
    assert seen[0] == str(batches.resolve())


def test_each_kind_of_file_keeps_its_own_folder(qtbot: QtBot, documents: Path,
                                               tmp_path: Path) -> None:
    imports = tmp_path / "from the till"
    imports.mkdir()
    (imports / "customers.csv").write_text("first_name\nAnn\n", encoding="utf-8")
    _answer(imports / "customers.csv", [])
    get_open_file_name(None, "Import customers", "", "Customer files (*.csv *.vcf)")
    assert IMPORT_LAST_FOLDER.read() == str(imports)

    seen: list[str] = []
    _answer(None, seen)
    get_open_file_name(None, "Choose Logo", "", "Images (*.png *.jpg *.jpeg)")
    assert seen[0] == str(documents.resolve())  # the logo has no folder of its own yet
    seen.clear()
    _answer(None, seen)
    get_open_file_name(None, "Import customers", "", "Customer files (*.csv *.vcf)")
    assert seen[0] == str(imports.resolve())


def test_a_last_folder_that_is_gone_falls_back_to_documents(
        qtbot: QtBot, documents: Path, tmp_path: Path) -> None:
    PDF_LAST_FOLDER.write(str(tmp_path / "unplugged USB stick"))
    seen: list[str] = []
    _answer(None, seen)
    get_save_file_name(None, "Save the batch as", "cards.pdf", "PDF (*.pdf)")
    assert seen[0] == str(documents.resolve())


def test_a_folder_the_caller_names_is_where_the_dialog_opens(
        qtbot: QtBot, documents: Path, tmp_path: Path) -> None:
    seen: list[str] = []
    _answer(None, seen)
    get_save_file_name(None, "Export", str(tmp_path / "customers.csv"), "CSV files (*.csv)")
    assert seen[0] == str(tmp_path.resolve())


@pytest.mark.parametrize(("file_filter", "saving", "key"), [
    ("PDF (*.pdf)", True, PDF_LAST_FOLDER),
    ("Images (*.png *.jpg *.jpeg)", False, IMAGE_LAST_FOLDER),
    ("Customer files (*.csv *.txt *.tsv *.vcf);;All files (*)", False, IMPORT_LAST_FOLDER),
    ("Calendar (*.ics)", True, EXPORT_LAST_FOLDER),
])
def test_the_kind_of_file_comes_from_the_dialogs_filter(
        file_filter: str, saving: bool, key: object) -> None:
    assert folder_key(file_filter, saving=saving) is key
