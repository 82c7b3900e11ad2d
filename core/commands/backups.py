"""`backup` and `restore`: copies of the SQLite file, made with SQLite's backup API."""
from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path
from typing import Any

from core.commands import CommandError, add_db_option, add_wait_option, lock_for_writing


def register(subparsers: Any) -> None:
    backup = subparsers.add_parser("backup", help="write a backup of the database")
    backup.add_argument("--to", type=Path, metavar="FILE", help="where (default: backup folder)")
    add_db_option(backup)
    backup.set_defaults(handler=_backup)

    restore = subparsers.add_parser("restore", help="replace the database with a backup")
    restore.add_argument("file", type=Path, metavar="FILE")
    add_db_option(restore)
    add_wait_option(restore)
    restore.set_defaults(handler=_restore)


def _sqlite_path(args: argparse.Namespace) -> Path:
    from core.store.db import Database

    db = Database.open(args.db)
    if db.sqlite_path is None:
        raise CommandError(
            "backups cover SQLite files; back a PostgreSQL server up with pg_dump"
        )
    return db.sqlite_path


def _backup(args: argparse.Namespace) -> int:
    from core.commands import texts  # not at import: the parser is built at every start
    from core.store.backup import backup_database
    from core.store.errors import DatabaseCorrupt

    path = _sqlite_path(args)
    if not path.exists():
        raise CommandError(f"{path} does not exist")
    target = args.to.resolve() if args.to else None
    try:
        target = backup_database(path, to=target)
    except DatabaseCorrupt as exc:
        raise CommandError(texts.damaged_not_backed_up(exc.path, exc.detail)) from exc
    except OSError as exc:  # a read-only folder, say: the .part is already gone
        raise CommandError(texts.os_error(exc, target or "the backup folder")) from exc
    except sqlite3.Error as exc:  # SQLite's words for a full disk while writing the copy
        raise CommandError(texts.sqlite_fault(target or "the backup folder", str(exc))) from exc
    print(f"backed up {path} to {target}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from core.commands import texts
    from core.store.backup import restore_backup
    from core.store.db import Database
    from core.store.errors import BackupUnreadable, DatabaseInUse, DatabaseReadOnly

    path = _sqlite_path(args)
    if not args.file.exists():
        raise CommandError(f"{args.file} does not exist")
    try:
        lock_for_writing(Database.open(path), args)
    except DatabaseInUse as exc:
        raise CommandError(texts.in_use(exc.path)) from exc
    except DatabaseReadOnly as exc:
        raise CommandError(texts.read_only(exc.path, exc.reason)) from exc
    try:
        safety = restore_backup(args.file.resolve(), path)
    except BackupUnreadable as exc:
        raise CommandError(f"{exc.path} is not a usable backup ({exc.reason})") from exc
    except OSError as exc:
        raise CommandError(texts.os_error(exc, path)) from exc
    note = f" (the replaced database was saved as {safety})" if safety else ""
    print(f"restored {path} from {args.file}{note}")
    return 0
