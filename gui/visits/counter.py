"""Log visit from the customer list: the window's Ctrl+L (and the row's context menu)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from gui.customers.texts import stage_label
from gui.shell.context import AppContext

if TYPE_CHECKING:
    from core.customers.queries import ListRow

    from gui.customers.page import CustomersPage
    from gui.visits.log_visit_dialog import LogVisitDialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("Counter", text)


def log_visit_for_selection(parent: QWidget, context: AppContext, page: CustomersPage,
                            undo_stack: QUndoStack) -> LogVisitDialog | None:
    """Open the Log visit dialog on the one selected customer of the list; with none,
    several, or a customer in the trash, say in the status bar what to do instead."""
    if context.read_only:
        return None
    rows = page.table_view.selectionModel().selectedRows()
    if page.current_query().trash:
        context.post_status(_tr("Customers in the trash cannot get visits: restore them first."))
        return None
    if len(rows) != 1:
        context.post_status(_tr("Select one customer in the list to log a visit."))
        return None
    from gui.visits.log_visit_dialog import LogVisitDialog

    row = page.model.row_of(rows[0].row())
    dialog = LogVisitDialog(context, row.id, row.display_name or _tr("this customer"),
                            undo_stack=undo_stack, summary=summary_text(row),
                            parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def summary_text(row: ListRow, locale: QLocale | None = None) -> str:
    """What the counter sees of the customer before logging: "Repeat · Visits: 4 · Last
    visit: 05/03/2026" (in the shop's locale, QLocale's default)."""
    locale = locale or QLocale()
    parts = [stage_label(row.stage),
             _tr("Visits: %1").replace("%1", locale.toString(row.visit_count))]
    day = row.last_interaction_on
    if day is not None:
        short = locale.dateFormat(QLocale.FormatType.ShortFormat)
        parts.append(_tr("Last visit: %1").replace("%1", locale.toString(
            QDate(day.year, day.month, day.day),
            short if "yyyy" in short else short.replace("yy", "yyyy"))))
    return " · ".join(parts)
