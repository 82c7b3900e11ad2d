"""The council's tables: whole rows chosen, nothing edited in place, rows one line high."""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtWidgets import QAbstractItemView, QTableView

from gui.widgets.text_table import read_only_view


def council_table(model: QAbstractTableModel) -> QTableView:
    """A read-only view whose rows are one line of text high (the default leaves room for
    two), with long text cut off at the cell's end and shown whole in its tooltip."""
    view = read_only_view(model)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    return view


def select_rows(view: QTableView, rows: Iterable[int]) -> None:
    """Choose exactly these rows (a view that chooses one at a time keeps the last)."""
    view.clearSelection()
    mode = view.selectionMode()
    view.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
    for row in rows:
        view.selectRow(row)
    view.setSelectionMode(mode)
