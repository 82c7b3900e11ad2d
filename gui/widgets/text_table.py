"""A read-only table of text rows as a model, for the small tables dialogs show.

A model with a QTableView instead of QTableWidget items: PySide6 6.12.0's
`QTableWidget.setItem` drops a reference to None on every call (issue 17, point 14), and a
model keeps the rows as plain strings the tests can read back.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class TextTableModel(QAbstractTableModel):
    """Rows of text under headers; a cell may carry a tooltip and a background (a problem
    shown in red with its reason), and columns may be right-aligned (numbers, money)."""

    def __init__(self, headers: Sequence[str] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[list[str]] = []
        self._marks: dict[tuple[int, int], tuple[str, QBrush | None]] = {}
        self._right_aligned: frozenset[int] = frozenset()

    def set_rows(self, rows: Sequence[Sequence[str]], *,
                 headers: Sequence[str] | None = None,
                 right_aligned: Sequence[int] = ()) -> None:
        self.beginResetModel()
        if headers is not None:
            self._headers = list(headers)
        width = len(self._headers)
        self._rows = [[str(value) for value in row][:width]
                      + [""] * (width - len(row)) for row in rows]
        self._marks.clear()
        self._right_aligned = frozenset(right_aligned)
        self.endResetModel()

    def mark_cell(self, row: int, column: int, tooltip: str,
                  background: QBrush | None = None) -> None:
        """Give one cell a tooltip (and a background): why its value is a problem."""
        self._marks[(row, column)] = (tooltip, background)
        index = self.index(row, column)
        self.dataChanged.emit(index, index, [_TOOLTIP, _BACKGROUND])

    def text(self, row: int, column: int) -> str:
        return self._rows[row][column]

    def tooltip(self, row: int, column: int) -> str:
        return self._marks.get((row, column), ("", None))[0]

    def marked_cells(self) -> int:
        return len(self._marks)

    # -- QAbstractTableModel -----------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = _DISPLAY) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == _DISPLAY
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == _DISPLAY:
            return self._rows[row][column]
        if role == _ALIGN:
            return _RIGHT if column in self._right_aligned else None
        mark = self._marks.get((row, column))
        if mark is None:
            return None
        if role == _TOOLTIP:
            return mark[0]
        if role == _BACKGROUND:
            return mark[1]
        return None


def read_only_view(model: QAbstractTableModel, parent: QWidget | None = None) -> QTableView:
    """A view that selects whole rows and edits nothing."""
    view = QTableView(parent)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    return view
