"""`backup` and `restore`: copies of the SQLite file, made with SQLite's backup API."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from core.commands import CommandError, add_db_option


def register(subparsers: Any) -> None:
    backup = subparsers.add_parser("backup", help="write a backup of the database")
    backup.add_argument("--to", type=Path, metavar="FILE", help="where (default: backup folder)")
    add_db_option(backup)
    backup.set_defaults(handler=_backup)

    restore = subparsers.add_parser("restore", help="replace the database with a backup")
    restore.add_argument("file", type=Path, metavar="FILE")
    add_db_option(restore)
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
    from core.store.backup import backup_database, check_integrity

    path = _sqlite_path(args)
    if not path.exists():
        raise CommandError(f"{path} does not exist")
    problem = check_integrity(path)
    if problem is not None:
        raise CommandError(f"{path} is damaged ({problem}); not backing it up")
    target = backup_database(path, to=args.to.resolve() if args.to else None)
    print(f"backed up {path} to {target}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from core.store.backup import restore_backup
    from core.store.db import Database
    from core.store.errors import BackupUnreadable, DatabaseInUse
    from core.store.opening import lock_database

    path = _sqlite_path(args)
    if not args.file.exists():
        raise CommandError(f"{args.file} does not exist")
    try:
        lock = lock_database(Database.open(path))
    except DatabaseInUse as exc:
        raise CommandError(f"{exc.path} is open in Regulars; close it first") from exc
    try:
        safety = restore_backup(args.file.resolve(), path)
    except BackupUnreadable as exc:
        raise CommandError(f"{exc.path} is not a usable backup ({exc.reason})") from exc
    finally:
        if lock is not None:
            lock.release()
    note = f" (the replaced database was saved as {safety})" if safety else ""
    print(f"restored {path} from {args.file}{note}")
    return 0
