"""One person's session in the main window: add, find, edit, delete, undo — by keyboard."""
from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.customers.editor import CustomerEditor
from gui.customers.table_model import COL_EMAIL, COL_NAME
from gui.shell.main_window import MainWindow


def _active_editor() -> CustomerEditor:
    editor = QApplication.activeModalWidget()
    assert isinstance(editor, CustomerEditor)
    return editor


def _back_to(qtbot: QtBot, window: MainWindow) -> None:
    """The window is active again once its dialog closed (the offscreen platform, unlike a
    desktop's window manager, leaves no window active after a dialog closes)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _names(window: MainWindow) -> list[str]:
    model = window.customers_page.model
    return [model.index(row, COL_NAME).data() for row in range(model.rowCount())]


def test_add_find_edit_delete_and_undo(qtbot: QtBot, active_window: MainWindow) -> None:
    window = active_window
    page = window.customers_page

    # Ctrl+N opens a blank record; type a customer and save.
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CustomerEditor))
    editor = _active_editor()
    qtbot.keyClicks(editor.details_tab.first_name_edit, "Maria")
    qtbot.keyClicks(editor.details_tab.last_name_edit, "Lopez")
    qtbot.keyClicks(editor.details_tab.email_edit, "maria@example.com")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _names(window) == ["Maria Lopez"])
    _back_to(qtbot, window)

    # Ctrl+F, type part of the email: she is found.
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search_edit.hasFocus()
    qtbot.keyClicks(page.search_edit, "maria@")
    qtbot.waitUntil(lambda: page.count_label.text() == "1 customer")

    # Open her with Enter, change the email, save: the list shows the change.
    page.table_view.setFocus()
    page.table_view.selectRow(0)
    qtbot.keyClick(page.table_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CustomerEditor))
    editor = _active_editor()
    editor.details_tab.email_edit.clear()
    qtbot.keyClicks(editor.details_tab.email_edit, "maria.lopez@example.com")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    page.search_edit.clear()
    qtbot.waitUntil(lambda: page.model.index(0, COL_EMAIL).data() == "maria.lopez@example.com")
    _back_to(qtbot, window)

    # Delete moves her to the trash; Ctrl+Z brings her back.
    page.table_view.setFocus()
    page.table_view.selectRow(0)
    qtbot.keyClick(page.table_view, Qt.Key.Key_Delete)
    assert page.count_label.text() == "0 customers"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _names(window) == ["Maria Lopez"]
