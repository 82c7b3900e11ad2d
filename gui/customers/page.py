"""The Customers area: search, filter, sort and open customers; trash and undo."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.customers.queries import ListQuery, all_tags
from core.kernel.changes import Changes

from gui.customers.empty_list import EmptyListPanel
from gui.customers.list_columns import ListColumns
from gui.customers.sent_filter import read_sent_choice, sent_choices
from gui.customers.stage_texts import explain_stage_choices
from gui.customers.table_model import COL_NAME, CustomerTableModel
from gui.customers.texts import no_match_text, stage_labels
from gui.customers.undo_commands import MergeCommand, TrashCommand, pass_undo_to_app
from gui.shell.context import AppContext
from gui.shell.wording import with_count

if TYPE_CHECKING:
    from core.settings.types import BusinessProfileData

SEARCH_DELAY_MS = 60  # long enough to coalesce fast typing, short enough to feel instant


def money_format(locale_name: str, currency: str | None) -> tuple[QLocale, str]:
    """The shop's locale and the symbol its money is shown with."""
    locale = QLocale(locale_name)
    symbol = locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencySymbol)
    if currency and currency != locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode):
        symbol = currency + " "
    return locale, symbol


class _LazyComboBox(QComboBox):
    """Fills the rest of its items the first time it opens."""

    def __init__(self, fill: Callable[[], None]) -> None:
        super().__init__()
        self._fill: Callable[[], None] | None = fill

    @property
    def filled(self) -> bool:
        return self._fill is None

    def showPopup(self) -> None:
        if self._fill is not None:
            fill, self._fill = self._fill, None
            fill()
        super().showPopup()


class CustomersPage(QWidget):
    open_customer_requested = Signal(int)
    selection_changed = Signal(list)  # the selected customer ids
    new_customer_requested = Signal()
    print_card_requested = Signal(list)  # the customer ids a row's menu chose
    first_rows_painted = Signal()

    def __init__(self, context: AppContext, undo_stack: QUndoStack,
                 parent: QWidget | None = None, *, locale: QLocale | None = None,
                 currency_symbol: str = "$", currency: str | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._undo_stack = undo_stack
        self._painted = False
        self._locale = locale or QLocale()

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(
            self.tr("Search name, organisation, email, phone, postcode or tag"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(360)
        pass_undo_to_app(self.search_edit, undo_stack)  # Ctrl+Z there reaches Edit > Undo
        self.stage_combo = QComboBox()
        self.stage_combo.addItem(self.tr("All stages"), None)
        for stage, label in stage_labels():
            self.stage_combo.addItem(label, stage)
        self.stage_tips = explain_stage_choices(self.stage_combo, context)  # each rule
        self.tag_combo = QComboBox()
        self.tag_combo.setMinimumWidth(140)
        self.sent_combo = _LazyComboBox(self._fill_sent_choices)
        self.sent_combo.addItem(self.tr("Any cards sent"), "")
        self.sent_combo.setToolTip(self.tr("Customers who were sent, or not sent, a card or "
                                           "letter this year"))
        self.sent_combo.setMinimumWidth(150)
        self.name_missing_button = QPushButton(self.tr("Name missing"))
        self.name_missing_button.setCheckable(True)
        self.name_missing_button.setToolTip(
            self.tr("Show only customers with no name yet (known by their email or phone)"))
        self.trash_button = QPushButton(self.tr("Trash"))
        self.trash_button.setCheckable(True)
        self.trash_button.setToolTip(self.tr("Show customers in the trash"))
        self.new_button = QPushButton(self.tr("New Customer"))
        self.new_button.setToolTip(self.tr("Add a customer (Ctrl+N)"))
        self.delete_button = QPushButton(self.tr("Move to Trash"))
        self.merge_button = QPushButton(self.tr("Merge…"))
        self.merge_button.setToolTip(self.tr("Merge two records of the same person"))
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setVisible(False)
        self.empty_trash_button = QPushButton(self.tr("Empty Trash…"))
        self.empty_trash_button.setToolTip(self.tr("Delete every customer in the trash for good"))
        self.empty_trash_button.setVisible(False)
        # The window's Log Visit action (Ctrl+L), offered in a row's context menu too.
        self.log_visit_action: QAction | None = None
        self.count_label = QLabel()
        self.count_label.setMinimumWidth(150)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.model = CustomerTableModel(context.database.raw(), locale=locale,
                                        currency_symbol=currency_symbol, currency=currency)
        self.table_view = QTableView()
        self.table_view.setModel(self.model)
        self.table_view.setSortingEnabled(True)
        self.table_view.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_view.setAlternatingRowColors(True)
        self.table_view.setWordWrap(False)
        self.table_view.verticalHeader().setVisible(False)
        # Fixed row heights: the view never measures 100,000 rows to lay them out.
        self.table_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table_view.verticalHeader().setDefaultSectionSize(
            self.table_view.fontMetrics().height() + 10)
        self.columns = ListColumns(self.table_view, self.model)
        self.table_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table_view.customContextMenuRequested.connect(self._on_row_menu_requested)
        self.table_view.viewport().installEventFilter(self)
        self.empty_panel = EmptyListPanel()
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table_view)
        self.list_stack.addWidget(self.empty_panel)

        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 3)
        filters.addWidget(self.stage_combo)
        filters.addWidget(self.tag_combo)
        filters.addWidget(self.sent_combo)
        filters.addWidget(self.name_missing_button)
        filters.addWidget(self.trash_button)
        filters.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.delete_button)
        actions.addWidget(self.merge_button)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)
        # Under the list, like a status bar: the top row keeps its room for the filters.
        actions.addWidget(self.count_label)
        actions.addWidget(self.empty_trash_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addLayout(filters)
        layout.addWidget(self.list_stack, 1)
        layout.addLayout(actions)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filters)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self._apply_filters)
        self.stage_combo.currentIndexChanged.connect(self._apply_filters)
        self.tag_combo.currentIndexChanged.connect(self._apply_filters)
        self.sent_combo.currentIndexChanged.connect(self._apply_filters)
        self.name_missing_button.toggled.connect(self._apply_filters)
        self.trash_button.toggled.connect(self._on_trash_toggled)
        self.new_button.clicked.connect(self.new_customer_requested)
        self.delete_button.clicked.connect(self.move_selection_to_trash)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.empty_trash_button.clicked.connect(self.empty_trash)
        self.empty_panel.clear_requested.connect(self.clear_search_and_filters)
        self.merge_button.clicked.connect(self._on_merge_clicked)
        self.table_view.doubleClicked.connect(self._on_row_activated)
        self.table_view.activated.connect(self._on_row_activated)
        self.model.modelReset.connect(self._update_count)
        self.table_view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        context.changes_applied.connect(self.on_changes)
        self.trash_action = QAction(self.tr("Move to Trash"), self)
        self.trash_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.trash_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.trash_action.triggered.connect(self.move_selection_to_trash)
        self.table_view.addAction(self.trash_action)

        self._reload_tags()
        self._update_count()
        self._update_buttons()

    # -- public ------------------------------------------------------------------------

    def load(self) -> None:
        """Read the list for the first time (after the window has restored its sort order)."""
        self.model.refresh()

    def clear_search_and_filters(self) -> None:
        """Show every customer again (in the trash: everyone in it)."""
        for widget in (self.search_edit, self.stage_combo, self.tag_combo, self.sent_combo,
                       self.name_missing_button):
            widget.blockSignals(True)
        self.search_edit.clear()
        for combo in (self.stage_combo, self.tag_combo, self.sent_combo):
            combo.setCurrentIndex(0)
        self.name_missing_button.setChecked(False)
        for widget in (self.search_edit, self.stage_combo, self.tag_combo, self.sent_combo,
                       self.name_missing_button):
            widget.blockSignals(False)
        self._apply_filters()
        self.search_edit.setFocus()

    def empty_trash(self) -> int | None:
        """Ask, then delete everyone in the trash for good; the undo history of moves to
        the trash goes too, as those customers cannot come back."""
        from gui.customers.trash import TrashEmptier

        deleted = TrashEmptier(self, self._context, self._locale).run()
        if deleted:
            self._undo_stack.clear()
        return deleted

    def row_menu(self) -> QMenu:
        """A row's context menu, for the selected customers."""
        ids = self.selected_ids()
        writable = not self._context.read_only
        in_trash = self.model.query.trash
        menu = QMenu(self)
        open_action = menu.addAction(self.tr("Open"), self._on_row_activated)
        open_action.setEnabled(len(ids) == 1)
        menu.setDefaultAction(open_action)
        if not in_trash:
            if self.log_visit_action is not None:
                menu.addAction(self.log_visit_action)
            print_action = menu.addAction(self.tr("Print a Card…"),
                                          lambda: self.print_card_requested.emit(ids))
            print_action.setEnabled(bool(ids))
            menu.addSeparator()
            menu.addAction(self.trash_action)
        else:
            menu.addSeparator()
            restore = menu.addAction(self.tr("Restore"), self._on_restore_clicked)
            restore.setEnabled(bool(ids) and writable)
        return menu

    def _on_row_menu_requested(self, position: QPoint) -> None:
        index = self.table_view.indexAt(position)
        if not index.isValid():
            return
        if not self.table_view.selectionModel().isRowSelected(index.row()):
            self.table_view.selectRow(index.row())
        self.row_menu().exec(self.table_view.viewport().mapToGlobal(position))

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def refresh(self) -> None:
        """Read the tags and rows again; the selection and scroll position stay put."""
        self._reload_tags()
        self.model.refresh_rows()
        self._update_count()

    def on_changes(self, changes: Changes) -> None:
        """Refresh what the list shows, and only that."""
        if changes.settings:
            from core.settings.profile import get_business_profile  # the ORM: not at start

            self._context.operations.query(get_business_profile, on_done=self.apply_profile)
        if changes.templates:
            self._refill_sent_choices()
        # Print items count too: the list filters on "card sent this year".
        if changes.customers or changes.interactions or (
                changes.batches and self.model.query.sent_template):
            # A visit logged at the counter: just its customer's row, where it stays put.
            if (changes.customer_ids and not changes.batches
                    and self.model.refresh_customers(changes.customer_ids)):
                self._reload_tags()
            else:
                self.refresh()

    def apply_profile(self, profile: BusinessProfileData) -> None:
        """Show money and phone numbers the way the shop's business profile says."""
        from core.customers.validation import format_phone

        locale, symbol = money_format(profile.locale, profile.currency)
        self._locale = locale
        region = profile.region
        self.model.set_formats(locale=locale, currency_symbol=symbol, currency=profile.currency,
                               phone_formatter=lambda phone: format_phone(phone, region))
        self._update_count()

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table_view.selectionModel().selectedRows()})
        return [self.model.customer_id(row) for row in rows]

    def current_query(self) -> ListQuery:
        return self.model.query

    def move_selection_to_trash(self) -> None:
        ids = self.selected_ids()
        if not ids or self.model.query.trash or self._context.read_only:
            return
        text = with_count(self.tr("Move %1 Customer(s) to Trash", "", len(ids)), len(ids),
                          self._locale)
        self._undo_stack.push(TrashCommand(self._context, ids, text, to_trash=True))
        self._context.post_status(
            with_count(self.tr("Moved %1 customer(s) to the trash. Ctrl+Z undoes.", "",
                               len(ids)), len(ids), self._locale))

    # -- slots -------------------------------------------------------------------------

    def _apply_filters(self) -> None:
        self._search_timer.stop()
        sort, descending = self.model.query.sort, self.model.query.descending
        sent_template, sent_missing = read_sent_choice(self.sent_combo.currentData())
        self.model.set_query(ListQuery(
            text=self.search_edit.text(), stage=self.stage_combo.currentData(),
            tag_id=self.tag_combo.currentData(), sort=sort, descending=descending,
            trash=self.trash_button.isChecked(), sent_template=sent_template,
            sent_since=dt.date(dt.date.today().year, 1, 1) if sent_template else None,
            sent_missing=sent_missing,
            name_missing=self.name_missing_button.isChecked(),
        ))

    def _on_trash_toggled(self, in_trash: bool) -> None:
        self.delete_button.setVisible(not in_trash)
        self.merge_button.setVisible(not in_trash)
        self.restore_button.setVisible(in_trash)
        self.empty_trash_button.setVisible(in_trash)
        self.columns.show_trash(in_trash)
        self.new_button.setEnabled(not in_trash and not self._context.read_only)
        self._apply_filters()

    def _on_restore_clicked(self) -> None:
        ids = self.selected_ids()
        if ids:
            text = with_count(self.tr("Restore %1 Customer(s)", "", len(ids)), len(ids),
                              self._locale)
            self._undo_stack.push(TrashCommand(self._context, ids, text, to_trash=False))

    def _on_merge_clicked(self) -> None:
        from gui.customers.merge_dialog import MergeDialog

        ids = self.selected_ids()
        if len(ids) != 2:
            return
        first, second = (self.model.row_of(r) for r in sorted(
            index.row() for index in self.table_view.selectionModel().selectedRows()))
        dialog = MergeDialog(first, second, self)
        if dialog.exec():
            keep_id, other_id = dialog.keep_and_other()
            self._undo_stack.push(MergeCommand.merge(
                self._context, keep_id=keep_id, other_id=other_id,
                text=self.tr("Merge %1 and %2").replace("%1", first.display_name).replace(
                    "%2", second.display_name)))
            self._context.post_status(self.tr("Merged the two records. Ctrl+Z undoes."))

    def _on_row_activated(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.open_customer_requested.emit(ids[0])

    def _on_selection_changed(self) -> None:
        self._update_buttons()
        self.selection_changed.emit(self.selected_ids())

    def _update_count(self) -> None:
        count = self.model.rowCount()
        if self.model.query.trash:
            text = self.tr("%1 customer(s) in the trash", "", count)
        else:
            text = self.tr("%1 customer(s)", "", count)
        self.count_label.setText(with_count(text, count, self._locale))
        self._show_list_or_why_empty(count)
        self._update_buttons()

    def _show_list_or_why_empty(self, count: int) -> None:
        query = self.model.query
        filtered = bool(query.stage or query.tag_id is not None or query.sent_template
                        or query.name_missing)
        searched = bool(query.text.strip() or filtered)
        if count or self.model.failure is not None or not (searched or query.trash):
            self.list_stack.setCurrentWidget(self.table_view)
            return
        if searched:
            self.empty_panel.show_message(no_match_text(query.text, filtered), can_clear=True)
        else:
            self.empty_panel.show_message(self.tr("The trash is empty."), can_clear=False)
        self.list_stack.setCurrentWidget(self.empty_panel)

    def _update_buttons(self) -> None:
        has_selection = self.table_view.selectionModel().hasSelection()
        writable = not self._context.read_only
        self.delete_button.setEnabled(has_selection and writable)
        self.merge_button.setEnabled(
            writable and not self.model.query.trash
            and len(self.table_view.selectionModel().selectedRows()) == 2)
        self.restore_button.setEnabled(has_selection and writable)
        self.empty_trash_button.setEnabled(writable and self.model.rowCount() > 0)
        self.new_button.setEnabled(writable and not self.model.query.trash)

    def _refill_sent_choices(self) -> None:
        """Template titles changed: read them again (if they were read at all)."""
        if not self.sent_combo.filled:
            return
        current = self.sent_combo.currentData()
        self.sent_combo.blockSignals(True)
        while self.sent_combo.count() > 1:
            self.sent_combo.removeItem(1)
        self._fill_sent_choices()
        self.sent_combo.setCurrentIndex(max(self.sent_combo.findData(current), 0))
        self.sent_combo.blockSignals(False)

    def _fill_sent_choices(self) -> None:
        """The templates, read when the list first opens (it needs the ORM: not at start)."""
        from core.printing.templates import list_templates

        for label, choice in sent_choices(self._context.run(list_templates)):
            self.sent_combo.addItem(label, choice)

    def _reload_tags(self) -> None:
        current = self.tag_combo.currentData()
        self.tag_combo.blockSignals(True)
        self.tag_combo.clear()
        self.tag_combo.addItem(self.tr("All tags"), None)
        for tag_id, name in all_tags(self._context.database.raw()):
            self.tag_combo.addItem(name, tag_id)
        found = self.tag_combo.findData(current)
        self.tag_combo.setCurrentIndex(max(found, 0))
        self.tag_combo.blockSignals(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (not self._painted and watched is self.table_view.viewport()
                and event.type() == QEvent.Type.Paint):
            self._painted = True
            QTimer.singleShot(0, self.first_rows_painted.emit)
        return False

