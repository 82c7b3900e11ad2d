"""Opening a database safely: one instance at a time, integrity first, backups before change."""
from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.store import backup, schema
from core.store.db import Database
from core.store.errors import (
    FILE,
    FILE_SYSTEM,
    FOLDER,
    DatabaseCorrupt,
    DatabaseEmpty,
    DatabaseInUse,
    DatabaseReadOnly,
    SchemaOutdated,
)

log = logging.getLogger(__name__)


class InstanceLock:
    """An OS file lock beside the database, released when this process exits or closes it.

    Every writer takes it: the window, and each command that changes the database.
    It is a separate `.lock` file (flock), never the database file itself: opening and
    closing the database outside SQLite would drop SQLite's own POSIX locks.
    """

    def __init__(self, db_path: Path) -> None:
        from filelock import FileLock, Timeout

        self._timeout_error = Timeout
        self._db_path = db_path
        self._lock: Any = FileLock(str(db_path) + ".lock", timeout=0)

    def acquire(self, *, wait: bool = False, on_wait: Callable[[], None] | None = None) -> None:
        """Take the lock now, or raise DatabaseInUse; with `wait`, call `on_wait` once and
        block until the other Regulars lets go. A folder where the lock file cannot be
        created raises DatabaseReadOnly (FOLDER)."""
        try:
            try:
                self._lock.acquire(timeout=0)
            except self._timeout_error as exc:
                if not wait:
                    raise DatabaseInUse(self._db_path) from exc
                if on_wait is not None:
                    on_wait()
                self._lock.acquire(timeout=-1, poll_interval=0.2)
        except OSError as exc:  # read-only folder or file system, no permission
            log.warning("cannot take the lock beside %s: %s", self._db_path, exc)
            reason = unwritable_reason(self._db_path)  # a read-only file system, say
            raise DatabaseReadOnly(self._db_path,
                                   FOLDER if reason in (None, FILE) else reason) from exc

    def release(self) -> None:
        self._lock.release()


def lock_database(db: Database, *, wait: bool = False,
                  on_wait: Callable[[], None] | None = None) -> InstanceLock | None:
    """Take the instance lock on a SQLite file (servers handle their own concurrency)."""
    if db.sqlite_path is None or db.read_only:
        return None
    try:
        db.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseReadOnly(db.sqlite_path, FOLDER) from exc
    lock = InstanceLock(db.sqlite_path)
    lock.acquire(wait=wait, on_wait=on_wait)
    return lock


def prepare_database(db: Database, *, check_integrity: bool = True) -> None:
    """Refuse a damaged file, then migrate the schema (after a backup) if it is behind.

    On a server whose user may not update the schema (a desk's role), an out-of-date
    schema raises core.store.servers.SchemaNotCurrent instead.

    The window passes check_integrity=False and runs `PRAGMA quick_check` on another
    thread while it paints (it takes ~0.15 s at 100,000 customers); commands check first.
    """
    path = db.sqlite_path
    if path is not None:
        if path.exists():
            if path.stat().st_size == 0:  # only a missing path starts a new database
                raise DatabaseEmpty(path)
            if not db.read_only and (reason := unwritable_reason(path)) is not None:
                raise DatabaseReadOnly(path, reason)
            problem = backup.check_integrity(path) if check_integrity else None
            if problem is not None:
                raise DatabaseCorrupt(path, problem)
        elif db.read_only:
            raise FileNotFoundError(path)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseReadOnly(path, FOLDER) from exc
            if (reason := unwritable_reason(path)) is not None:
                raise DatabaseReadOnly(path, reason)
    try:
        found = schema.current_revision(db)
    except sqlite3.DatabaseError as exc:  # not a database at all, or a damaged header
        raise DatabaseCorrupt(path or Path(db.url), str(exc)) from exc
    if found == schema.HEAD_REVISION:
        return
    if db.read_only:
        raise SchemaOutdated(found, schema.HEAD_REVISION)
    if path is None:
        _check_server_may_update(db, found)
    if path is not None and found is not None:
        backup.backup_database(path, reason=backup.BEFORE_MIGRATION)
    schema.upgrade(db)


def _check_server_may_update(db: Database, found: str | None) -> None:
    """A desk's role may not create or alter tables (server init made it so): an
    out-of-date server database is then refused with who must update it, and how
    (core.store.servers.SchemaNotCurrent), rather than failing half-way into a migration."""
    from core.store.servers import address_of, schema_problem

    address = address_of(db.url)
    if address is None:
        return
    problem = schema_problem(db.raw(), address, found)
    if problem is not None and problem.blocks_opening:
        log.info("not updating %s: %s (owner %s)", db.display_name, problem.kind, problem.owner)
        raise problem


def unwritable_reason(path: Path) -> str | None:
    """Why `path` (an existing database file, or a new one's place) cannot be written:
    FILE_SYSTEM, FOLDER or FILE; None when it can.

    SQLite needs the folder too: it creates the -wal and -shm files beside the database.
    """
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return FILE_SYSTEM
    except (OSError, AttributeError):  # no statvfs on Windows: the checks below still hold
        pass
    if not os.access(folder, os.W_OK | os.X_OK):
        return FOLDER
    if path.exists() and not os.access(path, os.W_OK):
        return FILE
    return None


def daily_backup_due(db: Database, today: dt.date | None = None) -> bool:
    if db.sqlite_path is None or not db.sqlite_path.exists():
        return False
    folder = backup.backup_folder(db.sqlite_path)
    return not backup.has_daily_backup_for(today or dt.date.today(), folder)


def take_daily_backup(db: Database) -> Path | None:
    if db.sqlite_path is None:
        return None
    return backup.backup_database(db.sqlite_path, reason=backup.DAILY)
