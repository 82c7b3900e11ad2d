"""A shop server as shops run one (issue 18, items 1 and 5): TLS with a CA of its own and
passwords (tests/pg_server.py's TlsPgServer), and a server database left behind by an
update that the desks' role may not update. What the desk is told, in plain words, and
that no password shows anywhere."""
from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from core.store.db import Database
from core.store.opening import prepare_database
from core.store.schema import HEAD_REVISION
from core.store.servers import address_of, store_password

from gui.shell.server_dialog import ConnectServerDialog

from main import main
from tests.conftest import TLS_DESK_PASSWORD, TlsShop
from tests.shop_servers import places_holding

WRONG_PASSWORD = "Wr0ng-Guess-3391"


def _settings_text() -> str:
    QSettings().sync()
    path = Path(QSettings().fileName())
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_the_connect_dialog_checks_the_certificate_and_takes_the_password_from_the_keyring(
        qtbot: QtBot, tls_shop: TlsShop, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    url = tls_shop.desk_url()
    address = address_of(url)
    assert address is not None and address.ca_file == str(tls_shop.server.ca_file)
    store_password(address, TLS_DESK_PASSWORD)  # connected once before, from this desk
    dialog = ConnectServerDialog(current_url=url)
    qtbot.addWidget(dialog)
    assert dialog.host_edit.text() == "localhost" and dialog.password_edit.text() == ""
    assert dialog.password_edit.placeholderText() == "kept in this computer's keyring"

    dialog.test_button.click()

    assert dialog.status_label.text() == (
        "Connected to localhost. The connection is encrypted, and the certificate shows it "
        "is your server.")
    dialog.connect_button.click()
    assert dialog.result() == 1 and dialog.address is not None
    # The window opens it with the keyring's password, checking the certificate (verify-full).
    chosen = dialog.address.url()
    assert "sslmode=verify-full" in chosen
    opened = Database(chosen)
    try:
        prepare_database(opened)
        assert opened.raw().scalar(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()") is True
    finally:
        opened.close()
    assert places_holding(TLS_DESK_PASSWORD, log=caplog.text, settings=_settings_text(),
                          shown=dialog.status_label.text()) == []


def test_a_certificate_from_another_ca_is_refused_in_plain_words(
        qtbot: QtBot, tls_shop: TlsShop, caplog: pytest.LogCaptureFixture,
        capsys: pytest.CaptureFixture[str]) -> None:
    caplog.set_level(logging.DEBUG)
    dialog = ConnectServerDialog(current_url=tls_shop.desk_url(
        ca_file=tls_shop.server.other_ca_file))
    qtbot.addWidget(dialog)
    dialog.password_edit.setText(TLS_DESK_PASSWORD)

    dialog.test_button.click()

    assert dialog.status_label.text().startswith(
        "The server's certificate is not signed by this CA file (certificate verify "
        "failed), so Regulars cannot tell that it is your shop's server.")
    dialog.connect_button.click()
    assert dialog.result() == 0
    # The command line says the same, in one line.
    address = address_of(tls_shop.desk_url())
    assert address is not None
    store_password(address, TLS_DESK_PASSWORD)  # the password is right; the CA file is not
    assert main(["--db", tls_shop.desk_url(ca_file=tls_shop.server.other_ca_file),
                 "find", "Ann"]) == 1
    err = capsys.readouterr().err
    assert "the server's certificate is not signed by the CA file given (certificate " \
           "verify failed)" in err
    assert "Traceback" not in err
    assert places_holding(TLS_DESK_PASSWORD, log=caplog.text, err=err,
                          shown=dialog.status_label.text()) == []


def test_a_wrong_password_is_refused_without_showing_it(
        qtbot: QtBot, tls_shop: TlsShop, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    dialog = ConnectServerDialog(current_url=tls_shop.desk_url())
    qtbot.addWidget(dialog)
    dialog.password_edit.setText(WRONG_PASSWORD)

    dialog.connect_button.click()

    assert dialog.status_label.text() == "The server refused this user name or password."
    assert dialog.result() == 0
    assert places_holding(WRONG_PASSWORD, log=caplog.text, settings=_settings_text(),
                          shown=dialog.status_label.text(),
                          server_log=tls_shop.server.log.read_text(errors="replace")) == []


def _desk_fields(dialog: ConnectServerDialog, desk_url: str) -> None:
    parts = urlsplit(desk_url)
    dialog.host_edit.setText(parts.hostname or "")
    dialog.port_spin.setValue(parts.port or 5432)
    dialog.database_edit.setText(parts.path.lstrip("/"))
    dialog.user_edit.setText(parts.username or "")


def test_a_desk_is_told_its_server_needs_updating_and_who_updates_it(
        qtbot: QtBot, shop_left_behind: tuple[str, str, str]) -> None:
    owner_url, desk_url, _older = shop_left_behind
    dialog = ConnectServerDialog()
    qtbot.addWidget(dialog)
    _desk_fields(dialog, desk_url)

    dialog.test_button.click()

    role = urlsplit(desk_url).username
    plain_owner_url = owner_url.replace("postgresql+psycopg://", "postgresql://")
    assert dialog.status_label.text() == (
        f"The shop's server database needs updating for this version of Regulars, and the "
        f"account {role} may not change it. Someone with the owner's account (postgres) "
        f"runs, once, on any computer with this Regulars:\n"
        f"main.py server init --url {plain_owner_url}")
    dialog.connect_button.click()
    assert dialog.result() == 0  # nothing to open until it is updated


def test_a_desk_starting_on_a_server_left_behind_says_so_and_can_carry_on_locally(
        qtbot: QtBot, shop_left_behind: tuple[str, str, str],
        capsys: pytest.CaptureFixture[str]) -> None:
    from gui.shell.app import _open_database

    _owner_url, desk_url, older = shop_left_behind
    shown: list[str] = []

    def read_and_close() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, ConnectServerDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(50, read_and_close)
            return
        shown.append(dialog.status_label.text())
        dialog.reject()

    QTimer.singleShot(50, read_and_close)
    assert _open_database(desk_url) is None  # the person closed the dialog: no window

    assert shown[0].startswith("The shop's server database needs updating for this "
                               "version of Regulars")
    assert "main.py server init --url postgresql://postgres@" in shown[0]
    # With --exit-after-paint (nobody to ask), one line on stderr.
    assert _open_database(desk_url, exit_after_paint=True) is None
    err = capsys.readouterr().err
    assert f"(it is at {older}, this Regulars needs {HEAD_REVISION})" in err
    assert "main.py server init --url postgresql://postgres@" in err


def test_a_desk_on_a_secure_server_left_behind_is_given_the_command_with_its_ca_file(
        qtbot: QtBot, tls_shop: TlsShop) -> None:
    from tests.shop_servers import downgrade_one_step

    downgrade_one_step(tls_shop.server.admin_url(tls_shop.database))
    url = tls_shop.desk_url()
    address = address_of(url)
    assert address is not None
    store_password(address, TLS_DESK_PASSWORD)
    dialog = ConnectServerDialog(current_url=url)
    qtbot.addWidget(dialog)

    dialog.test_button.click()

    port, ca = tls_shop.server.port, tls_shop.server.ca_file
    assert dialog.status_label.text().endswith(
        f'main.py server init --url "postgresql://postgres@localhost:{port}/'
        f'{tls_shop.database}?sslmode=verify-full&sslrootcert={ca}"')
