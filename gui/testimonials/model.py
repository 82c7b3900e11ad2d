"""The testimonials list as a table model: customer, the first words of the quote, the
release in plain words (and its colour), when it ends, and where it is used.

A shop gathers tens or hundreds of testimonials, not thousands: core reads them all in one
query (filtered by state there), and this model keeps the rows it was given.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from core.testimonials.types import ENDED, SIGNED, TestimonialRow

from gui.printing.texts import fill
from gui.testimonials.texts import (
    STATE_COLOURS,
    TestimonialCounts,
    rating_text,
    short_quote,
    state_text,
)

COL_CUSTOMER, COL_QUOTE, COL_RELEASE, COL_UNTIL, COL_USED, COL_GIVEN = range(6)
_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the TestimonialRow itself


class TestimonialsModel(QAbstractTableModel):
    __test__ = False  # pytest: not a test class

    def __init__(self, format_day: Callable[[dt.date], str], parent: Any = None) -> None:
        super().__init__(parent)
        self._format_day = format_day
        self._rows: list[TestimonialRow] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._headers = [self.tr("Customer"), self.tr("What they said"), self.tr("Release"),
                         self.tr("Until"), self.tr("Used"), self.tr("Given")]

    def set_rows(self, rows: Sequence[TestimonialRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> TestimonialRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, testimonial_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == testimonial_id), -1)

    def rows(self) -> list[TestimonialRow]:
        return list(self._rows)

    def text(self, row: int, column: int) -> str:
        return str(self.data(self.index(row, column)) or "")

    # -- what each cell says ------------------------------------------------------------

    def _until_text(self, row: TestimonialRow) -> str:
        if row.release_state == SIGNED:
            until = row.scope.until if row.scope else None
            return self._format_day(until) if until else self.tr("Until withdrawn")
        ended = row.revoked_on or row.expired_on
        if row.release_state in ENDED and ended is not None:
            return fill(self.tr("Ended %1"), self._format_day(ended))
        return ""

    def _used_text(self, row: TestimonialRow) -> str:
        if row.takedowns_open:
            return fill(self.tr("Take down: %1"), TestimonialCounts().uses(row.takedowns_open))
        if row.uses_in_place:
            return TestimonialCounts().uses(row.uses_in_place)
        return ""

    def _cell(self, row: TestimonialRow, column: int) -> str:
        if column == COL_CUSTOMER:
            return row.customer_name
        if column == COL_QUOTE:
            stars = rating_text(row.rating)
            quote = f"“{short_quote(row.final_words)}”"
            return f"{stars}  {quote}" if stars else quote
        if column == COL_RELEASE:
            return state_text(row.release_state)
        if column == COL_UNTIL:
            return self._until_text(row)
        if column == COL_USED:
            return self._used_text(row)
        if column == COL_GIVEN:
            return self._format_day(row.given_on)
        return ""

    # -- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = _DISPLAY) -> Any:
        if (role == _DISPLAY and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == _DISPLAY:
            return self._cell(row, column)
        if role == ROW_ROLE:
            return row
        if role == int(Qt.ItemDataRole.ToolTipRole) and column == COL_QUOTE:
            return row.final_words
        if role == int(Qt.ItemDataRole.ForegroundRole):
            if column == COL_RELEASE:
                return QColor(STATE_COLOURS.get(row.release_state, "#6b7280"))
            if column == COL_USED and row.takedowns_open:
                return QColor(STATE_COLOURS[ENDED[0]])
        if role == int(Qt.ItemDataRole.FontRole) and (
                column == COL_RELEASE or (column == COL_USED and row.takedowns_open)):
            return self._bold
        return None


def testimonials_view(model: TestimonialsModel) -> QTableView:
    """The list as the page and a customer's tab show it: whole rows chosen (one at a
    time unless changed), one line each, the quote taking the room the others leave."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(COL_QUOTE, QHeaderView.ResizeMode.Stretch)
    header.setHighlightSections(False)
    return view
