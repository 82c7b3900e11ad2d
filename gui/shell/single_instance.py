"""One window per database: a second launch hands over to the first (which comes to the
front, or offers to restore the backup file it was asked to open) and exits 0, instead of
becoming a second writer. QLocalServer/QLocalSocket: a named pipe on Windows, a socket in
the user's runtime folder elsewhere."""
from __future__ import annotations

import getpass
import hashlib
import json
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from core.kernel import paths

log = logging.getLogger(__name__)
TIMEOUT_MS = 1500
RAISE = "raise"
RESTORE = "restore"


def server_name(db_target: str | None) -> str:
    """The same name for every launch of this user on this database, and only for them."""
    if db_target is None:
        where = str(paths.default_database_path())
    elif "://" in db_target:
        where = db_target
    else:
        where = str(Path(db_target).expanduser().resolve())
    digest = hashlib.sha256(f"{getpass.getuser()}\n{where}".encode()).hexdigest()[:20]
    return f"{paths.APP_ID}-{digest}"


def hand_over(name: str, *, open_file: Path | None = None) -> bool:
    """Tell a running window to come forward (or to offer `open_file`); False when none
    is running."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    message = {"action": RESTORE, "file": str(open_file)} if open_file else {"action": RAISE}
    socket.write(json.dumps(message).encode() + b"\n")
    socket.waitForBytesWritten(TIMEOUT_MS)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(TIMEOUT_MS)
    log.info("handed over to the running window: %s", message)
    return True


class InstanceServer(QObject):
    """Listens for later launches; says what each asked for."""

    raise_requested = Signal()
    restore_requested = Signal(str)  # the backup file's path

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(name)  # a socket file left by a crash (not on Windows)
        if not self.server.listen(name):
            log.warning("single instance: cannot listen on %s: %s", name,
                        self.server.errorString())
        self.server.newConnection.connect(self._on_new_connection)

    def _on_new_connection(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(self._on_ready_read)
            if socket.canReadLine():
                self._read(socket)

    def _on_ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def close(self) -> None:
        self.server.close()

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data())
        socket.readyRead.disconnect(self._on_ready_read)
        socket.deleteLater()  # one message per launch
        try:
            message = json.loads(line.decode())
        except (ValueError, UnicodeDecodeError):
            log.warning("single instance: unreadable message ignored")
            return
        if message.get("action") == RESTORE and message.get("file"):
            self.restore_requested.emit(str(message["file"]))
        else:
            self.raise_requested.emit()
