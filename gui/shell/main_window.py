"""The main window: a sidebar of areas, menus with the usual shortcuts, a status bar."""
from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QLocale, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from core.kernel import paths

from gui.customers.page import CustomersPage
from gui.shell.context import AppContext
from gui.shell.window_state import MAIN_WINDOW_GEOMETRY, SERVER_URL

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    # File > Connect to a Shop Server… worked: (URL without password, password or "").
    server_chosen = Signal(str, str)

    def __init__(self, context: AppContext, *, locale: QLocale | None = None,
                 currency_symbol: str = "$", currency: str | None = None,
                 open_on_today: bool = False) -> None:
        super().__init__()
        self._context = context
        self._locale = locale
        self.setWindowTitle(self.tr("Regulars"))
        self.undo_stack = QUndoStack(self)

        self.sidebar_list = QListWidget()
        self.sidebar_list.setObjectName("sidebar")
        self.sidebar_list.setFixedWidth(170)
        self.sidebar_list.setIconSize(QSize(20, 20))
        self.sidebar_list.setSpacing(2)
        self.sidebar_list.setStyleSheet(
            "#sidebar { border: none; background: palette(window); font-size: 11pt; }"
            "#sidebar::item { padding: 8px 12px; border-radius: 6px; }"
            "#sidebar::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }"
        )
        self.pages_stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(8, 8, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar_list)
        layout.addWidget(self.pages_stack, 1)
        self.setCentralWidget(central)
        self.sidebar_list.currentRowChanged.connect(self._on_area_chosen)
        self._page_factories: dict[int, Callable[[], QWidget]] = {}

        # Today comes first: the owner's morning starts there (built when first shown, so
        # its imports stay off the path of a window opened on the customer list).
        self.today_page: QWidget | None = None
        self._today_row = self.pages_stack.count()
        self.add_lazy_page(self.tr("Today"), self._make_today_page)
        self.customers_page = CustomersPage(context, self.undo_stack, locale=locale,
                                            currency_symbol=currency_symbol,
                                            currency=currency)
        self.add_page(self.customers_page, self.tr("Customers"))
        self.cards_page: QWidget | None = None
        self._cards_row = self.pages_stack.count()
        self.add_lazy_page(self.tr("Cards & letters"), self._make_cards_page)
        self.listening_page: QWidget | None = None
        self._listening_row = self.pages_stack.count()
        self.add_lazy_page(self.tr("Listening"), self._make_listening_page)
        self.council_page: QWidget | None = None
        self._council_row = self.pages_stack.count()
        self.add_lazy_page(self.tr("Council"), self._make_council_page)
        self.customers_page.open_customer_requested.connect(self.open_customer)
        self.customers_page.new_customer_requested.connect(self.new_customer)
        self.list_unreadable_box: QMessageBox | None = None
        self.customers_page.model.read_failed.connect(self._on_list_unreadable)

        self._build_menus()
        self.customers_page.log_visit_action = self.log_visit_action  # in a row's menu
        self.customers_page.print_card_requested.connect(self.print_cards_for)
        self.database_label = QLabel(context.database.display_name)
        self.statusBar().addPermanentWidget(self.database_label)
        from gui.desks.who_is_working import WhoIsWorkingButton, restore_desk

        restore_desk()
        self.who_is_working = WhoIsWorkingButton(context)
        self.statusBar().addPermanentWidget(self.who_is_working)
        if context.read_only:
            self.statusBar().addPermanentWidget(QLabel(self.tr("Read-only")))
        context.status_posted.connect(lambda text: self.statusBar().showMessage(text, 8000))
        # Never larger than the screen (1280×800 laptops): the list's right edge stays in
        # view; on a wide screen, room for every column of the list.
        available = self.screen().availableGeometry()
        self.resize(min(1600, available.width()), min(900, available.height()))
        self._restore_window_state()
        self.customers_page.load()  # once, after the saved sort order is back
        self.sidebar_list.setCurrentRow(
            self._today_row if open_on_today else self.pages_stack.indexOf(self.customers_page))

    # -- areas ---------------------------------------------------------------------------

    def add_page(self, page: QWidget, title: str) -> None:
        """Add an area to the sidebar (only areas that work)."""
        self.pages_stack.addWidget(page)
        QListWidgetItem(title, self.sidebar_list)

    def add_lazy_page(self, title: str, factory: Callable[[], QWidget]) -> None:
        """An area whose page (and whose imports) are built the first time it is opened,
        so they stay off the startup path."""
        self._page_factories[self.pages_stack.count()] = factory
        self.add_page(QWidget(), title)

    def _on_area_chosen(self, row: int) -> None:
        factory = self._page_factories.pop(row, None)
        if factory is not None:
            placeholder = self.pages_stack.widget(row)
            self.pages_stack.insertWidget(row, factory())
            if placeholder is not None:
                self.pages_stack.removeWidget(placeholder)
                placeholder.deleteLater()
        self.pages_stack.setCurrentIndex(row)

    def _make_cards_page(self) -> QWidget:
        from gui.printing.page import CardsPage

        page = CardsPage(self._context, self.undo_stack)
        page.set_selection(tuple(self.customers_page.selected_ids()))
        self.customers_page.selection_changed.connect(
            lambda ids: page.set_selection(tuple(ids)))
        self.cards_page = page
        return page

    def _make_council_page(self) -> QWidget:
        from gui.council.page import CouncilPage

        page = CouncilPage(self._context, locale=self._locale)
        page.open_customer_requested.connect(self.open_customer)
        page.load()
        self.council_page = page
        return page

    def show_council(self) -> None:
        self.sidebar_list.setCurrentRow(self._council_row)

    def print_cards_for(self, customer_ids: list[int]) -> None:
        """Cards & letters, ready to print for these customers (a list row's menu)."""
        from gui.printing.page import WHO_SELECTION, CardsPage

        self.sidebar_list.setCurrentRow(self._cards_row)
        page = self.cards_page
        if isinstance(page, CardsPage):
            page.set_selection(tuple(customer_ids))
            page.who_combo.setCurrentIndex(WHO_SELECTION)
            page.tabs.setCurrentIndex(1)  # Print a batch

    def _make_today_page(self) -> QWidget:
        from gui.program.today_page import TodayPage

        page = TodayPage(self._context, locale=self._locale, undo_stack=self.undo_stack)
        page.open_customer_requested.connect(self.open_customer)
        page.load()
        self.today_page = page
        return page

    def _make_listening_page(self) -> QWidget:
        from gui.listening.page import ListeningPage

        page = ListeningPage(self._context, locale=self._locale)
        page.open_customer_requested.connect(self.open_customer)
        page.load()
        self.listening_page = page
        return page

    def show_listening(self) -> None:
        self.sidebar_list.setCurrentRow(self._listening_row)

    def show_sample_banner(self, back: Callable[[], object]) -> None:
        """Say that this is made-up sample data, with one click back to the shop's own."""
        from PySide6.QtWidgets import QPushButton, QSizePolicy, QToolBar

        self.sample_banner = QToolBar(self.tr("Sample data"))
        self.sample_banner.setObjectName("sample_banner")
        self.sample_banner.setMovable(False)
        self.sample_banner.setStyleSheet(
            "#sample_banner { background: #FFF1C2; border-bottom: 1px solid #E0C56E;"
            " padding: 4px 8px; }")
        label = QLabel(self.tr("<b>Sample data</b> — a made-up shop to look around in. "
                               "Nothing here mixes with your own customers."))
        self.sample_back_button = QPushButton(self.tr("Back to My Customers"))
        self.sample_back_button.clicked.connect(back)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.sample_banner.addWidget(label)
        self.sample_banner.addWidget(spacer)
        self.sample_banner.addWidget(self.sample_back_button)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.sample_banner)
        self.setWindowTitle(self.tr("Regulars — Sample data"))

    def start_program(self) -> None:
        """Keep the program evaluated from now on: on opening, at each new day, after
        changes (started after the first paint, off its path)."""
        from gui.program.evaluator import ProgramEvaluator

        self.program_evaluator = ProgramEvaluator(self._context)
        self.program_evaluator.start()

    def sidebar_titles(self) -> list[str]:
        return [self.sidebar_list.item(row).text() for row in range(self.sidebar_list.count())]

    def show_today(self) -> None:
        self.sidebar_list.setCurrentRow(self._today_row)

    def show_page(self, page: QWidget) -> None:
        self.sidebar_list.setCurrentRow(self.pages_stack.indexOf(page))

    # -- customer actions ----------------------------------------------------------------

    def new_customer(self) -> None:
        if not self._context.read_only:
            self.open_customer(None)

    def open_customer(self, customer_id: int | None) -> None:
        from gui.customers.editor import CustomerEditor

        editor = CustomerEditor(self._context, customer_id, self, undo_stack=self.undo_stack)
        editor.open_customer_requested.connect(self.open_customer)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.open()

    def log_visit(self) -> None:
        """Log a visit, purchase, call or meeting for the selected customer (Ctrl+L)."""
        from gui.visits.counter import log_visit_for_selection

        if log_visit_for_selection(self, self._context, self.customers_page,
                                   self.undo_stack) is None:
            self.show_page(self.customers_page)  # the status bar says what to choose there

    # -- menus ---------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], object],
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        writable = not self._context.read_only
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_action = self._action(self.tr("&New Customer…"), self.new_customer,
                                       QKeySequence.StandardKey.New)
        self.new_action.setEnabled(writable)
        file_menu.addAction(self.new_action)
        file_menu.addSeparator()
        self.import_action = self._action(self.tr("&Import Customers…"), self._on_import_triggered,
                                          QKeySequence("Ctrl+I"))
        self.import_action.setEnabled(writable)
        file_menu.addAction(self.import_action)
        self.import_visits_action = self._action(self.tr("Import &Visits and Purchases…"),
                                                 self._on_import_visits_triggered)
        self.import_visits_action.setEnabled(writable)
        file_menu.addAction(self.import_visits_action)
        self.import_history_action = self._action(self.tr("Import &History…"),
                                                  self._on_import_history_triggered)
        file_menu.addAction(self.import_history_action)
        self.export_menu = file_menu.addMenu(self.tr("&Export"))
        for text, kind in ((self.tr("Customers to &CSV…"), "csv"),
                           (self.tr("Customers to CSV for &Excel…"), "csv-excel"),
                           (self.tr("Contacts to &vCard…"), "vcard"),
                           (self.tr("Birthdays and Moments to Ca&lendar…"), "calendar")):
            self.export_menu.addAction(self._action(text, partial(self._on_export_triggered, kind)))
        file_menu.addSeparator()
        self.print_due_cards_action = self._action(self.tr("Print &Due Cards…"),
                                                   self._on_print_due_cards_triggered)
        self.print_due_cards_action.setEnabled(writable)
        file_menu.addAction(self.print_due_cards_action)
        file_menu.addSeparator()
        self.profile_action = self._action(self.tr("Business &Profile…"),
                                           self._on_profile_triggered)
        self.profile_action.setEnabled(writable)
        file_menu.addAction(self.profile_action)
        self.program_settings_action = self._action(self.tr("Appreciation P&rogram…"),
                                                    self._on_program_settings_triggered)
        self.program_settings_action.setEnabled(writable)
        file_menu.addAction(self.program_settings_action)
        file_menu.addSeparator()
        self.backup_action = self._action(self.tr("&Back Up Now"), self._on_backup_triggered)
        self.restore_action = self._action(self.tr("&Restore From Backup…"),
                                           self._on_restore_triggered)
        is_file = self._context.database.is_sqlite
        self.backup_action.setEnabled(is_file)
        self.restore_action.setEnabled(is_file and writable)
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        self.connect_server_action = self._action(self.tr("Connect to a Shop &Server…"),
                                                  self._on_connect_server_triggered)
        file_menu.addAction(self.connect_server_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit))
        self.file_menu = file_menu

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        edit_menu.addAction(self._action(self.tr("&Find Customer"), self._on_find_triggered,
                                         QKeySequence.StandardKey.Find))
        self.undo_action, self.redo_action = undo, redo

        customers_menu = self.menuBar().addMenu(self.tr("&Customers"))
        # Also the list rows' context menu's "Log Visit…" (window.log_visit_action).
        self.log_visit_action = self._action(self.tr("&Log Visit…"), self.log_visit,
                                             QKeySequence("Ctrl+L"))
        self.log_visit_action.setEnabled(writable)
        customers_menu.addAction(self.log_visit_action)
        self.customers_menu = customers_menu

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.getting_started_action = self._action(self.tr("&Getting Started"),
                                                   self._on_help_triggered,
                                                   QKeySequence.StandardKey.HelpContents)
        help_menu.addAction(self.getting_started_action)
        help_menu.addAction(self._action(self.tr("Open &Log Folder"), self._on_logs_triggered))
        help_menu.addAction(self._action(self.tr("&About Regulars"), self._on_about_triggered))

    def _on_import_triggered(self) -> None:
        from gui.interchange.import_wizard import ImportWizard

        ImportWizard(self._context, self).exec()

    def _on_import_visits_triggered(self) -> None:
        from gui.visits.import_visits_wizard import ImportVisitsWizard

        ImportVisitsWizard(self._context, self).exec()

    def _on_import_history_triggered(self) -> None:
        from gui.interchange.import_history_dialog import ImportHistoryDialog

        dialog = ImportHistoryDialog(self._context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exec()

    def _on_export_triggered(self, kind: str) -> None:
        from gui.interchange.export_actions import export_customers

        selected = self.customers_page.selected_ids()
        ids = selected if len(selected) > 1 else self.customers_page.model.all_ids()
        export_customers(self, self._context, ids, kind)

    def _on_print_due_cards_triggered(self) -> None:
        """Today's "Print Due Cards…", from any page: Today opens to show what prints."""
        from gui.program.today_page import TodayPage

        self.show_today()
        if isinstance(self.today_page, TodayPage):
            self.today_page.print_due_cards()

    def _on_find_triggered(self) -> None:
        self.show_page(self.customers_page)
        self.customers_page.focus_search()

    def _on_program_settings_triggered(self) -> None:
        from gui.program.settings_dialog import ProgramSettingsDialog

        ProgramSettingsDialog(self._context, self).exec()

    def _on_profile_triggered(self) -> None:
        from gui.settings.business_profile_dialog import BusinessProfileDialog

        BusinessProfileDialog(self._context, self).exec()

    def _on_backup_triggered(self) -> None:
        from core.store.backup import backup_database
        from core.store.faults import FaultAt

        from gui.shell.operations import run_long_job

        path = self._context.database.sqlite_path
        if path is None:
            return
        # Copying a large file takes seconds: off the GUI thread, behind a progress dialog.
        try:
            target = run_long_job(self, self.tr("Backing up…"),
                                  lambda _progress, _cancelled: backup_database(path))
        except (OSError, sqlite3.Error) as exc:  # a full disk names the backups' folder
            raise FaultAt(paths.backup_dir()) from exc
        self.statusBar().showMessage(self.tr("Backed up to %s") % target, 8000)

    def _on_restore_triggered(self) -> None:
        from gui.shell.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self._context.database, self)
        if dialog.exec() and dialog.restored:
            QMessageBox.information(
                self, self.tr("Backup restored"),
                self.tr("The backup is restored. Regulars will now close; open it again to "
                        "carry on with the restored customers."))
            self.close()

    def _on_connect_server_triggered(self) -> None:
        from gui.shell.server_dialog import ConnectServerDialog

        database = self._context.database
        dialog = ConnectServerDialog(self, current_url="" if database.is_sqlite
                                     else database.url)
        if not dialog.exec() or dialog.address is None:
            return
        url = dialog.address.url()  # no password in it: the keyring keeps that
        SERVER_URL.write(url)
        if dialog.keyring_missing:
            QMessageBox.information(self, self.tr("Password Not Kept"), self.tr(
                "This computer has no keyring to keep the password in, so Regulars will "
                "ask for it each time it opens the server."))
        self.server_chosen.emit(url, dialog.password)  # the host moves the window there

    def _on_list_unreadable(self, _error: BaseException) -> None:
        """The customer list met a read error (logged by the model): one message, not one
        per row, pointing at the backups."""
        if self.list_unreadable_box is not None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Customers Cannot Be Read"),
            self.tr("Some customers in %s cannot be read: the file may be damaged.")
            % self._context.database.display_name, parent=self)
        box.setInformativeText(self.tr(
            "Nothing more is read from it for now. Use File > Restore From Backup… to bring "
            "back a backup; the details are in the log."))
        self.list_unreadable_box = box
        box.open()

    def _on_logs_triggered(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.user_log_dir())))

    def _on_help_triggered(self) -> None:
        from gui.shell.help_dialog import HelpDialog

        HelpDialog(self).exec()

    def _on_about_triggered(self) -> None:
        from gui.shell.help_dialog import show_about

        show_about(self, self._context.database.display_name)

    # -- window state ---------------------------------------------------------------------

    def _restore_window_state(self) -> None:
        geometry = MAIN_WINDOW_GEOMETRY.read()
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        self.customers_page.columns.restore()

    def closeEvent(self, event: QCloseEvent) -> None:
        may_close = getattr(self.cards_page, "may_close", None)  # an unsaved template edit
        if may_close is not None and not may_close():
            self.show_page(self.cards_page)  # type: ignore[arg-type]  # may_close: it is there
            event.ignore()
            return
        MAIN_WINDOW_GEOMETRY.write(self.saveGeometry())
        self.customers_page.columns.save()
        super().closeEvent(event)
