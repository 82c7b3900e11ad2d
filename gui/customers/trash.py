"""Emptying the trash: asked first, with the number of customers that will be gone."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from core.customers.queries import ListQuery, fetch_ids
from core.kernel.jobs import CancelCheck, Cancelled, Progress
from core.testimonials.types import CustomerTestimonialUses, TakedownItem

from gui.shell.context import AppContext
from gui.shell.wording import with_count


def _testimonial_leftovers(session: Any, ids: list[int]) -> CustomerTestimonialUses:
    """What deleting these customers leaves to do by hand, read a few hundred at a time
    (the trash may hold thousands; a query takes only so many values)."""
    from core.testimonials.services import customer_testimonial_uses

    uses: list[TakedownItem] = []
    attachments = 0
    for start in range(0, len(ids), 500):
        found = customer_testimonial_uses(session, ids[start:start + 500])
        uses += found.uses
        attachments += found.attachments
    return CustomerTestimonialUses(tuple(uses), attachments)


class TrashEmptier(QObject):
    """Asks, then deletes every customer in the trash for good."""

    def __init__(self, parent: QWidget, context: AppContext, locale: QLocale) -> None:
        super().__init__(parent)
        self._parent = parent
        self._context = context
        self._locale = locale

    def question(self, count: int,
                 leftovers: CustomerTestimonialUses | None = None) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Empty Trash"),
                          with_count(self.tr("Delete %1 customer(s) for good?", "", count),
                                     count, self._locale), parent=self._parent)
        informative = self.tr("Their visits, moments, notes and tags go with them. "
                              "This cannot be undone.")
        if leftovers is not None and (leftovers.uses or leftovers.attachments):
            # A customer who asks to be forgotten: their testimonials go too, but the
            # places that show their words must be taken down by hand.
            informative += "\n\n" + self.tr(
                "Their testimonials go too, with their photos, recordings and signed forms.")
        if leftovers is not None and leftovers.uses:
            informative += " " + with_count(self.tr(
                "%1 place(s) still show their words: take them down by hand (see Show "
                "Details).", "", len(leftovers.uses)), len(leftovers.uses), self._locale)
            box.setDetailedText("\n".join(
                f"{use.customer_name}: {use.where}" for use in leftovers.uses))
        box.setInformativeText(informative)
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
        # Read here and now, as the ids are: a wait with the event loop running would let
        # the window (and a test's timers) move on before the question is up.
        box = self.question(len(ids), database.read(_testimonial_leftovers, ids))
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
