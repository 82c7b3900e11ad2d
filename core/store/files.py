"""Files kept beside a database (a testimonial's photo, recording or signed form).

Each database has its own folder in the user data folder (like its backups), and a file
is stored under its SHA-256 (`ab/abcdef...`), so it survives the original being moved or
renamed, the same file added twice is kept once, and reading it back can prove it is
still the file that was added. Areas record the checksum in their own tables and decide
when a file is no longer needed (`remove_after_commit`).

Backups copy the folder's files into a `files` folder beside the backup (checksums again:
each file once, however many backups); restoring copies back any that are missing.
"""
from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.kernel import paths

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

_CHUNK = 1 << 20
_PENDING_KEY = "regulars.files_to_remove"
BACKUP_FILES = "files"  # the folder beside backups


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size_bytes: int


def folder_for_database(target: str | Path) -> Path:
    """The file store of one database: its file name (or, for a server, its name in the
    URL) and a hash of where it is, so two databases never share or remove each other's
    files."""
    text = str(target)
    if "://" in text and text.startswith("sqlite"):
        text = text.split(":///", 1)[-1].split("?", 1)[0]
    if "://" in text:
        name = text.rsplit("/", 1)[-1].split("?", 1)[0] or "server"
        key = text.split("@", 1)[-1]  # never the password
    else:
        resolved = Path(text).expanduser().resolve()
        name, key = resolved.stem, str(resolved)
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    folder = paths.user_data_dir() / "files" / f"{name}-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def folder_for_session(session: Session) -> Path:
    url = session.get_bind().engine.url
    if url.get_backend_name() == "sqlite":
        # The engine connects through a creator (core.store.db), so its URL names no file:
        # SQLite itself says which file is open.
        rows = session.connection().exec_driver_sql("PRAGMA database_list").all()
        main = next((row[2] for row in rows if row[1] == "main" and row[2]), None)
        if main is None:
            raise ValueError("files cannot be kept beside an in-memory database")
        return folder_for_database(main)
    return folder_for_database(url.render_as_string(hide_password=True))


def checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _place(folder: Path, sha256: str) -> Path:
    return folder / sha256[:2] / sha256


def store_file(folder: Path, source: Path) -> StoredFile:
    """Copy `source` into the store (temp file, then rename); returns its checksum and
    size. Raises OSError when the source cannot be read or the copy cannot be written."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".adding.", dir=folder)
    temp = Path(name)
    digest = hashlib.sha256()
    size = 0
    try:
        with os.fdopen(handle, "wb") as out, open(source, "rb") as src:
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        target = _place(folder, sha)
        if target.exists() and checksum(target) == sha:
            temp.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temp, target)
        return StoredFile(sha, size)
    finally:
        temp.unlink(missing_ok=True)


def stored_path(folder: Path, sha256: str) -> Path:
    """Where the file with this checksum is kept (it may be missing: see `is_intact`)."""
    return _place(folder, sha256)


def is_intact(folder: Path, sha256: str) -> bool | None:
    """True when the stored file matches its checksum, False when it was damaged, None
    when it is missing."""
    path = _place(folder, sha256)
    if not path.is_file():
        return None
    return checksum(path) == sha256


def remove_after_commit(session: Session, folder: Path, shas: Iterable[str]) -> None:
    """Remove these files once this unit of work commits (never if it rolls back, so a
    cancelled delete leaves every file in place). The caller has checked that nothing
    else refers to them."""
    from sqlalchemy import event

    pending: set[tuple[Path, str]] | None = session.info.get(_PENDING_KEY)
    if pending is None:
        pending = set()
        session.info[_PENDING_KEY] = pending

        def remove(done: Any) -> None:
            for where, sha in sorted(done.info.pop(_PENDING_KEY, set())):
                try:
                    _place(where, sha).unlink(missing_ok=True)
                except OSError:
                    log.warning("could not remove kept file %s", sha)

        def forget(rolled_back: Any) -> None:
            rolled_back.info.pop(_PENDING_KEY, None)

        event.listen(session, "after_commit", remove, once=True)
        event.listen(session, "after_rollback", forget, once=True)
    pending.update((folder, sha) for sha in shas)


def copy_store(source: Path, target: Path) -> int:
    """Copy every stored file of `source` that `target` lacks (backups and restores);
    returns how many were copied. Damaged files are not copied over good ones."""
    if not source.is_dir():
        return 0
    copied = 0
    for path in source.glob("??/*"):
        if path.name.startswith(".") or not path.is_file():
            continue
        destination = target / path.parent.name / path.name
        if destination.exists():
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        temp = destination.with_name(f".{path.name}.part")
        shutil.copyfile(path, temp)
        os.replace(temp, destination)
        copied += 1
    return copied
