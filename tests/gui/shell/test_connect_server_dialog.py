"""File > Connect to a Shop Server… (issue 18, item 5): the connection is tested, the
password kept in the keyring and nowhere else, and the window reopens on the server."""
from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

import keyring
import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from core.store.db import Database
from core.store.servers import KEYRING_SERVICE

from gui.shell.context import AppContext
from gui.shell.main_window import MainWindow
from gui.shell.server_dialog import ConnectServerDialog
from gui.shell.window_state import SERVER_URL

from tests.shop_servers import places_holding

PASSWORD = "Tr1cky-Pa55word-4471"


def _fill(dialog: ConnectServerDialog, url: str, *, port: int | None = None) -> None:
    parts = urlsplit(url)
    dialog.host_edit.setText(parts.hostname or "")
    dialog.port_spin.setValue(port or parts.port or 5432)
    dialog.database_edit.setText(parts.path.lstrip("/"))
    dialog.user_edit.setText(parts.username or "")
    dialog.password_edit.setText(PASSWORD)


def test_connecting_to_the_shop_server_keeps_the_password_in_the_keyring_only(
        qtbot: QtBot, sqlite_db: Database, pg_db: Database, contexts: list[AppContext],
        test_keyring: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    context = AppContext(sqlite_db)
    contexts.append(context)
    window = MainWindow(context)
    qtbot.addWidget(window)
    statuses: list[str] = []

    def fill_test_and_connect() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, ConnectServerDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(50, fill_test_and_connect)
            return
        _fill(dialog, pg_db.url)
        dialog.test_button.click()
        statuses.append(dialog.status_label.text())
        dialog.connect_button.click()

    chosen: list[tuple[str, str]] = []
    window.server_chosen.connect(lambda url, password: chosen.append((url, password)))
    QTimer.singleShot(50, fill_test_and_connect)
    window.connect_server_action.trigger()

    assert statuses[0].startswith("Connected to 127.0.0.1.")
    assert "not encrypted" in statuses[0]
    server = urlsplit(pg_db.url)
    entry = f"{server.username}@{server.hostname}:{server.port}{server.path}"
    assert keyring.get_password(KEYRING_SERVICE, entry) == PASSWORD
    [(url, password)] = chosen  # the window host moves the window to that server
    assert password == PASSWORD and PASSWORD not in url
    assert SERVER_URL.read() == url
    # The next start opens the server with the keyring's password, given nowhere else.
    reopened = Database(url)
    try:
        assert reopened.raw().scalar("SELECT current_database()") == server.path.lstrip("/")
    finally:
        reopened.close()

    # Where a password must never be: the settings file, the log, this command line.
    QSettings().sync()
    settings_text = Path(QSettings().fileName()).read_text(encoding="utf-8")
    assert "database/server_url" in settings_text or "server_url" in settings_text
    # The log file, every command line, and what the dialog said (tests.shop_servers).
    assert places_holding(PASSWORD, settings=settings_text, log=caplog.text,
                          shown=" ".join(statuses)) == []
    assert PASSWORD not in test_keyring.read_text(encoding="utf-8")  # stored encoded, even here


def test_a_server_that_does_not_answer_is_named_without_the_password(
        qtbot: QtBot, pg_db: Database, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    dialog = ConnectServerDialog()
    qtbot.addWidget(dialog)
    _fill(dialog, pg_db.url, port=1)  # nothing listens there

    dialog.test_button.click()

    assert dialog.status_label.text().startswith("No server answers at that address")
    assert places_holding(PASSWORD, shown=dialog.status_label.text(), log=caplog.text) == []


def test_a_missing_server_name_is_asked_for(qtbot: QtBot) -> None:
    dialog = ConnectServerDialog()
    qtbot.addWidget(dialog)
    dialog.connect_button.click()
    assert dialog.status_label.text() == "Please give the server."
    assert dialog.result() == 0


def test_the_window_moves_to_the_server_it_was_connected_to(
        qtbot: QtBot, tmp_path: Path, pg_db: Database) -> None:
    from core.store.opening import lock_database, prepare_database

    from gui.shell.window_host import WindowHost

    local = Database.open(tmp_path / "shop.db")
    lock = lock_database(local)
    prepare_database(local)
    host = WindowHost(str(tmp_path / "shop.db"))
    host.show(local, lock)
    try:
        assert host.current is not None
        host.current.window.server_chosen.emit(pg_db.url, "")

        assert host.current is not None and host.current.database.url == pg_db.url
        assert host.current.window.isVisible()
        again = lock_database(Database.open(tmp_path / "shop.db"))  # the file was let go of
        assert again is not None
        again.release()
    finally:
        host.close_current()
        QApplication.processEvents()
