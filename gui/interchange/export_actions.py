"""Export from the customer list: CSV, CSV for Excel, vCard and iCalendar files.

The main window calls `export_customers` with the ids to write (the selection or the
filtered list); the file is written on a worker thread behind a progress dialog with
Cancel, and a cancel leaves no file behind.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from core.interchange.calendar import CalendarLabels, export_calendar
from core.interchange.export_csv import export_customers_csv
from core.interchange.vcard import export_vcard
from core.kernel.jobs import CancelCheck, Cancelled, Progress
from core.store.db import Database

from gui.shell.context import AppContext
from gui.shell.operations import run_long_job
from gui.shell.window_state import EXPORT_LAST_FOLDER

log = logging.getLogger(__name__)

LAST_FOLDER_KEY = EXPORT_LAST_FOLDER.name
KINDS = ("csv", "csv-excel", "vcard", "calendar")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExportActions", text)


class ExportCounts(QObject):
    """Sentences with a count (lupdate marks plural strings only in a class's tr() calls)."""

    def customers(self, n: int) -> str:
        return self.tr("Exported %Ln customer(s) to %1", "", n)

    def moments(self, n: int) -> str:
        return self.tr("Exported %Ln birthday(s) and moment(s) to %1", "", n)


@dataclass(frozen=True)
class ExportKind:
    title: str  # the save dialog's title
    file_name: str  # proposed in the last folder
    file_filter: str
    suffix: str


def export_kind(kind: str) -> ExportKind:
    if kind in ("csv", "csv-excel"):
        title = (_tr("Export customers to CSV for Excel") if kind == "csv-excel"
                 else _tr("Export customers to CSV"))
        return ExportKind(title, _tr("customers") + ".csv", _tr("CSV files (*.csv)"), ".csv")
    if kind == "vcard":
        return ExportKind(_tr("Export contacts to vCard"), _tr("contacts") + ".vcf",
                          _tr("vCard files (*.vcf)"), ".vcf")
    if kind == "calendar":
        return ExportKind(_tr("Export birthdays and moments to a calendar"),
                          _tr("birthdays") + ".ics", _tr("Calendar files (*.ics)"), ".ics")
    raise ValueError(f"unknown export kind {kind!r}")


def calendar_labels() -> CalendarLabels:
    """The event titles in the person's language ({name} and {event} are filled in)."""
    return CalendarLabels(
        birthday=_tr("Birthday: {name}"),
        anniversary=_tr("Anniversary: {name}"),
        life_event=_tr("{event}: {name}"),
        events=(("wedding", _tr("Wedding anniversary")), ("new_baby", _tr("Baby's birthday")),
                ("retirement", _tr("Retirement anniversary")),
                ("graduation", _tr("Graduation anniversary")), ("other", _tr("Life event"))),
    )


def choose_export_path(parent: QWidget | None, kind: str) -> Path | None:
    """Ask where to save, starting in the last export folder; None if the person cancels."""
    spec = export_kind(kind)
    folder = EXPORT_LAST_FOLDER.read()
    if not folder or not Path(folder).is_dir():
        folder = (QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home()))
    chosen, _ = QFileDialog.getSaveFileName(parent, spec.title,
                                            str(Path(folder) / spec.file_name),
                                            spec.file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    if not path.suffix:  # non-native dialogs do not add it
        path = path.with_suffix(spec.suffix)
    EXPORT_LAST_FOLDER.write(str(path.parent))
    return path


def write_export(database: Database, kind: str, path: Path, customer_ids: Sequence[int],
                 progress: Progress, is_cancelled: CancelCheck,
                 labels: CalendarLabels | None = None) -> int:
    """Write the file in its own unit of work (on whichever thread calls it); the count
    of customers written, or of events for a calendar."""
    ids = list(customer_ids)
    with database.unit_of_work() as session:
        if kind in ("csv", "csv-excel"):
            return export_customers_csv(session, path, customer_ids=ids,
                                        excel=kind == "csv-excel", progress=progress,
                                        is_cancelled=is_cancelled)
        if kind == "vcard":
            return export_vcard(session, path, customer_ids=ids, progress=progress,
                                is_cancelled=is_cancelled)
        if kind == "calendar":
            return export_calendar(session, path, customer_ids=ids,
                                   labels=labels or CalendarLabels(),
                                   is_cancelled=is_cancelled)
    raise ValueError(f"unknown export kind {kind!r}")


def export_customers(parent: QWidget | None, context: AppContext,
                     customer_ids: Sequence[int], kind: str) -> Path | None:
    """Ask for a file, write `customer_ids` to it as `kind`, and say how it went.

    Returns the path written, or None when nothing was (no customers, cancelled, error).
    """
    export_kind(kind)  # an unknown kind is a bug: fail before asking anything
    ids = list(customer_ids)
    if not ids:
        QMessageBox.information(parent, _tr("Nothing to export"),
                                _tr("There are no customers in the list. Clear the search "
                                    "or filters, or select the customers to export."))
        return None
    path = choose_export_path(parent, kind)
    if path is None:
        return None
    database = context.database
    labels = calendar_labels() if kind == "calendar" else None
    label = (_tr("Exporting birthdays and moments…") if kind == "calendar"
             else _tr("Exporting customers…"))
    try:
        count = run_long_job(parent, label, lambda progress, cancelled: write_export(
            database, kind, path, ids, progress, cancelled, labels))
    except Cancelled:
        context.post_status(_tr("Export cancelled; no file was written."))
        return None
    except OSError as exc:
        log.warning("export to %s failed: %s", path, exc)
        reason = exc.strerror or str(exc)
        QMessageBox.critical(parent, _tr("Export failed"),
                             _tr("Could not write “{0}”:\n{1}\n\nChoose another folder, or "
                                 "close the file if another program has it open.")
                             .format(path, reason))
        return None
    log.info("exported %d %s to %s", count, kind, path)
    if kind == "calendar":
        message = ExportCounts().moments(count)
    else:
        message = ExportCounts().customers(count)
    context.post_status(message.replace("%1", str(path)))
    return path
