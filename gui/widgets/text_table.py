"""A read-only table of text rows as a model, for the small tables dialogs show.

A model with a QTableView, never the item-based table widget: on PySide6 6.12.0 its
`setItem` drops a reference to None on every call (issue 17, point 14; the app aborted with
'none_dealloc'), and a model keeps the rows as plain strings the tests can read back.
No module in gui/ uses that widget any more; keep it so.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class RowLook:
    """How a whole row stands out: in italics (not saved yet), in a dimmer colour (an undone
    import), with a tooltip on every cell that has none of its own."""

    tooltip: str = ""
    italic: bool = False
    foreground: QColor | None = None


class TextTableModel(QAbstractTableModel):
    """Rows of text under headers; a cell may carry a tooltip and a background (a problem
    shown in red with its reason), and columns may be right-aligned (numbers, money)."""

    def __init__(self, headers: Sequence[str] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[list[str]] = []
        self._marks: dict[tuple[int, int], tuple[str, QBrush | None]] = {}
        self._right_aligned: frozenset[int] = frozenset()
        self._looks: list[RowLook | None] = []
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_rows(self, rows: Sequence[Sequence[str]], *,
                 headers: Sequence[str] | None = None,
                 right_aligned: Sequence[int] = (),
                 looks: Sequence[RowLook | None] = ()) -> None:
        """Show `rows` instead of what was shown; `looks` (row by row, may be shorter) sets
        how whole rows stand out. Marked cells are forgotten."""
        self.beginResetModel()
        if headers is not None:
            self._headers = list(headers)
        width = len(self._headers)
        self._rows = [[str(value) for value in row][:width]
                      + [""] * (width - len(row)) for row in rows]
        self._marks.clear()
        self._right_aligned = frozenset(right_aligned)
        self._looks = list(looks[:len(self._rows)])
        self.endResetModel()

    def mark_cell(self, row: int, column: int, tooltip: str,
                  background: QBrush | None = None) -> None:
        """Give one cell a tooltip (and a background): why its value is a problem."""
        self._marks[(row, column)] = (tooltip, background)
        index = self.index(row, column)
        self.dataChanged.emit(index, index, [_TOOLTIP, _BACKGROUND])

    def text(self, row: int, column: int) -> str:
        return self._rows[row][column]

    def column_texts(self, column: int) -> list[str]:
        return [row[column] for row in self._rows]

    def look(self, row: int) -> RowLook | None:
        return self._looks[row] if row < len(self._looks) else None

    def tooltip(self, row: int, column: int) -> str:
        mark = self._marks.get((row, column))
        if mark is not None:
            return mark[0]
        look = self.look(row)
        return look.tooltip if look is not None else ""

    def marked_cells(self) -> int:
        return len(self._marks)

    # -- QAbstractTableModel -----------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = _DISPLAY) -> Any:
        if role != _DISPLAY:
            return None
        if orientation == Qt.Orientation.Vertical:  # row numbers, where a view shows them
            return str(section + 1) if 0 <= section < len(self._rows) else None
        return self._headers[section] if 0 <= section < len(self._headers) else None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == _DISPLAY:
            return self._rows[row][column]
        if role == _ALIGN:
            return _RIGHT if column in self._right_aligned else None
        if role == _TOOLTIP:
            return self.tooltip(row, column) or None
        if role == _BACKGROUND:
            mark = self._marks.get((row, column))
            return mark[1] if mark is not None else None
        look = self.look(row)
        if look is None:
            return None
        if role == _FONT:
            return self._italic if look.italic else None
        if role == _FOREGROUND:
            return look.foreground
        return None


def read_only_view(model: QAbstractTableModel, parent: QWidget | None = None) -> QTableView:
    """A view that selects whole rows and edits nothing."""
    view = QTableView(parent)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    return view
