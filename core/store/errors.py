"""What can go wrong opening, backing up or restoring the database, as data."""
from __future__ import annotations

from pathlib import Path

from core.kernel.errors import RegularsError


class NotASqliteDatabase(RegularsError):
    """Backups and restores work on SQLite files only; `url` is something else."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


class BackupUnreadable(RegularsError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class DatabaseInUse(RegularsError):
    """Another running Regulars holds this database file."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class DatabaseCorrupt(RegularsError):
    """The file fails `PRAGMA quick_check`; `detail` is SQLite's report."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail


class SchemaOutdated(RegularsError):
    """A read-only database cannot be migrated."""

    def __init__(self, found: str | None, wanted: str) -> None:
        super().__init__(f"schema {found}, need {wanted}")
        self.found = found
        self.wanted = wanted


# Why a database cannot be written: the file itself, its folder (no -wal, -shm or lock
# file can be made there), or the whole file system is mounted read-only.
FILE = "file"
FOLDER = "folder"
FILE_SYSTEM = "file_system"


class DatabaseReadOnly(RegularsError):
    """The database cannot be written here; `reason` is FILE, FOLDER or FILE_SYSTEM."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class DatabaseEmpty(DatabaseCorrupt):
    """An existing file of 0 bytes: not a new database (only a missing path is)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "empty file (0 bytes)")


class DatabaseBusy(RegularsError):
    """Another connection (often another program) held the write lock for longer than this
    unit of work would wait; nothing was written. `path` is the file, None for a server."""

    def __init__(self, path: Path | None) -> None:
        super().__init__(str(path) if path is not None else "database")
        self.path = path
