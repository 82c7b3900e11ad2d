"""Emptying the trash: asked first, with the number of customers that will be gone."""
from __future__ import annotations

from PySide6.QtCore import QLocale, QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from core.customers.queries import ListQuery, fetch_ids
from core.kernel.jobs import CancelCheck, Cancelled, Progress

from gui.shell.context import AppContext
from gui.shell.wording import with_count


class TrashEmptier(QObject):
    """Asks, then deletes every customer in the trash for good."""

    def __init__(self, parent: QWidget, context: AppContext, locale: QLocale) -> None:
        super().__init__(parent)
        self._parent = parent
        self._context = context
        self._locale = locale

    def question(self, count: int) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Empty Trash"),
                          with_count(self.tr("Delete %1 customer(s) for good?", "", count),
                                     count, self._locale), parent=self._parent)
        box.setInformativeText(self.tr("Their visits, moments, notes and tags go with them. "
                                       "This cannot be undone."))
        self.delete_button = box.addButton(self.tr("Delete for Good"),
                                           QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box

    def run(self) -> int | None:
        """Those counted in the question are deleted, not any trashed meanwhile on another
        desk. Returns how many, or None when the person said No or the trash was empty."""
        from core.customers.services import purge_customers  # the ORM: not at start

        database = self._context.database
        ids = fetch_ids(database.raw(), ListQuery(trash=True))
        if not ids:
            return None
        box = self.question(len(ids))
        box.exec()
        if box.clickedButton() is not self.delete_button:
            return None

        def empty(progress: Progress, is_cancelled: CancelCheck) -> int:
            with database.unit_of_work() as session:
                return purge_customers(session, ids, progress=progress,
                                       is_cancelled=is_cancelled)

        try:
            deleted = self._context.operations.run_job(
                self._parent, self.tr("Emptying the trash…"), empty)
        except Cancelled:
            self._context.post_status(self.tr("Emptying the trash was cancelled; "
                                              "nothing was deleted."))
            return None
        self._context.post_status(with_count(
            self.tr("Deleted %1 customer(s) for good.", "", deleted), deleted, self._locale))
        return deleted
