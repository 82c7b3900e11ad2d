"""The customers a few typed letters find, as items of a completer's model: the name,
then email and town to tell two of the same name apart."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from core.customers.queries import search_customers
from core.store.db import RawConnection

ID_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2


def fill_customer_matches(model: QStandardItemModel, raw: RawConnection, text: str, *,
                          leave_out: int | None = None, limit: int = 15) -> int:
    """Put the customers `text` finds into `model` (emptied first), each with its id and
    name in ID_ROLE and NAME_ROLE; how many. Fewer than two letters find nobody."""
    model.clear()
    if len(text.strip()) < 2:
        return 0
    for row in search_customers(raw, text, limit=limit):
        if row.id == leave_out:
            continue
        details = " · ".join(p for p in (row.email, row.city) if p)
        item = QStandardItem(f"{row.display_name}  —  {details}" if details
                             else row.display_name)
        item.setData(row.id, ID_ROLE)
        item.setData(row.display_name, NAME_ROLE)
        item.setEditable(False)
        model.appendRow(item)
    return model.rowCount()
