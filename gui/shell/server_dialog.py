"""File > Connect to a Shop Server…: where the shop's PostgreSQL server is, a test of the
connection, and the password kept in the operating system's keyring.

The password goes nowhere else: not into QSettings (which keeps the server's address,
without it), not into a log line or a message. Where the computer has no keyring, the
desk uses it for this session only and says so.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.kernel.jobs import Cancelled
from core.store.servers import (
    CA_FILE_MISSING,
    CERT_UNTRUSTED,
    CERT_WRONG_NAME,
    DEFAULT_PORT,
    DESK_ROLE,
    NO_DATABASE,
    NO_KEYRING,
    NO_PASSWORD,
    NO_SCHEMA,
    NO_TLS_OFFERED,
    NOT_LET_IN,
    REFUSED_LOGIN,
    SCHEMA_AHEAD,
    SCHEMA_BEHIND,
    TLS_FAILED,
    UNREACHABLE,
    ConnectionCheck,
    SchemaNotCurrent,
    ServerAddress,
    ServerProblem,
    address_of,
    check_connection,
    store_password,
    stored_password,
)

from gui.shell.operations import run_long_job

log = logging.getLogger(__name__)


class ConnectServerDialog(QDialog):
    """Accepted once the connection worked: `address` and `password` say where to."""

    def __init__(self, parent: QWidget | None = None, *, current_url: str = "",
                 problem: ServerProblem | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to a Shop Server"))
        self.setMinimumWidth(480)
        self.address: ServerAddress | None = None
        self.password = ""
        self.keyring_missing = False
        known = address_of(current_url) if current_url else None

        intro = QLabel(self.tr(
            "When several desks share one shop, their customers live on a PostgreSQL "
            "server. Ask whoever set it up for these details."))
        intro.setWordWrap(True)
        self.host_edit = QLineEdit(known.host if known else "")
        self.host_edit.setPlaceholderText(self.tr("server name or address"))
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(known.port if known else DEFAULT_PORT)
        self.port_spin.setGroupSeparatorShown(False)
        self.database_edit = QLineEdit(known.database if known else "regulars")
        self.user_edit = QLineEdit(known.user if known else DESK_ROLE)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        if known is not None and stored_password(known) is not None:
            self.password_edit.setPlaceholderText(self.tr("kept in this computer's keyring"))
        self.ca_edit = QLineEdit(known.ca_file if known else "")
        self.ca_edit.setPlaceholderText(self.tr("optional: checks it is your server"))
        self.ca_button = QPushButton(self.tr("Choose…"))
        self.ca_button.clicked.connect(self._on_choose_ca_clicked)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(self.ca_button)

        form = QFormLayout()
        form.addRow(self.tr("&Server:"), self.host_edit)
        form.addRow(self.tr("P&ort:"), self.port_spin)
        form.addRow(self.tr("&Database:"), self.database_edit)
        form.addRow(self.tr("&User:"), self.user_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        ca_label = QLabel(self.tr("&Certificate (CA file):"))
        ca_label.setBuddy(self.ca_edit)
        form.addRow(ca_label, ca_row)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        # A command to run on the server can be copied from it.
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setObjectName("server_status_label")
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.test_button = self.button_box.addButton(
            self.tr("&Test Connection"), QDialogButtonBox.ButtonRole.ActionRole)
        self.connect_button = self.button_box.addButton(
            self.tr("Co&nnect"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.connect_button.setDefault(True)
        self.test_button.clicked.connect(self._on_test_clicked)
        self.button_box.accepted.connect(self._on_connect_clicked)
        self.button_box.rejected.connect(self.reject)
        # Opening the server failed at start: the desk may carry on with its own file.
        self.use_local = False
        if problem is not None:
            local_button = self.button_box.addButton(
                self.tr("Use This Computer's Database"), QDialogButtonBox.ButtonRole.ResetRole)
            local_button.clicked.connect(self._on_use_local_clicked)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addWidget(self.button_box)
        if problem is not None:
            self._say(self._problem_text(problem))
            self.password_edit.setFocus()

    def _on_use_local_clicked(self) -> None:
        self.use_local = True
        self.accept()

    def _on_choose_ca_clicked(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("The Server's Certificate Authority"), self.ca_edit.text(),
            self.tr("Certificates (*.crt *.pem *.cer);;All files (*)"))
        if chosen:
            self.ca_edit.setText(chosen)

    def entered_address(self) -> ServerAddress | None:
        """What the fields say; None (and the reason shown) when something is missing."""
        host, database = self.host_edit.text().strip(), self.database_edit.text().strip()
        user = self.user_edit.text().strip()
        for value, field, name in ((host, self.host_edit, self.tr("server")),
                                   (database, self.database_edit, self.tr("database")),
                                   (user, self.user_edit, self.tr("user"))):
            if not value:
                self._say(self.tr("Please give the %1.").replace("%1", name))
                field.setFocus()
                return None
        return ServerAddress(host=host, port=self.port_spin.value(), database=database,
                             user=user, ca_file=self.ca_edit.text().strip())

    def _check(self) -> tuple[ServerAddress, ConnectionCheck] | None:
        address = self.entered_address()
        if address is None:
            return None
        # Left empty: the one the keyring keeps for this user at this server, if any.
        password = self.password_edit.text() or stored_password(address)
        self._say(self.tr("Connecting to %1…").replace("%1", address.host))
        try:
            found = run_long_job(self, self.tr("Connecting to %1…").replace("%1", address.host),
                                 lambda _progress, _cancelled: check_connection(
                                     address, password or None))
        except ServerProblem as problem:
            log.info("connection to %s failed: %s", address.host, problem.kind)
            self._say(self._problem_text(problem))
            return None
        except Cancelled:
            self._say("")
            return None
        return address, found

    def _on_test_clicked(self) -> None:
        checked = self._check()
        if checked is not None:
            self._say(self._found_text(*checked))

    def _on_connect_clicked(self) -> None:
        checked = self._check()
        if checked is None:
            return
        address, found = checked
        problem = found.schema_problem
        # Only the schema's owner, connecting here, may have it updated by opening it; a
        # database with no Regulars schema is set up with server init (which makes the
        # desks' role too).
        if problem is not None and (problem.blocks_opening or problem.kind == NO_SCHEMA):
            self._say(self._found_text(address, found))
            return
        password = self.password_edit.text()
        if password:
            try:
                store_password(address, password)
            except ServerProblem as problem:
                if problem.kind != NO_KEYRING:
                    raise
                self.keyring_missing = True  # used for this session only, kept nowhere
        self.address, self.password = address, password
        self.accept()

    def _found_text(self, address: ServerAddress, found: ConnectionCheck) -> str:
        problem = found.schema_problem
        if problem is not None and (problem.blocks_opening or problem.kind == NO_SCHEMA):
            return self._problem_text(problem)
        if found.encrypted and address.ca_file:
            safety = self.tr("The connection is encrypted, and the certificate shows it "
                             "is your server.")
        elif found.encrypted:
            safety = self.tr("The connection is encrypted. Give the CA file to also check "
                             "that it is your server.")
        else:
            safety = self.tr("The connection is not encrypted: use it only on the shop's "
                             "own network.")
        return self.tr("Connected to %1. %2").replace("%1", address.host).replace("%2", safety)

    def _problem_text(self, problem: ServerProblem) -> str:
        if isinstance(problem, SchemaNotCurrent):
            return self._schema_text(problem)
        texts = {
            UNREACHABLE: self.tr("No server answers at that address and port. Check the "
                                 "server's name, and that it is switched on."),
            REFUSED_LOGIN: self.tr("The server refused this user name or password."),
            NO_PASSWORD: self.tr("The server wants a password: please type it."),
            NOT_LET_IN: self.tr(
                "The server does not let this user in from this computer. It may accept "
                "only encrypted connections (give its CA file), or whoever set it up must "
                "allow this computer (in the server's pg_hba.conf)."),
            NO_DATABASE: self.tr("The server has no database of that name."),
            TLS_FAILED: self.tr("The secure connection failed: check the CA file, and that "
                                "the server's name matches its certificate."),
            CERT_UNTRUSTED: self.tr(
                "The server's certificate is not signed by this CA file (certificate "
                "verify failed), so Regulars cannot tell that it is your shop's server. "
                "Check that the CA file is the one your server's certificate came with."),
            CERT_WRONG_NAME: self.tr(
                "The server's certificate was made for another name. Type the server's "
                "name as its certificate gives it."),
            CA_FILE_MISSING: self.tr("The CA file cannot be read. Choose it again."),
            NO_TLS_OFFERED: self.tr(
                "The server offers no encrypted connection, so the CA file cannot be "
                "checked. Leave the CA file empty only on the shop's own network."),
        }
        text = texts.get(problem.kind)
        if text is None:
            text = self.tr("The connection failed: %1").replace("%1", problem.detail)
        return text

    def _schema_text(self, problem: SchemaNotCurrent) -> str:
        """Who must update the server's database, and how, in plain words."""
        if problem.kind == SCHEMA_AHEAD:
            return self.tr("The shop's server database was updated by a newer Regulars than "
                           "this one. Update Regulars on this computer, then connect again.")
        run = problem.update_command
        if problem.kind == SCHEMA_BEHIND:
            text = self.tr(
                "The shop's server database needs updating for this version of Regulars, "
                "and the account %1 may not change it. Someone with the owner's account "
                "(%2) runs, once, on any computer with this Regulars:")
        else:
            text = self.tr(
                "The shop's server database is not set up for Regulars yet. Someone with "
                "the owner's account (%2) runs, once, on any computer with this Regulars:")
        return (text.replace("%1", problem.user).replace("%2", problem.owner)
                + "\n" + run)

    def _say(self, text: str) -> None:
        self.status_label.setText(text)
