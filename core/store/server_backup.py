"""Backups of a shop server, and restoring one into an empty database.

A backup is portable: PostgreSQL's own custom format when `pg_dump` is on the PATH (any
server restores it with pg_restore), otherwise the app's own export of every table, which
is a SQLite database file of this version's schema (Regulars opens it too; see
core.store.copying, which checks the copy by counts and content hashes). `restore_server`
tells the two apart by their first bytes.

The password reaches pg_dump and pg_restore in a password file of their own (mode 0600,
removed afterwards), never on their command line.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from core.kernel import paths
from core.kernel.errors import RegularsError
from core.kernel.jobs import CancelCheck, Progress, never_cancelled, no_progress
from core.store import schema
from core.store.copying import TargetNotEmpty, copy_database
from core.store.db import Database
from core.store.opening import prepare_database
from core.store.servers import address_of, stored_password, without_password

log = logging.getLogger(__name__)

PG_DUMP_FORMAT = "pg_dump"  # PostgreSQL's custom format
EXPORT_FORMAT = "export"  # the app's own: a SQLite file with every table
_PG_DUMP_MAGIC = b"PGDMP"
_SQLITE_MAGIC = b"SQLite format 3\x00"


class ServerBackupFailed(RegularsError):
    """pg_dump or pg_restore failed; `detail` is its last words (no password in them)."""

    def __init__(self, tool: str, detail: str) -> None:
        super().__init__(f"{tool}: {detail}")
        self.tool = tool
        self.detail = detail


class NotABackup(RegularsError):
    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


@dataclass(frozen=True)
class ServerBackup:
    path: Path
    format: str  # PG_DUMP_FORMAT or EXPORT_FORMAT
    size_bytes: int


def default_backup_path(db: Database, now: dt.datetime | None = None) -> Path:
    """In the backup folder, one folder per server and database."""
    address = address_of(db.url)
    name = f"{address.host}-{address.port}-{address.database}" if address else "server"
    folder = paths.backup_dir() / re.sub(r"[^\w.-]+", "_", name)
    folder.mkdir(parents=True, exist_ok=True)
    now = now or dt.datetime.now()
    return folder / f"regulars-{now:%Y%m%d-%H%M%S}-manual.backup"


def backup_server(db: Database, to: Path, *, use_pg_dump: bool | None = None,
                  progress: Progress = no_progress,
                  is_cancelled: CancelCheck = never_cancelled) -> ServerBackup:
    """Write a backup of the server database `db` to `to` (via a .part file renamed into
    place): pg_dump's custom format when it is on the PATH (or `use_pg_dump`), else the
    app's export of every table."""
    if use_pg_dump is None:
        use_pg_dump = shutil.which("pg_dump") is not None
    to.parent.mkdir(parents=True, exist_ok=True)
    part = to.with_name(to.name + ".part")
    part.unlink(missing_ok=True)
    try:
        if use_pg_dump:
            _run_tool(db, ["pg_dump", "--format=custom", "--no-owner", "--no-acl",
                           "--file", str(part)])
            kind = PG_DUMP_FORMAT
        else:
            _export(db, part, progress, is_cancelled)
            kind = EXPORT_FORMAT
        os.replace(part, to)
    finally:
        part.unlink(missing_ok=True)
    log.info("backed up %s to %s (%s)", db.display_name, to, kind)
    return ServerBackup(to, kind, to.stat().st_size)


def _export(db: Database, part: Path, progress: Progress, is_cancelled: CancelCheck) -> None:
    revision = schema.current_revision(db)
    if revision != schema.HEAD_REVISION:
        raise ServerBackupFailed("export", f"the server's schema is {revision}, this "
                                 f"Regulars writes {schema.HEAD_REVISION}")
    target = Database.open(part)
    try:
        prepare_database(target)
        copy_database(db, target, progress=progress, is_cancelled=is_cancelled)
    finally:
        target.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{part}{suffix}").unlink(missing_ok=True)


def backup_format(path: Path) -> str:
    with open(path, "rb") as handle:
        head = handle.read(16)
    if head.startswith(_PG_DUMP_MAGIC):
        return PG_DUMP_FORMAT
    if head == _SQLITE_MAGIC:
        return EXPORT_FORMAT
    raise NotABackup(path)


def restore_server(backup: Path, db: Database, *, progress: Progress = no_progress,
                   is_cancelled: CancelCheck = never_cancelled) -> str:
    """Read `backup` into the server database `db`, which must be empty (no tables for a
    pg_dump backup; no rows for an export). Returns the backup's format."""
    kind = backup_format(backup)
    raw = db.raw()
    tables = int(raw.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
    if kind == PG_DUMP_FORMAT:
        if tables:
            raise TargetNotEmpty("tables", tables)
        _run_tool(db, ["pg_restore", "--no-owner", "--no-acl", "--exit-on-error",
                       "--single-transaction", str(backup)])
        log.info("restored %s into %s (pg_dump)", backup, db.display_name)
        return kind
    with tempfile.TemporaryDirectory(prefix="regulars-restore-") as folder:
        copy = Path(folder) / "backup.db"
        shutil.copyfile(backup, copy)
        source = Database.open(copy)
        try:
            prepare_database(source)  # an older backup is brought up to this version
            prepare_database(db)
            copy_database(Database(source.url, read_only=True), db, progress=progress,
                          is_cancelled=is_cancelled)
        finally:
            source.close()
    log.info("restored %s into %s (export)", backup, db.display_name)
    return kind


def _run_tool(db: Database, command: list[str]) -> None:
    """pg_dump or pg_restore against `db`, the password in a password file of its own."""
    tool = shutil.which(command[0])
    if tool is None:
        raise ServerBackupFailed(command[0], "not found on the PATH")
    address = address_of(db.url)
    assert address is not None
    password = db.password or stored_password(address)
    conninfo = re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql://", db.url)
    with _password_file(password) as passfile:
        env = dict(os.environ)
        if passfile is not None:
            env.pop("PGPASSWORD", None)
            env["PGPASSFILE"] = str(passfile)
        result = subprocess.run([tool, *command[1:], f"--dbname={conninfo}"], env=env,
                                capture_output=True, text=True, check=False)
    if result.returncode != 0:
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        detail = without_password(lines[-1] if lines else f"exit code {result.returncode}")
        if password:
            detail = detail.replace(password, "***")
        log.warning("%s failed: %s", command[0], detail)
        raise ServerBackupFailed(command[0], detail)


@contextmanager
def _password_file(password: str | None) -> Iterator[Path | None]:
    if not password:
        yield None
        return
    escaped = password.replace("\\", "\\\\").replace(":", "\\:")
    handle, name = tempfile.mkstemp(prefix="regulars-pgpass-")  # mode 0600
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(f"*:*:*:*:{escaped}\n")
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)
