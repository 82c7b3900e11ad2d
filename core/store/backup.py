"""Backups of the SQLite file with SQLite's online backup API, and restoring them.

Each database file has its own backup folder (so a shop with two files never restores
one over the other). The files kept beside the database (core.store.files: testimonials'
photos, recordings and signed forms) are copied into that folder's `files` too. Backups are named `regulars-YYYYMMDD-HHMMSS-<reason>.db`; the
daily ones roll over (the newest `KEEP_DAILY` are kept), the other ones stay.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from core.kernel import paths
from core.store import files
from core.store.db import read_only_uri
from core.store.errors import BackupUnreadable, DatabaseCorrupt

log = logging.getLogger(__name__)

KEEP_DAILY = 14
DAILY = "daily"
BEFORE_MIGRATION = "before-migration"
MANUAL = "manual"
BEFORE_RESTORE = "before-restore"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    reason: str
    size_bytes: int


def backup_folder(db_path: Path) -> Path:
    """Where the backups of this database file go: its name plus a hash of its path."""
    import hashlib  # here, not at the top: 4 ms of every start, needed only for backups

    resolved = db_path.resolve()
    digest = hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:8]
    folder = paths.backup_dir() / f"{resolved.stem}-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _copy_with_backup_api(source: Path, target: Path) -> None:
    """Copy a live database consistently, via a temp file renamed into place.

    When the copy fails (a full disk, say) its .part file and SQLite's journals beside it
    are removed: nothing is left that fills the disk and that the backup list cannot see.
    """
    tmp = target.with_name(target.name + ".part")
    try:
        src = sqlite3.connect(read_only_uri(source), uri=True)
        try:
            dst = sqlite3.connect(str(tmp))
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(tmp, target)
    except BaseException:
        for leftover in (tmp, *(Path(f"{tmp}{s}") for s in ("-journal", "-wal", "-shm"))):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                log.warning("could not remove %s after a failed copy", leftover)
        raise


def backup_database(
    db_path: Path, *, reason: str = MANUAL, to: Path | None = None, now: dt.datetime | None = None
) -> Path:
    """Write a consistent copy of `db_path`; returns where it went.

    Refuses (DatabaseCorrupt) a file that fails the full `PRAGMA integrity_check`: a copy
    of damage would push a good backup out of the daily rotation.
    """
    problem = check_integrity(db_path, full=True)
    if problem is not None:
        raise DatabaseCorrupt(db_path, problem)
    now = now or dt.datetime.now()
    if to is None:
        to = backup_folder(db_path) / f"regulars-{now:%Y%m%d-%H%M%S}-{reason}.db"
    to.parent.mkdir(parents=True, exist_ok=True)
    _copy_with_backup_api(db_path, to)
    _copy_kept_files(files.folder_for_database(db_path), to.parent / files.BACKUP_FILES)
    log.info("backed up %s to %s (%s)", db_path, to, reason)
    if reason == DAILY:
        _prune_daily(to.parent)
    return to


def _copy_kept_files(source: Path, target: Path) -> None:
    """The files kept beside the database (testimonials' attachments) travel with it:
    into the backup folder's `files` (each once, by checksum), and back on restoring."""
    copied = files.copy_store(source, target)
    if copied:
        log.info("copied %d kept file(s) from %s to %s", copied, source, target)


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backups in `folder` (see backup_folder), newest first."""
    found = []
    for path in folder.glob("regulars-*.db"):
        parts = path.stem.split("-", 3)
        if len(parts) != 4:
            continue
        try:
            taken = dt.datetime.strptime(parts[1] + parts[2], "%Y%m%d%H%M%S")
        except ValueError:
            continue
        found.append(BackupInfo(path, taken, parts[3], path.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def _prune_daily(folder: Path) -> None:
    daily = [b for b in list_backups(folder) if b.reason == DAILY]
    for old in daily[KEEP_DAILY:]:
        old.path.unlink(missing_ok=True)


def has_daily_backup_for(day: dt.date, folder: Path) -> bool:
    return any(b.reason == DAILY and b.taken_at.date() == day for b in list_backups(folder))


def check_integrity(path: Path, *, full: bool = False) -> str | None:
    """None when `PRAGMA quick_check` passes, else what SQLite reported. A file that
    cannot be read at all now raises sqlite3.OperationalError.

    `full` runs `integrity_check`, which also reads every index against its table and
    so catches a flipped byte in a row that quick_check lets through (slower: seconds
    at 100,000 customers, so the window runs it on a worker thread).
    """
    pragma = "integrity_check" if full else "quick_check"
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            rows = conn.execute(f"PRAGMA {pragma}").fetchall()
        finally:
            conn.close()
    except sqlite3.OperationalError:
        raise  # cannot be read now (a full disk, a lock, no permission): not damage
    except sqlite3.DatabaseError as exc:
        return str(exc)
    result = "; ".join(str(r[0]) for r in rows)
    return None if result == "ok" else result


def restore_backup(backup: Path, db_path: Path) -> Path | None:
    """Replace `db_path` with `backup`. The current file is backed up first.

    Returns the safety copy of the replaced database (None if there was none).
    """
    try:
        problem = check_integrity(backup)
    except sqlite3.OperationalError as exc:  # cannot be opened: no use as a backup either
        problem = str(exc)
    if problem is not None:
        raise BackupUnreadable(backup, problem)
    safety = None
    if db_path.exists() and db_path.stat().st_size > 0:
        try:
            safety = backup_database(db_path, reason=BEFORE_RESTORE)
        except DatabaseCorrupt:  # the damage is what is being replaced; no copy of it
            log.warning("not keeping a copy of damaged %s before restoring", db_path)
    tmp = db_path.with_name(db_path.name + ".restoring")
    _copy_with_backup_api(backup, tmp)
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    os.replace(tmp, db_path)
    _copy_kept_files(backup.parent / files.BACKUP_FILES, files.folder_for_database(db_path))
    log.info("restored %s from %s", db_path, backup)
    return safety
