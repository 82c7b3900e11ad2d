"""What went wrong with a file or the database, as data: one classification for every front end.

A full disk, a read-only file, folder or file system, a locked database and stored text
that cannot be decoded reach the code as many different exceptions: OSError with an errno,
sqlite3's messages (often wrapped by SQLAlchemy, and again by our own errors), PostgreSQL's
SQLSTATE codes. `describe_fault` walks the chain of causes and names the kind, the file and
the detail, so that the command line and the window each word a kind once.
"""
from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from pathlib import Path

from core.kernel.errors import RegularsError, UndecodableText
from core.store.errors import (
    FILE,
    FILE_SYSTEM,
    FOLDER,
    DatabaseBusy,
    DatabaseCorrupt,
    DatabaseInUse,
    DatabaseReadOnly,
)

DISK_FULL = "disk_full"
READ_ONLY_FILE = "read_only_file"
READ_ONLY_FOLDER = "read_only_folder"
READ_ONLY_FILE_SYSTEM = "read_only_file_system"
LOCKED = "locked"  # another connection holds the write lock
IN_USE = "in_use"  # another Regulars holds the instance lock
UNDECODABLE = "undecodable"  # stored text that is not UTF-8
DAMAGED = "damaged"
DISK_ERROR = "disk_error"  # the disk reported an input/output error
FILE_ERROR = "file_error"  # any other failure of the operating system; `detail` says which
DATABASE_ERROR = "database_error"  # any other database failure; `detail` is its message

_CANNOT_OPEN = "cannot_open"  # SQLite's reason is the place, or none of ours

READ_ONLY_KINDS = {FILE: READ_ONLY_FILE, FOLDER: READ_ONLY_FOLDER,
                   FILE_SYSTEM: READ_ONLY_FILE_SYSTEM}

# sqlite3 says what happened in words only; the first that occurs in its message decides.
_SQLITE_MESSAGES = (
    ("database or disk is full", DISK_FULL),
    ("readonly database", READ_ONLY_FILE),
    ("database is locked", LOCKED),
    ("disk I/O error", DISK_ERROR),
    ("Could not decode to UTF-8", UNDECODABLE),
    ("database disk image is malformed", DAMAGED),
    ("file is not a database", DAMAGED),
    ("unable to open database file", _CANNOT_OPEN),  # read-only, when the place is
)
# PostgreSQL's SQLSTATE codes for the same faults on a server.
_SQLSTATES = {"53100": DISK_FULL, "25006": READ_ONLY_FILE_SYSTEM, "55P03": LOCKED,
              "40P01": LOCKED, "22021": UNDECODABLE}
_NEARLY_FULL = 64 * 1024  # free bytes below which a disk I/O error is a full disk
_ERRNOS = {errno.ENOSPC: DISK_FULL, errno.EDQUOT: DISK_FULL, errno.EFBIG: DISK_FULL,
           errno.EROFS: READ_ONLY_FILE_SYSTEM, errno.EIO: DISK_ERROR}


@dataclass(frozen=True)
class Fault:
    """One of the kinds above; `path` is the file concerned (the database's name where the
    fault is the database's), `detail` the system's words; for UNDECODABLE, `field` is the
    column and `row_id` the customer, when known."""

    kind: str
    path: str
    detail: str = ""
    row_id: int | None = None
    field: str = ""


class FaultAt(RegularsError):
    """Raised `from` an error that does not name its file (SQLite's "database or disk is
    full" while writing a backup, say): the fault below concerns `path`."""

    def __init__(self, path: str | Path) -> None:
        super().__init__(str(path))
        self.path = str(path)


def describe_fault(error: BaseException, database: str | Path | None = None) -> Fault | None:
    """The fault behind `error` (or one of its causes), or None when it is none of ours to
    name (a bug: its traceback belongs in the log). `database` names the database file
    for faults that do not carry a path of their own."""
    db_name = str(database) if database is not None else ""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:  # SQLAlchemy wraps sqlite3's error
        seen.add(id(cause))
        if isinstance(cause, FaultAt):
            db_name = cause.path
        fault = _one_fault(cause, db_name)
        if fault is not None:
            return fault
        cause = getattr(cause, "orig", None) or cause.__cause__ or cause.__context__
    return None


def sqlite_fault(message: str, database: str | Path) -> Fault:
    """The fault sqlite3's `message` reports about `database` (DATABASE_ERROR when it is
    none of the others)."""
    kind = next((kind for words, kind in _SQLITE_MESSAGES if words in message), DATABASE_ERROR)
    if kind in (READ_ONLY_FILE, _CANNOT_OPEN, DISK_ERROR) and str(database):
        kind = _on_second_look(kind, Path(database))
    if kind == _CANNOT_OPEN:
        kind = DATABASE_ERROR
    if kind == UNDECODABLE:  # "Could not decode to UTF-8 column 'city' with text '…'"
        column = re.search(r"column '([^']*)'", message)
        return Fault(UNDECODABLE, str(database), field=column.group(1) if column else "")
    return Fault(kind, str(database), message)


def _one_fault(cause: BaseException, db_name: str) -> Fault | None:
    if isinstance(cause, UndecodableText):
        return Fault(UNDECODABLE, db_name, row_id=cause.row_id, field=cause.field)
    if isinstance(cause, UnicodeDecodeError):
        return Fault(UNDECODABLE, db_name, f"{cause.encoding}, byte {cause.start}")
    if isinstance(cause, DatabaseBusy):
        return Fault(LOCKED, str(cause.path) if cause.path is not None else db_name)
    if isinstance(cause, DatabaseInUse):
        return Fault(IN_USE, str(cause.path))
    if isinstance(cause, DatabaseReadOnly):
        return Fault(READ_ONLY_KINDS.get(cause.reason, READ_ONLY_FILE), str(cause.path))
    if isinstance(cause, DatabaseCorrupt):
        return Fault(DAMAGED, str(cause.path), cause.detail)
    if isinstance(cause, OSError):
        return _os_fault(cause, db_name)
    if type(cause).__module__ == "sqlite3":
        return sqlite_fault(str(cause), db_name)
    sqlstate = getattr(cause, "sqlstate", None)
    if isinstance(sqlstate, str) and sqlstate in _SQLSTATES:
        return Fault(_SQLSTATES[sqlstate], db_name, str(cause).strip())
    return None


def _os_fault(cause: OSError, db_name: str) -> Fault:
    path = str(cause.filename) if cause.filename else db_name
    detail = cause.strerror or str(cause)
    kind = _ERRNOS.get(cause.errno or 0)
    if kind is not None:
        return Fault(kind, path, detail)
    if cause.errno in (errno.EACCES, errno.EPERM) and path:
        # Writing an existing file that is read-only, or making a new one in a folder
        # that cannot be written.
        target = Path(path)
        return Fault(READ_ONLY_FILE if target.is_file() else READ_ONLY_FOLDER, path, detail)
    return Fault(FILE_ERROR, path, detail)


def _on_second_look(kind: str, path: Path) -> str:
    """SQLite's words do not always say why: "readonly database" not whether the file, its
    folder or the file system is to blame; "unable to open database file" and "disk I/O
    error" not that the place is read-only or the disk full. Look at the place."""
    from core.store.opening import unwritable_reason  # not at import: it brings the engine

    reason = unwritable_reason(path)
    if reason is not None:
        return READ_ONLY_KINDS[reason]
    if kind == READ_ONLY_FILE:
        return READ_ONLY_FILE  # as root, say, where the file's mode does not show it
    try:
        stats = os.statvfs(path.parent)
    except (OSError, AttributeError):  # no statvfs on Windows
        return kind
    if stats.f_bavail * stats.f_frsize < _NEARLY_FULL:
        return DISK_FULL
    return kind
