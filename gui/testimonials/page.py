"""Testimonials: every customer's story with its release, filtered by state, the one
chosen in full beside the list, and the take-down list whenever a release has ended.

The list is read as a background query, and again when an operation anywhere changes
testimonials or customers."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QItemSelectionModel, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.kernel.changes import Changes
from core.program.clock import shop_today
from core.settings.profile import get_business_profile
from core.testimonials.services import list_testimonials
from core.testimonials.types import (
    DECLINED,
    EXPIRED,
    NOT_REQUESTED,
    REQUESTED,
    REVOKED,
    SIGNED,
    TestimonialRow,
)

from gui.customers.editor_history import format_day
from gui.shell.context import AppContext
from gui.testimonials.capture_dialog import CaptureDialog, ask_to_capture
from gui.testimonials.detail import TestimonialPanel
from gui.testimonials.model import (
    COL_CUSTOMER,
    COL_GIVEN,
    TestimonialsModel,
    testimonials_view,
)
from gui.testimonials.release_printing import ReleaseFormsDialog, default_paper
from gui.testimonials.texts import TestimonialCounts, state_text

ALL, TAKE_DOWN = "", "take_down"
SIDE_BY_SIDE_WIDTH = 1500  # the page's width from which list and panel sit side by side
FILTERS = (ALL, TAKE_DOWN, NOT_REQUESTED, REQUESTED, SIGNED, DECLINED, REVOKED, EXPIRED)


class TestimonialsPage(QWidget):
    __test__ = False  # pytest: not a test class
    open_customer_requested = Signal(int)
    rows_shown = Signal()  # a list read has been shown

    def __init__(self, context: AppContext, *, today: Callable[[], dt.date] = shop_today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._today = today
        profile = context.read(get_business_profile)
        self._locale = QLocale(profile.locale)
        self._format_day: Callable[[dt.date], str] = partial(format_day, profile.locale)
        self.loaded = False
        self.takedown_dialog: QWidget | None = None

        title = QLabel(self.tr("Testimonials"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.takedown_banner = QFrame()
        self.takedown_banner.setObjectName("takedown_banner")
        self.takedown_banner.setStyleSheet(
            "#takedown_banner { background: #fee2e2; border: 1px solid #f87171;"
            " border-radius: 6px; } #takedown_banner QLabel { color: #7f1d1d; }")
        self.takedown_label = QLabel()
        self.takedown_label.setWordWrap(True)
        self.show_takedowns_button = QPushButton(self.tr("Open the Checklist"))
        self.show_takedowns_button.clicked.connect(self.show_takedowns)
        banner = QHBoxLayout(self.takedown_banner)
        banner.addWidget(self.takedown_label, 1)
        banner.addWidget(self.show_takedowns_button)
        self.takedown_banner.hide()

        self.filter_combo = QComboBox()
        for code in FILTERS:
            self.filter_combo.addItem(self._filter_text(code), code)
        self.filter_combo.currentIndexChanged.connect(lambda _i: self.load())
        self.count_label = QLabel()
        self.capture_button = QPushButton(self.tr("Capture a Testimonial…"))
        self.capture_button.setEnabled(not context.read_only)
        self.print_forms_button = QPushButton(self.tr("Print Release Forms…"))
        self.print_forms_button.setToolTip(self.tr(
            "Print the release form of each chosen testimonial (choose several with Ctrl "
            "or Shift), one page each"))
        self.export_button = QPushButton(self.tr("Export for…"))
        self.export_button.setToolTip(self.tr(
            "Write the testimonials one place may use (a website, social media, print) as "
            "a file"))
        self.wording_button = QPushButton(self.tr("Form Wording…"))
        self.wording_button.setToolTip(self.tr("Change the words the release form says"))
        self.wording_button.setEnabled(not context.read_only)
        self.wording_button.clicked.connect(self.edit_wording)
        self.capture_button.clicked.connect(self.capture)
        self.print_forms_button.clicked.connect(lambda: self.print_forms(self.selected_ids()))
        self.export_button.clicked.connect(self.export)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Show:")))
        bar.addWidget(self.filter_combo)
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        bar.addWidget(self.capture_button)
        bar.addWidget(self.print_forms_button)
        bar.addWidget(self.export_button)
        bar.addWidget(self.wording_button)

        self.model = TestimonialsModel(self._format_day, self)
        self.table = testimonials_view(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setColumnHidden(COL_GIVEN, True)  # the chosen one's panel says it
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._on_chosen())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_menu)
        self.table.doubleClicked.connect(lambda _index: self._open_chosen_customer())
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("font-size: 11pt; padding: 12px 0;")
        self.empty_label.hide()

        self.panel = TestimonialPanel(context, locale=self._locale,
                                      format_day=self._format_day, today=today)
        self.panel.print_requested.connect(self.print_forms)
        self.panel.change_requested.connect(self.change)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.empty_label)
        left_layout.addWidget(self.table, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.panel)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        left.setMinimumSize(360, 150)
        self.panel.setMinimumWidth(460)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.takedown_banner)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self._update_buttons()
        context.changes_applied.connect(self.on_changes)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Side by side where the screen is wide; on a laptop the list goes above the
        chosen testimonial, so that neither has its columns or words cut."""
        super().resizeEvent(event)
        wide = event.size().width() >= SIDE_BY_SIDE_WIDTH
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            total = self.splitter.width() if wide else self.splitter.height()
            self.splitter.setSizes([total * 9 // 20, total * 11 // 20] if wide
                                   else [total // 3, total - total // 3])

    def _filter_text(self, code: str) -> str:
        if code == ALL:
            return self.tr("All testimonials")
        if code == TAKE_DOWN:
            return self.tr("Still to take down")
        return state_text(code)

    # -- reading ----------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        if (changes.testimonials or changes.customers) and self.loaded:
            self.load()

    def current_filter(self) -> str:
        return str(self.filter_combo.currentData())

    def set_filter(self, code: str) -> None:
        self.filter_combo.setCurrentIndex(max(0, self.filter_combo.findData(code)))

    def load(self, *, choose: int | None = None) -> None:
        """Read the list (all of it: the banner counts every open take-down) and show it."""
        self.loaded = True
        self._context.operations.query(list_testimonials, today=self._today(),
                                       on_done=lambda rows: self.show_rows(rows, choose))

    def show_rows(self, rows: list[TestimonialRow], choose: int | None = None) -> None:
        chosen = [choose] if choose is not None else self.selected_ids()
        takedowns = sum(row.takedowns_open for row in rows)
        self.takedown_label.setText(TestimonialCounts().takedowns(takedowns))
        self.takedown_banner.setVisible(takedowns > 0)
        wanted = self.current_filter()
        if wanted == TAKE_DOWN:
            shown = [row for row in rows if row.takedowns_open]
        elif wanted:
            shown = [row for row in rows if row.release_state == wanted]
        else:
            shown = rows
        self.model.set_rows(shown)
        self.count_label.setText(TestimonialCounts().shown(len(shown)))
        self.empty_label.setVisible(not shown)
        self.empty_label.setText(self._empty_text(bool(rows)))
        self.table.setVisible(bool(shown))
        self.table.resizeColumnToContents(COL_CUSTOMER)
        self.select_ids([i for i in chosen if self.model.row_of(i) >= 0] or
                        ([shown[0].id] if shown else []))
        self._on_chosen()
        self.rows_shown.emit()

    def _empty_text(self, any_at_all: bool) -> str:
        if not any_at_all:
            return self.tr(
                "No testimonials yet. When a happy customer tells you what they think, "
                "press Capture a Testimonial… and type their words exactly as said. Then "
                "print the release form for them to sign: only what they release is used.")
        if self.current_filter() == TAKE_DOWN:
            return self.tr("Nothing to take down: every place showing a testimonial still "
                           "has its release.")
        return self.tr("No testimonial in this state.")

    # -- choosing ---------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [r.id for row in rows if (r := self.model.row_at(row)) is not None]

    def select_ids(self, ids: list[int]) -> None:
        selection = self.table.selectionModel()
        rows = [row for i in ids if (row := self.model.row_of(i)) >= 0]
        selection.blockSignals(True)  # the panel is shown once, by the caller
        selection.clearSelection()
        for row in rows:
            selection.select(self.model.index(row, 0),
                             QItemSelectionModel.SelectionFlag.Select
                             | QItemSelectionModel.SelectionFlag.Rows)
        if rows:
            selection.setCurrentIndex(self.model.index(rows[0], 0),
                                      QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(self.model.index(rows[0], 0))
        selection.blockSignals(False)
        self.table.viewport().update()

    def _on_chosen(self) -> None:
        ids = self.selected_ids()
        self.panel.show_testimonial(ids[0] if len(ids) == 1 else None)
        if len(ids) > 1:
            self.panel.empty_label.setText(self.tr(
                "%n testimonial(s) chosen: Print Release Forms… prints a page for each.", "",
                len(ids)))
        else:
            self.panel.empty_label.setText(self.tr("Choose a testimonial to see it here."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        writable = not self._context.read_only
        printable = [row for row in self._selected_rows()
                     if row.release_state in (NOT_REQUESTED, REQUESTED)]
        self.print_forms_button.setEnabled(writable and bool(printable))

    def _selected_rows(self) -> list[TestimonialRow]:
        return [row for i in self.selected_ids()
                if (row := self.model.row_at(self.model.row_of(i))) is not None]

    def _show_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        for button in (self.panel.change_button, self.print_forms_button,
                       self.panel.sign_button, self.panel.decline_button,
                       self.panel.revoke_button):
            action = menu.addAction(button.text(), button.click)
            action.setEnabled(button.isEnabled())
        menu.addSeparator()
        menu.addAction(self.tr("Open Customer"), self._open_chosen_customer)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def _open_chosen_customer(self) -> None:
        rows = self._selected_rows()
        if rows:
            self.open_customer_requested.emit(rows[0].customer_id)

    # -- doing ------------------------------------------------------------------------

    def capture(self) -> int | None:
        saved = ask_to_capture(self, self._context, locale=self._locale)
        if saved is not None:
            self.set_filter(ALL)
            self.load(choose=saved)
            self._context.post_status(self.tr("Testimonial captured. Next: print the release "
                                              "form for the customer to sign."))
        return saved

    def change(self, row: TestimonialRow) -> None:
        dialog = CaptureDialog(self._context, self, testimonial=row, locale=self._locale)
        dialog.exec()
        dialog.deleteLater()

    def print_forms(self, ids: list[int]) -> ReleaseFormsDialog | None:
        rows = {row.id: row for row in self.model.rows()}
        printable = [i for i in ids if i in rows
                     and rows[i].release_state in (NOT_REQUESTED, REQUESTED)]
        if not printable or self._context.read_only:
            return None
        dialog = ReleaseFormsDialog(self._context, printable, self, today=self._today(),
                                    default_paper=default_paper(self._locale))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_takedowns(self) -> None:
        from gui.testimonials.takedown_dialog import TakedownDialog

        dialog = TakedownDialog(self._context, self, today=self._today,
                                format_day=self._format_day)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.takedown_dialog = dialog
        dialog.open()

    def edit_wording(self) -> None:
        from gui.testimonials.wording_dialog import ReleaseWordingDialog

        chosen = self.selected_ids()
        rows = self.model.rows()
        sample = chosen[0] if chosen else (rows[0].id if rows else None)
        dialog = ReleaseWordingDialog(self._context, self, sample_id=sample,
                                      today=self._today())
        dialog.exec()
        dialog.deleteLater()  # see release_dialogs.run_dialog

    def export(self) -> None:
        from gui.testimonials.export_dialog import ExportDialog

        dialog = ExportDialog(self._context, self, today=self._today(), locale=self._locale)
        dialog.exec()
        dialog.deleteLater()
