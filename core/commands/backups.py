"""`backup` and `restore`: copies of the SQLite file, made with SQLite's backup API; on a
shop server, a portable backup (pg_dump's custom format, or the app's own export), with
the server's password from the keyring or asked at the terminal (core.commands.server_login)
and handed to pg_dump in a password file, never on its command line."""
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
    assert db.sqlite_path is not None  # a server goes to _backup_server/_restore_server
    return db.sqlite_path


def _is_server(args: argparse.Namespace) -> bool:
    from core.store.db import Database

    return not Database.open(args.db).is_sqlite


def _backup_server(args: argparse.Namespace) -> int:
    from core.commands import open_database, print_percent
    from core.commands.texts import os_error
    from core.store.server_backup import (
        EXPORT_FORMAT,
        ServerBackupFailed,
        backup_server,
        default_backup_path,
    )

    db = open_database(args)
    target = args.to.resolve() if args.to else default_backup_path(db)
    try:
        made = backup_server(db, target, progress=print_percent)
    except ServerBackupFailed as exc:
        raise CommandError(f"cannot back up {db.display_name}: {exc.tool}: {exc.detail}"
                           ) from None
    except OSError as exc:
        raise CommandError(os_error(exc, target)) from exc
    finally:
        db.close()
    how = ("the app's own export of every table (pg_dump is not on the PATH)"
           if made.format == EXPORT_FORMAT else "pg_dump, custom format")
    print(f"backed up {db.display_name} to {made.path} ({how}, {made.size_bytes:,} bytes)")
    return 0


def _restore_server(args: argparse.Namespace) -> int:
    from core.commands import print_percent
    from core.commands.server_login import server_password
    from core.commands.texts import counted
    from core.store.copying import CopyDiffers, TargetNotEmpty
    from core.store.db import Database
    from core.store.server_backup import NotABackup, ServerBackupFailed, restore_server

    if not args.file.is_file():
        raise CommandError(f"{args.file} does not exist")
    db = Database.open(args.db, password=server_password(Database.open(args.db).url))
    try:
        kind = restore_server(args.file.resolve(), db, progress=print_percent)
    except NotABackup as exc:
        raise CommandError(f"{exc.path} is not a Regulars server backup") from None
    except TargetNotEmpty as exc:
        what = (counted(exc.rows, "table") if exc.table == "tables"
                else f"{counted(exc.rows, 'row')} in {exc.table}")
        raise CommandError(f"{db.display_name} is not empty ({what}): restore into a new, "
                           "empty database") from None
    except (ServerBackupFailed, CopyDiffers) as exc:
        raise CommandError(f"cannot restore into {db.display_name}: {exc}") from None
    finally:
        db.close()
    from core.store.server_setup import let_desks_in
    from core.store.servers import DESK_ROLE

    if let_desks_in(db.url, password=db.password):
        desks = f"the desks' role {DESK_ROLE} may use it"
    else:
        desks = "run main.py server init --url … to make a role for the desks"
    print(f"restored {db.display_name} from {args.file} ({kind}); {desks}")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from core.commands import texts  # not at import: the parser is built at every start
    from core.store.backup import backup_database
    from core.store.errors import DatabaseCorrupt

    if _is_server(args):
        return _backup_server(args)
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

    if _is_server(args):
        return _restore_server(args)
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
