"""The one window, on the shop's own database or on the sample database: opening it (and
what follows its first paint), the first-run welcome, and switching between the two.

Sample data lives in its own file (sample.db beside the real one), so made-up customers
never mix with real ones; its window says so in a banner with a button back."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from core.kernel import paths
from core.store.db import Database
from core.store.opening import InstanceLock, lock_database, prepare_database

from gui.shell.context import AppContext

log = logging.getLogger(__name__)
SAMPLE_CUSTOMERS = 400


def sample_database_path() -> Path:
    return paths.user_data_dir() / "sample.db"


@dataclass
class Opened:
    database: Database
    lock: InstanceLock | None
    context: AppContext
    window: Any  # gui.shell.main_window.MainWindow (imported when the window is built)
    sample: bool


class WindowHost(QObject):
    def __init__(self, real_target: str | None, *, reporter: Any = None,
                 exit_after_paint: bool = False, started: float | None = None) -> None:
        super().__init__()
        self._real_target = real_target
        self._reporter = reporter
        self._exit_after_paint = exit_after_paint
        self._started = started if started is not None else time.perf_counter()
        self.current: Opened | None = None
        self.painted: list[Callable[[], None]] = []  # extra hooks for the first paint

    # -- opening and closing ---------------------------------------------------------------

    def show(self, database: Database, lock: InstanceLock | None, *,
             sample: bool = False) -> Any:
        """Build and show the window on `database` (already locked and migrated)."""
        from gui.shell import app as shell
        from gui.shell.main_window import MainWindow

        if self._reporter is not None:
            self._reporter.database_name = database.display_name
        shell.register_bundled_fonts()  # before the first paint: no name drawn as boxes
        locale, symbol, currency = shell._business_locale(database)
        QLocale.setDefault(locale)  # counts written %Ln take the shop's digits
        context = AppContext(database, read_only=database.read_only)
        window = MainWindow(context, locale=locale, currency_symbol=symbol, currency=currency,
                            open_on_today=True)
        if sample:
            window.show_sample_banner(self.back_to_real)
        window.server_chosen.connect(self.open_server)
        self.current = Opened(database, lock, context, window, sample)
        checker = shell.IntegrityChecker(database)
        checker.found_damage.connect(
            lambda detail: shell._on_damage_found(window, database, detail))

        def on_painted() -> None:
            if self._exit_after_paint:
                print(round((time.perf_counter() - self._started) * 1000))
                QApplication.quit()
                return
            shell._install_safe_file_dialogs()  # before any file dialog can open
            checker.start()  # after the paint: the full check reads the whole file
            window.start_program()
            QTimer.singleShot(1500, lambda: shell._backup_in_background(database))
            QTimer.singleShot(50, lambda: shell._load_phone_formatting(window, database))
            for hook in self.painted:
                hook()
            self.painted.clear()

        first_page = window.today_page or window.customers_page
        first_page.first_rows_painted.connect(on_painted)  # type: ignore[attr-defined]
        window.show()
        return window

    def close_current(self) -> None:
        """Let a write in flight finish, then close the file and let go of its lock."""
        opened, self.current = self.current, None
        if opened is None:
            return
        opened.window.hide()
        opened.context.operations.shutdown()
        opened.database.close()
        if opened.lock is not None:
            opened.lock.release()
        opened.window.deleteLater()

    # -- the first run ---------------------------------------------------------------------

    def needs_welcome(self) -> bool:
        """Nobody has set this shop up yet: no business profile saved, no customers."""
        from core.settings.services import business_profile_saved

        opened = self.current
        if opened is None or opened.sample or opened.context.read_only:
            return False
        if opened.context.read(business_profile_saved):
            return False
        rows = opened.database.raw().execute("SELECT 1 FROM customers LIMIT 1")
        return not rows

    def welcome(self) -> str:
        """The welcome, then what was chosen: open the import wizard, start empty, or
        open the sample data. Returns the choice ("" when closed at the first step)."""
        from gui.shell.welcome_dialog import IMPORT, SAMPLE, WelcomeDialog

        opened = self.current
        assert opened is not None
        dialog = WelcomeDialog(opened.context, opened.window)
        self.welcome_dialog = dialog
        dialog.exec()
        if dialog.choice == IMPORT:
            opened.window.import_action.trigger()
        elif dialog.choice == SAMPLE:
            self.open_sample()
        return dialog.choice

    # -- a second launch -------------------------------------------------------------------

    def bring_forward(self) -> None:
        """Another launch of Regulars on this database: show this window instead."""
        opened = self.current
        if opened is None:
            return
        window = opened.window
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
        window.activateWindow()
        log.info("brought the window forward for a second launch")

    def offer_restore(self, file: str) -> bool:
        """A .regulars backup was opened (from the file manager): offer to restore it over
        the shop's own database, which is backed up first. True when restored."""
        from core.store.backup import restore_backup
        from core.store.errors import BackupUnreadable

        from gui.shell.app import _open_database

        self.bring_forward()
        if self.current is not None and self.current.sample:
            self.back_to_real()
        opened = self.current
        if opened is None:
            return False
        target = opened.database.sqlite_path
        if target is None or opened.context.read_only:
            QMessageBox.information(opened.window, self.tr("Restore Backup"), self.tr(
                "This customer list cannot be replaced from here (it is on a server or "
                "open read-only)."))
            return False
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Restore Backup"),
                          self.tr("Replace your customer list with the backup %s?") % file,
                          QMessageBox.StandardButton.Cancel, opened.window)
        box.setObjectName("restore_offer")
        box.setInformativeText(self.tr(
            "Your list as it is now is backed up first, so nothing is lost."))
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        self.restore_box = box
        box.exec()
        if box.clickedButton() is not restore:
            return False
        self.close_current()
        restored = True
        try:
            restore_backup(Path(file), target)
        except (BackupUnreadable, OSError) as exc:
            restored = False
            reason = exc.reason if isinstance(exc, BackupUnreadable) else str(exc)
            QMessageBox.warning(None, self.tr("Cannot restore"), self.tr(
                "This backup cannot be read: %s") % reason)
        reopened = _open_database(self._real_target)
        if reopened is None:
            QApplication.quit()
            return False
        self.show(*reopened)
        return restored

    # -- switching -------------------------------------------------------------------------

    def open_sample(self) -> bool:
        """Make a fresh sample database (with this shop's profile, so cards carry its
        name) and switch the window to it. False if cancelled or it failed (said so)."""
        from core.demo.services import generate_demo
        from core.kernel.jobs import Cancelled
        from core.settings.services import get_business_profile, save_business_profile

        from gui.shell.operations import run_long_job

        opened = self.current
        assert opened is not None
        profile = opened.context.read(get_business_profile)
        path = sample_database_path()
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        sample = Database.open(path)
        lock = lock_database(sample)
        try:
            prepare_database(sample)
            with sample.unit_of_work() as session:
                save_business_profile(session, profile)
            run_long_job(opened.window, self.tr("Making up a sample shop…"),
                         lambda progress, cancelled: generate_demo(
                             sample, customers=SAMPLE_CUSTOMERS, progress=progress,
                             is_cancelled=cancelled))
        except Cancelled:
            sample.close()
            if lock is not None:
                lock.release()
            return False
        self.close_current()
        self.show(sample, lock, sample=True)
        return True

    def open_server(self, url: str, password: str) -> None:
        """File > Connect to a Shop Server… worked: the window moves to that server, which
        is the shop's own database from now on."""
        from gui.shell.app import _open_database

        self.close_current()
        opened = _open_database(url, password=password or None)
        if opened is None:
            QMessageBox.warning(None, self.tr("Regulars"), self.tr(
                "The shop server could not be opened; start Regulars again."))
            QApplication.quit()
            return
        self._real_target = opened[0].url
        self.show(*opened)

    def back_to_real(self) -> None:
        """Close the sample data and open the shop's own database again."""
        from gui.shell.app import _open_database

        self.close_current()
        opened = _open_database(self._real_target)
        if opened is None:
            QMessageBox.warning(None, self.tr("Regulars"), self.tr(
                "Your own customer list could not be opened; start Regulars again."))
            QApplication.quit()
            return
        self.show(*opened)
