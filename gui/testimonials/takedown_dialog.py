"""The take-down checklist: every place still showing a testimonial whose release was
withdrawn or has expired, across all customers, each ticked off once it is gone."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.kernel.changes import Changes
from core.kernel.desk import who_is_at_the_desk
from core.testimonials.services import takedown_checklist, tick_off_use
from core.testimonials.types import EXPIRED, TakedownItem

from gui.printing.texts import fill
from gui.shell.context import AppContext
from gui.testimonials.texts import TestimonialCounts, place_kind_text
from gui.widgets.sizing import size_to_screen
from gui.widgets.text_table import TextTableModel, read_only_view

COL_CUSTOMER, COL_WHERE, COL_WHAT, COL_ENDED = range(4)


class TakedownDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date],
                 format_day: Callable[[dt.date], str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Take-Down Checklist"))
        self._context = context
        self._today = today
        self._format_day = format_day
        self.items: list[TakedownItem] = []
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.model = TextTableModel([self.tr("Customer"), self.tr("Where"), self.tr("What"),
                                     self.tr("Why it must go")], self)
        self.table = read_only_view(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_WHERE, QHeaderView.ResizeMode.Stretch)
        self.taken_down_button = QPushButton(self.tr("Taken Down"))
        self.taken_down_button.setToolTip(self.tr(
            "Tick off the chosen places: the testimonial is no longer shown there"))
        self.taken_down_button.clicked.connect(self.tick_off_chosen)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        buttons = QHBoxLayout()
        buttons.addWidget(self.taken_down_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        size_to_screen(self, (640, 320), (1000, 460))
        context.changes_applied.connect(self.on_changes)
        self.load()

    def on_changes(self, changes: Changes) -> None:
        if changes.testimonials:
            self.load()

    def load(self) -> None:
        self.items = list(self._context.read(takedown_checklist, today=self._today()))
        self.model.set_rows([
            (item.customer_name, item.where,
             place_kind_text(item.place_kind),
             fill(self.tr("Expired %1") if item.reason == EXPIRED else self.tr("Withdrawn %1"),
                  self._format_day(item.ended_on)))
            for item in self.items])
        self.summary_label.setText(
            TestimonialCounts().takedowns(len(self.items)) if self.items else self.tr(
                "Nothing to take down: every place showing a testimonial still has its "
                "release."))
        self._update()

    def chosen(self) -> list[TakedownItem]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.items[row] for row in rows if row < len(self.items)]

    def _update(self) -> None:
        self.taken_down_button.setEnabled(bool(self.chosen()) and not self._context.read_only)

    def tick_off_chosen(self) -> None:
        chosen = self.chosen()
        if not chosen or self._context.read_only:
            return
        self._context.run(_tick_off_all, [item.use_id for item in chosen], self._today(),
                          who_is_at_the_desk())


def _tick_off_all(session: Any, use_ids: list[int], on: dt.date, by: str) -> None:
    """The chosen places ticked off together: one unit of work, one refresh."""
    for use_id in use_ids:
        tick_off_use(session, use_id, on=on, by=by)
