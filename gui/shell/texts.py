"""The window's sentences for faults a person can act on (core.store.faults), each once.

The command line words the same kinds in core/commands/texts.py.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from core.kernel.jobs import WaitingFor
from core.store import faults
from core.store.faults import Fault

_CONTEXT = "Faults"


@dataclass(frozen=True)
class FaultMessage:
    title: str
    text: str  # what happened, naming the file
    advice: str  # what to do about it


def _tr(source: str) -> str:
    return QCoreApplication.translate(_CONTEXT, source)


def fault_message(fault: Fault) -> FaultMessage | None:
    """What to tell a person about `fault`; None for a kind only the log can explain."""
    path = fault.path or _tr("the customer database")
    kind = fault.kind
    if kind == faults.DISK_FULL:
        return FaultMessage(_tr("Disk Full"),
                            _tr("The disk holding %1 is full. Nothing was changed.")
                            .replace("%1", path),
                            _tr("Free some space on that disk and try again."))
    if kind in (faults.READ_ONLY_FILE, faults.READ_ONLY_FOLDER, faults.READ_ONLY_FILE_SYSTEM):
        return _read_only_message(kind, path)
    if kind == faults.LOCKED:
        return FaultMessage(_tr("Database in Use"),
                            _tr("Another program is using %1. Nothing was changed.")
                            .replace("%1", path),
                            _tr("Wait a moment and try again."))
    if kind == faults.IN_USE:
        return FaultMessage(_tr("Database in Use"),
                            _tr("%1 is open in another Regulars on this computer. Nothing "
                                "was changed.").replace("%1", path),
                            _tr("Close it there and try again."))
    if kind == faults.UNDECODABLE:
        return FaultMessage(_tr("Text Cannot Be Read"), _undecodable_text(fault, path),
                            _tr("The file may be damaged there. Use File > Restore From "
                                "Backup… to bring back a backup."))
    if kind == faults.DAMAGED:
        return FaultMessage(_tr("Database Damaged"),
                            _tr("%1 is damaged.").replace("%1", path),
                            _tr("Use File > Restore From Backup… to bring back a backup."))
    if kind == faults.DISK_ERROR:
        return FaultMessage(_tr("Disk Error"),
                            _tr("The disk holding %1 reported an error.").replace("%1", path),
                            _tr("Try again. If it happens again, the disk may be failing: "
                                "back up to another disk."))
    if kind == faults.FILE_ERROR:
        return FaultMessage(_tr("File Cannot Be Used"),
                            _tr("Regulars could not use %1 (%2).").replace("%1", path)
                            .replace("%2", fault.detail),
                            _tr("Check that the file is there and try again."))
    return None


def _read_only_message(kind: str, path: str) -> FaultMessage:
    if kind == faults.READ_ONLY_FILE:
        title = _tr("File Is Read-Only")
        text = _tr("%1 is read-only, so Regulars cannot write to it. Nothing was changed.")
    elif kind == faults.READ_ONLY_FOLDER:
        title = _tr("Folder Is Read-Only")
        text = _tr("The folder of %1 does not let Regulars write in it. Nothing was changed.")
    else:
        title = _tr("Disk Is Read-Only")
        text = _tr("%1 is on a disk that cannot be written to (a locked memory stick or a "
                   "read-only network drive, say). Nothing was changed.")
    return FaultMessage(title, text.replace("%1", path),
                        _tr("Choose another place, or ask whoever looks after this computer "
                            "to let Regulars write there."))


def _undecodable_text(fault: Fault, path: str) -> str:
    field = fault.field.replace("_", " ")
    if fault.row_id is not None and field:
        return (_tr("The %2 of customer %3 in %1 cannot be read.").replace("%1", path)
                .replace("%2", field).replace("%3", str(fault.row_id)))
    if field:
        return _tr("A customer's %2 in %1 cannot be read.").replace("%1", path) \
            .replace("%2", field)
    return _tr("Some text in %1 cannot be read.").replace("%1", path)


# What each kind of bulk job (core.store.job_locks) is called while another desk waits for it.
_JOBS = {
    "import_customers": "the import",
    "import_visits": "the import of visits",
    "program_evaluation": "the update of Today",
    "mark_sent": "marking cards sent",
}


def waiting_for_desk_text(waiting: WaitingFor) -> str:
    """ "Waiting for the import at Desk 2 to finish…" """
    job = _tr(_JOBS.get(waiting.job, "another job"))
    if waiting.desk:
        return _tr("Waiting for %1 at %2 to finish…\nCancel stops waiting; nothing is "
                   "changed.").replace("%1", job).replace("%2", waiting.desk)
    return _tr("Waiting for %1 at another desk to finish…\nCancel stops waiting; nothing is "
               "changed.").replace("%1", job)
