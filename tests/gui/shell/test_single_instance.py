"""One window per database: a second launch brings the first window forward and exits 0;
a .regulars backup opened from the file manager is offered for restoring in that window."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.store.backup import backup_database
from core.store.db import Database
from core.store.opening import prepare_database

from gui.shell.single_instance import InstanceServer, hand_over, server_name
from gui.shell.window_host import WindowHost

ROOT = Path(__file__).resolve().parents[3]


def test_a_second_launch_brings_the_first_window_forward_and_exits_0(
    tmp_path: Path, regulars_home: Path
) -> None:
    env = {**os.environ, "REGULARS_HOME": str(regulars_home), "QT_QPA_PLATFORM": "offscreen"}
    db = str(tmp_path / "shop.db")
    command = [sys.executable, str(ROOT / "main.py"), "--db", db]
    first = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    log = regulars_home / "logs" / "regulars.log"
    try:
        deadline = time.monotonic() + 60
        while "program evaluated" not in _read(log) and "Today" not in _read(log):
            if time.monotonic() > deadline or first.poll() is not None:
                break
            time.sleep(0.3)
        # Whatever the log says, the first window listens once it has started.
        second = None
        for _attempt in range(60):
            second = subprocess.run(command, cwd=ROOT, env=env, capture_output=True,
                                    text=True, timeout=60, check=False)
            if "handed over" in _read(log):
                break
            time.sleep(0.5)
        assert second is not None and second.returncode == 0, second.stderr
        assert first.poll() is None, "the first window is still open"
        for _attempt in range(40):
            if "brought the window forward" in _read(log):
                break
            time.sleep(0.25)
        assert "brought the window forward for a second launch" in _read(log)
    finally:
        first.terminate()
        first.wait(30)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""




def _customers(database: Database) -> list[str]:
    return [row[0] for row in database.raw().execute(
        "SELECT first_name FROM customers ORDER BY first_name")]


def test_opening_a_backup_file_offers_to_restore_it_in_the_running_window(
    qtbot: QtBot, host: WindowHost, tmp_path: Path
) -> None:
    # A backup made elsewhere, with one customer, named as the file manager sees it.
    other = Database.open(tmp_path / "other.db")
    prepare_database(other)
    with other.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Zoë", last_name="Backup"))
    other.close()
    made = backup_database(tmp_path / "other.db")
    backup = made.rename(tmp_path / "shop-2026-12-01.regulars")

    name = server_name(str(tmp_path / "shop.db"))
    server = InstanceServer(name)
    server.restore_requested.connect(host.offer_restore)

    def press_restore() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "restore_offer":
            QTimer.singleShot(20, press_restore)
            return
        assert "shop-2026-12-01.regulars" in box.text()
        restore = next(b for b in box.buttons() if b.text() == "Restore")
        restore.click()

    QTimer.singleShot(20, press_restore)
    assert hand_over(name, open_file=backup)
    qtbot.waitUntil(lambda: host.current is not None
                    and _customers(host.current.database) == ["Zoë"], timeout=15000)
    assert hand_over(server_name(str(tmp_path / "elsewhere.db"))) is False
    server.close()
