"""A customer's testimonials, on their record: the list, Capture… from there, and each one
opened in full (release, uses, files, history) in its own window."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.kernel.changes import Changes
from core.program.clock import shop_today
from core.testimonials.services import list_testimonials
from core.testimonials.types import TestimonialRow

from gui.customers.editor_history import format_day
from gui.shell.context import AppContext
from gui.testimonials.capture_dialog import CaptureDialog, ask_to_capture
from gui.testimonials.detail import TestimonialPanel
from gui.testimonials.model import COL_CUSTOMER, TestimonialsModel, testimonials_view
from gui.testimonials.release_printing import ReleaseFormsDialog, default_paper
from gui.widgets.sizing import size_to_screen


def show_release_forms(parent: QWidget, context: AppContext, ids: list[int],
                       today: dt.date, locale: QLocale) -> ReleaseFormsDialog:
    dialog = ReleaseFormsDialog(context, ids, parent, today=today,
                                default_paper=default_paper(locale))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class TestimonialDialog(QDialog):
    """One testimonial in full, with everything that can be done with it."""

    __test__ = False  # pytest: not a test class

    def __init__(self, context: AppContext, testimonial_id: int, parent: QWidget | None, *,
                 locale: QLocale, format_day: Callable[[dt.date], str],
                 today: Callable[[], dt.date]) -> None:
        super().__init__(parent)
        self._context = context
        self._locale = locale
        self._today = today
        self.panel = TestimonialPanel(context, locale=locale, format_day=format_day,
                                      today=today)
        self.panel.print_requested.connect(
            lambda ids: show_release_forms(self, context, list(ids), today(), locale))
        self.panel.change_requested.connect(self._change)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.panel.show_testimonial(testimonial_id)
        row = self.panel.row
        self.setWindowTitle(self.tr("Testimonial – %1").replace(
            "%1", row.customer_name if row else ""))
        size_to_screen(self, (720, 560), (980, 760))

    def _change(self, row: TestimonialRow) -> None:
        dialog = CaptureDialog(self._context, self, testimonial=row, locale=self._locale)
        dialog.exec()
        dialog.deleteLater()  # see release_dialogs.run_dialog


class TestimonialsTab(QWidget):
    """The customer's testimonials, newest first. A new customer has none until saved."""

    __test__ = False  # pytest: not a test class

    def __init__(self, context: AppContext, customer_id: int | None, locale: str, *,
                 today: Callable[[], dt.date] = shop_today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._customer_id = customer_id
        self._customer_name = ""
        self._today = today
        self._locale = QLocale(locale)
        self._format_day: Callable[[dt.date], str] = partial(format_day, locale)
        self.open_dialog: TestimonialDialog | None = None
        self.model = TestimonialsModel(self._format_day, self)
        self.table = testimonials_view(self.model)
        self.table.setColumnHidden(COL_CUSTOMER, True)  # all theirs
        self.table.doubleClicked.connect(lambda _index: self.open_chosen())
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.capture_button = QPushButton(self.tr("Capture a Testimonial…"))
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setToolTip(self.tr(
            "See it in full: its release, where it is used, its files and its history"))
        self.capture_button.clicked.connect(self.capture)
        self.open_button.clicked.connect(self.open_chosen)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        buttons = QHBoxLayout()
        buttons.addWidget(self.capture_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        context.changes_applied.connect(self.on_changes)
        self._update_buttons()

    def load(self, customer_name: str = "") -> None:
        if customer_name:
            self._customer_name = customer_name
        rows: list[TestimonialRow] = []
        if self._customer_id is not None:
            rows = self._context.read(list_testimonials, today=self._today(),
                                      customer_id=self._customer_id)
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        self.empty_label.setText(
            self.tr("Save the new customer first; then their testimonials are kept here.")
            if self._customer_id is None else self.tr(
                "No testimonial from this customer yet. When they tell you what they think "
                "of you, press Capture a Testimonial… and type their words exactly as said."))
        self._update_buttons()

    def on_changes(self, changes: Changes) -> None:
        if changes.testimonials and self._customer_id is not None:
            self.load()

    def chosen(self) -> TestimonialRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        self.capture_button.setEnabled(self._customer_id is not None
                                       and not self._context.read_only)
        self.open_button.setEnabled(self.chosen() is not None)

    def capture(self) -> int | None:
        if self._customer_id is None:
            return None
        saved = ask_to_capture(self, self._context, locale=self._locale,
                               customer=(self._customer_id, self._customer_name))
        if saved is not None:
            self.load()
            self.table.selectRow(max(0, self.model.row_of(saved)))
        return saved

    def open_chosen(self) -> TestimonialDialog | None:
        row = self.chosen()
        if row is None:
            return None
        dialog = TestimonialDialog(self._context, row.id, self, locale=self._locale,
                                   format_day=self._format_day, today=self._today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.open_dialog = dialog
        dialog.open()
        return dialog
