"""Starting the application: open the database safely, then show the main window."""
from __future__ import annotations

import logging
import sys
import threading
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from core.kernel.resources import resource_path
from core.settings.queries import read_shop_formats
from core.store.backup import check_integrity
from core.store.db import Database
from core.store.errors import DatabaseCorrupt, DatabaseInUse, DatabaseReadOnly, SchemaOutdated
from core.store.opening import (
    InstanceLock,
    daily_backup_due,
    lock_database,
    prepare_database,
    take_daily_backup,
)

from gui.shell.wording import app_tr

log = logging.getLogger(__name__)
STARTED = time.perf_counter()
FONTS = resource_path("fonts")


def run_app(*, db_target: str | None, exit_after_paint: bool = False,
            started: float | None = None, open_file: Path | None = None) -> int:
    """Open the window (or hand over to the one already open on this database and return
    0); `open_file`, a .regulars backup, is offered for restoring."""
    app = QApplication.instance() or QApplication(sys.argv)
    set_identity(app)
    server = None
    if not exit_after_paint:
        from gui.shell.single_instance import InstanceServer, hand_over, server_name

        name = server_name(db_target)
        if hand_over(name, open_file=open_file):
            return 0
        server = InstanceServer(name)
    from gui.shell.wording import install_translations

    install_translations(app)  # before any widget, so every count reads right
    from gui.shell.garbage import GuiThreadGarbageCollector

    GuiThreadGarbageCollector(app)  # cycles of Qt objects are freed in the GUI thread only
    from gui.shell.excepthook import ErrorReporter

    reporter = ErrorReporter(QApplication.activeWindow)
    reporter.install()
    from gui.shell.window_state import SERVER_URL

    # No --db: the shop server this desk was connected to, else the file on this computer.
    target = db_target or SERVER_URL.read() or None
    opened = _open_database(target, exit_after_paint=exit_after_paint)
    if opened is None:
        return 1
    from gui.shell.window_host import WindowHost

    # The database actually opened is the shop's own (a server that failed at start may
    # have been replaced in the Connect dialog by another, or by this computer's file).
    host = WindowHost(opened[0].url, reporter=reporter, exit_after_paint=exit_after_paint,
                      started=started if started is not None else STARTED)
    host.show(*opened)
    _answer_incomplete_profile(reporter, host)
    if server is not None:
        server.raise_requested.connect(host.bring_forward)
        server.restore_requested.connect(host.offer_restore)
    if open_file is not None and not exit_after_paint:
        host.painted.append(lambda: QTimer.singleShot(0, lambda: host.offer_restore(
            str(open_file))))
    if not exit_after_paint and host.needs_welcome():
        host.painted.append(lambda: QTimer.singleShot(0, host.welcome))
    code = app.exec()
    host.close_current()  # lets a write in flight finish before the file closes
    return code


def set_identity(app: QCoreApplication) -> None:
    """The names QSettings files the window state under (the same as platformdirs' data
    folders: core.kernel.paths), the desktop entry that gives the window its icon on
    Wayland, and the icon."""
    from PySide6.QtGui import QIcon

    from core.kernel import paths

    app.setOrganizationName(paths.APP_AUTHOR)
    app.setOrganizationDomain(paths.ORGANISATION_DOMAIN)
    app.setApplicationName(paths.APP_NAME)
    QApplication.setApplicationDisplayName(paths.APP_NAME)
    QApplication.setDesktopFileName(paths.APP_ID)
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addFile(str(resource_path("icons", f"regulars-{size}.png")))
    QApplication.setWindowIcon(icon)


def _answer_incomplete_profile(reporter: Any, host: Any) -> None:
    """Any print that needs an empty business profile field (whichever area's template,
    wherever it was started) ends in the offer to fill it in, not in an error dialog."""
    from core.printing.errors import IncompleteBusinessProfile

    def answer(error: BaseException) -> None:
        from gui.settings.profile_needed import ask_to_complete_profile

        assert isinstance(error, IncompleteBusinessProfile)
        opened = host.current
        if opened is not None:
            ask_to_complete_profile(QApplication.activeWindow() or opened.window,
                                    opened.context, error.fields)

    reporter.add_answer(IncompleteBusinessProfile, answer)


def register_bundled_fonts() -> list[str]:
    """Give Qt the fonts bundled for the PDFs, so that Korean, Chinese, Arabic and Hebrew
    names show in the list, the editor and the menus on a computer that has no font for
    them (Qt falls back to any registered family that covers a script). About 2 ms: Qt
    reads each file's tables, not its glyphs. Returns the families registered."""
    from PySide6.QtGui import QFontDatabase

    global _bundled_families
    if _bundled_families is not None:
        return _bundled_families
    families: list[str] = []
    for path in sorted(FONTS.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("Qt could not load the bundled font %s", path.name)
            continue
        families += QFontDatabase.applicationFontFamilies(font_id)
    _bundled_families = families
    return families


_bundled_families: list[str] | None = None


def _open_database(target: str | None, *, exit_after_paint: bool = False,
                   password: str | None = None,
                   ) -> tuple[Database, InstanceLock | None] | None:
    """Lock, check and migrate; ask the person when something is in the way.

    A file, folder or file system that cannot be written opens read-only (the window
    shows its read-only label). With `exit_after_paint` nothing is asked: the reason
    goes to stderr and the caller exits 1.
    """
    database = Database.open(target, password=password)
    if not database.is_sqlite:
        return _open_server(database, exit_after_paint=exit_after_paint)
    lock = None
    try:
        lock = lock_database(database)
    except DatabaseInUse as exc:
        if exit_after_paint:
            _print_error("in_use", exc.path)
            return None
        if not _ask_read_only(str(exc.path)):
            return None
        database = Database.open(target, read_only=True)
    except DatabaseReadOnly as exc:
        log.info("opening %s read-only: %s", exc.path, exc.reason)
        database = Database.open(target, read_only=True)
    try:
        try:
            prepare_database(database, check_integrity=False)  # checked after the paint
        except DatabaseReadOnly as exc:
            log.info("opening %s read-only: %s", exc.path, exc.reason)
            if lock is not None:
                lock.release()
                lock = None
            database = Database.open(target, read_only=True)
            prepare_database(database, check_integrity=False)
    except DatabaseCorrupt as exc:
        if exit_after_paint:
            _print_error("damaged", exc.path, exc.detail)
            return None
        _offer_backups(database, exc)
        return None
    except SchemaOutdated:
        if exit_after_paint:
            _print_error("needs_update", database.display_name)
            return None
        QMessageBox.critical(None, app_tr("Regulars"), app_tr(
            "This database needs an update, and it is open elsewhere. Close the other "
            "Regulars window and try again."))
        return None
    return database, lock


def _open_server(database: Database, *, exit_after_paint: bool
                 ) -> tuple[Database, InstanceLock | None] | None:
    """A shop server: connect and check its schema; when that fails, say why in the
    Connect dialog, where the person can fix the password or address, or carry on with
    this computer's own database."""
    from core.store.servers import problem_of

    try:
        prepare_database(database, check_integrity=False)
        return database, None
    except Exception as exc:
        if not type(exc).__module__.startswith(("sqlalchemy", "psycopg")):
            raise
        problem = problem_of(exc)
        database.close()
    log.info("cannot open the server %s: %s", database.display_name, problem.kind)
    if exit_after_paint:
        print(f"error: {database.display_name}: {problem.kind}", file=sys.stderr)
        return None
    from gui.shell.server_dialog import ConnectServerDialog
    from gui.shell.window_state import SERVER_URL

    dialog = ConnectServerDialog(None, current_url=database.url, problem=problem)
    if not dialog.exec():
        return None
    if dialog.use_local:
        SERVER_URL.write("")
        return _open_database(None)
    assert dialog.address is not None
    SERVER_URL.write(dialog.address.url())
    return _open_database(dialog.address.url(), password=dialog.password or None)


class IntegrityChecker(QObject):
    """Runs the full `PRAGMA integrity_check` on a worker thread once the window has
    painted (sqlite3 releases the GIL meanwhile): quick_check let a flipped byte in a
    row through."""

    found_damage = Signal(str)

    def __init__(self, database: Database) -> None:
        super().__init__()
        self._path = database.sqlite_path

    def start(self) -> None:
        if self._path is not None:
            threading.Thread(target=self._run, name="quick-check", daemon=True).start()

    def _run(self) -> None:
        assert self._path is not None
        problem = check_integrity(self._path, full=True)
        if problem is not None:
            self.found_damage.emit(problem)


def _on_damage_found(window: QWidget, database: Database, detail: str) -> None:
    """Close the window before anything is written, and offer the backups."""
    assert database.sqlite_path is not None
    window.hide()
    _offer_backups(database, DatabaseCorrupt(database.sqlite_path, detail))
    QApplication.exit(1)


def _print_error(sentence: str, *args: Any) -> None:
    """The command line's `texts.<sentence>(*args)` for a start that cannot go on
    (--exit-after-paint). Those texts load the printing codes too, so they are imported
    only when one is needed."""
    from core.commands import texts

    print(f"error: {getattr(texts, sentence)(*args)}", file=sys.stderr)


def _ask_read_only(path: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, app_tr("Database in use"),
                      app_tr("This customer database is already open in another "
                                      "Regulars window:\n%s") % path)
    box.setInformativeText(app_tr(
        "You can look at it read-only here, or quit and use the other window."))
    read_only = box.addButton(app_tr("Open Read-Only"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(app_tr("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is read_only


def _install_safe_file_dialogs() -> None:
    """Before any file dialog can sniff the database and drop its locks; not imported
    before the first paint, which shows no file dialog (4 ms of every start)."""
    from gui.shell.file_dialogs import install_safe_file_dialogs

    install_safe_file_dialogs()


def _offer_backups(database: Database, error: DatabaseCorrupt) -> None:
    from gui.shell.restore_dialog import RestoreDialog

    _install_safe_file_dialogs()
    log.error("refusing damaged database %s: %s", error.path, error.detail)
    intro = app_tr(
        "The customer database %s is damaged and cannot be opened safely. Choose a backup to "
        "restore; the damaged file is left untouched until you do.") % error.path
    dialog = RestoreDialog(database, None, intro=intro)
    if dialog.exec() and dialog.restored:
        QMessageBox.information(None, app_tr("Backup restored"), app_tr(
            "The backup is restored. Start Regulars again to carry on."))


def _business_locale(database: Database) -> tuple[QLocale, str, str | None]:
    """The shop's locale, currency symbol and currency, read without loading the ORM."""
    formats = read_shop_formats(database.raw())
    if formats.locale is not None:
        locale, currency = QLocale(formats.locale), formats.currency
    else:  # no profile yet: the computer's locale, unless it is the bare "C" one
        locale, currency = QLocale.system(), None
        if locale.language() == QLocale.Language.C:
            locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    symbol = locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencySymbol)
    if currency and currency != locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode):
        symbol = currency + " "
    return locale, symbol, currency


def _load_phone_formatting(window: object, database: Database) -> None:
    """Swap raw E.164 numbers for the shop's own format once phonenumbers is loaded."""
    from core.customers.validation import format_phone

    region = read_shop_formats(database.raw()).region
    window.customers_page.model.set_phone_formatter(  # type: ignore[attr-defined]
        lambda phone: format_phone(phone, region))


def _backup_in_background(database: Database) -> None:
    if database.read_only or not daily_backup_due(database):
        return

    def work() -> None:
        try:
            take_daily_backup(database)
        except Exception:  # a failed backup must never take the app down
            log.exception("daily backup failed")

    threading.Thread(target=work, name="daily-backup", daemon=True).start()
