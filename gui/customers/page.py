"""The Customers area: search, filter, sort and open customers; trash and undo."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.customers.queries import ListQuery, all_tags
from core.kernel.changes import Changes

from gui.customers.table_model import COL_NAME, CustomerTableModel
from gui.customers.texts import stage_labels
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
        self.search_edit.setPlaceholderText(self.tr("Search name, email, phone or postcode"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(320)
        pass_undo_to_app(self.search_edit, undo_stack)  # Ctrl+Z there reaches Edit > Undo
        self.stage_combo = QComboBox()
        self.stage_combo.addItem(self.tr("All stages"), None)
        for stage, label in stage_labels():
            self.stage_combo.addItem(label, stage)
        self.tag_combo = QComboBox()
        self.tag_combo.setMinimumWidth(140)
        self.sent_combo = _LazyComboBox(self._fill_sent_choices)
        self.sent_combo.addItem(self.tr("Any cards sent"), "")
        self.sent_combo.setToolTip(self.tr("Only customers who were sent this card this year"))
        self.sent_combo.setMinimumWidth(150)
        self.name_missing_button = QPushButton(self.tr("Name missing"))
        self.name_missing_button.setCheckable(True)
        self.name_missing_button.setToolTip(
            self.tr("Show only customers with no name yet (known by their email or phone)"))
        self.trash_button = QPushButton(self.tr("Trash"))
        self.trash_button.setCheckable(True)
        self.trash_button.setToolTip(self.tr("Show customers in the trash"))
        self.new_button = QPushButton(self.tr("New customer"))
        self.new_button.setToolTip(self.tr("Add a customer (Ctrl+N)"))
        self.delete_button = QPushButton(self.tr("Move to trash"))
        self.merge_button = QPushButton(self.tr("Merge…"))
        self.merge_button.setToolTip(self.tr("Merge two records of the same person"))
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setVisible(False)
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
        header = self.table_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((160, 185, 115, 95, 70, 75, 48, 92, 82, 92)):
            header.resizeSection(column, width)
        header.setMinimumSectionSize(50)
        self.table_view.viewport().installEventFilter(self)

        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 3)
        filters.addWidget(self.stage_combo)
        filters.addWidget(self.tag_combo)
        filters.addWidget(self.sent_combo)
        filters.addWidget(self.name_missing_button)
        filters.addWidget(self.trash_button)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.delete_button)
        actions.addWidget(self.merge_button)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addLayout(filters)
        layout.addWidget(self.table_view, 1)
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
        sent_template = self.sent_combo.currentData() or ""
        self.model.set_query(ListQuery(
            text=self.search_edit.text(), stage=self.stage_combo.currentData(),
            tag_id=self.tag_combo.currentData(), sort=sort, descending=descending,
            trash=self.trash_button.isChecked(), sent_template=sent_template,
            sent_since=dt.date(dt.date.today().year, 1, 1) if sent_template else None,
            name_missing=self.name_missing_button.isChecked(),
        ))

    def _on_trash_toggled(self, in_trash: bool) -> None:
        self.delete_button.setVisible(not in_trash)
        self.merge_button.setVisible(not in_trash)
        self.restore_button.setVisible(in_trash)
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
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_selection = self.table_view.selectionModel().hasSelection()
        writable = not self._context.read_only
        self.delete_button.setEnabled(has_selection and writable)
        self.merge_button.setEnabled(
            writable and not self.model.query.trash
            and len(self.table_view.selectionModel().selectedRows()) == 2)
        self.restore_button.setEnabled(has_selection and writable)
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

        for template in self._context.run(list_templates):
            self.sent_combo.addItem(
                self.tr("%s sent this year") % template.title, template.name)

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

