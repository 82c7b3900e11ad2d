"""Today's actions as a two-level tree: sections (overdue, due today, coming up, missed,
done this week), each holding its actions, cards and letters first, then calls."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from core.program.types import (
    DONE,
    DUE,
    MISSED,
    OVERDUE,
    SKIPPED,
    SNOOZED,
    UPCOMING,
    ActionRow,
)

from gui.program.texts import gesture_text, lateness_text, printed_hint, section_heading

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)

SECTION_ORDER = (OVERDUE, DUE, UPCOMING, SNOOZED, MISSED, DONE, SKIPPED)
# Shown open; the others are folded away until asked for.
OPEN_SECTIONS = frozenset({OVERDUE, DUE, UPCOMING})
GESTURE_ORDER = {"card": 0, "letter": 0, "call": 1}
COL_CUSTOMER, COL_WHAT, COL_WHY, COL_LATE = range(4)
_SECTION = 0  # internal id of a section row; an action's is its section's row + 1


class TodayModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sections: list[tuple[str, list[ActionRow]]] = []
        self._totals: dict[str, int] = {}
        self._locale = QLocale()
        self._bold = QFont()
        self._bold.setBold(True)
        self._headers = [self.tr("Customer"), self.tr("What"), self.tr("Why"),
                         self.tr("Late")]

    def set_actions(self, actions: Sequence[ActionRow],
                    totals: Sequence[tuple[str, int]] = ()) -> None:
        """Show `actions`; `totals` says how many each section holds when only its first
        rows were read."""
        self.beginResetModel()
        self._totals = dict(totals)
        by_state: dict[str, list[ActionRow]] = {}
        for row in actions:
            by_state.setdefault(row.state, []).append(row)
        self._sections = [
            (state, sorted(by_state[state], key=lambda r: (GESTURE_ORDER.get(r.gesture, 2),
                                                           r.due_on, r.customer_name)))
            for state in SECTION_ORDER if by_state.get(state)]
        self.endResetModel()

    def section_states(self) -> list[str]:
        return [state for state, _rows in self._sections]

    def action_at(self, index: _Index) -> ActionRow | None:
        if not index.isValid() or index.internalId() == _SECTION:
            return None
        return self._sections[index.internalId() - 1][1][index.row()]

    def index_of_action(self, action_id: int) -> QModelIndex:
        for number, (_state, rows) in enumerate(self._sections):
            for row_number, row in enumerate(rows):
                if row.id == action_id:
                    return self.createIndex(row_number, 0, number + 1)
        return QModelIndex()

    # -- QAbstractItemModel ------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _SECTION)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _SECTION:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _SECTION)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._sections)
        if parent.internalId() == _SECTION and parent.column() == 0:
            return len(self._sections[parent.row()][1])
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _SECTION:
            state, rows = self._sections[index.row()]
            if role == _DISPLAY and index.column() == 0:
                return section_heading(state, len(rows), self._totals.get(state, len(rows)),
                                       self._locale)
            return self._bold if role == _FONT else None
        row = self.action_at(index)
        if row is None:
            return None
        if role == _DISPLAY:
            return (row.customer_name, gesture_text(row), row.why,
                    lateness_text(row))[index.column()]
        if role == _TOOLTIP:
            return (row.why + (f"\n{row.note}" if row.note else "")
                    + (f"\n{printed_hint()}" if row.printed else ""))
        return None
