"""A printed batch's cards PDF, kept in the app's data folder so that opening the batch
again from the history shows it at once instead of rendering every card again.

One folder per database (batch ids repeat across databases), one file per batch, and a
note beside it with the batch's creation time and the file's SHA-256: a file that does not
match (changed, truncated, or left from another database restored over this one) is not
shown, and the caller renders the batch again from its record.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
from pathlib import Path

from core.kernel import paths

log = logging.getLogger(__name__)


def kept_folder(database_name: str) -> Path:
    """Where one database's batch PDFs are kept (`database_name`: its URL, password hidden)."""
    key = hashlib.sha256(database_name.encode("utf-8")).hexdigest()[:16]
    return paths.user_data_dir() / "batches" / key


def _files(folder: Path, batch_id: int) -> tuple[Path, Path]:
    return folder / f"batch-{batch_id}.pdf", folder / f"batch-{batch_id}.json"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def keep_batch_pdf(folder: Path, batch_id: int, created_at: dt.datetime, pdf: Path) -> Path:
    """Copy a batch's cards PDF into `folder` with its note; returns the kept file. Written
    to a temporary name first, so a kept file is always whole."""
    kept, note = _files(folder, batch_id)
    folder.mkdir(parents=True, exist_ok=True)
    temp = kept.with_name(kept.name + ".part")
    shutil.copyfile(pdf, temp)
    checksum = _sha256(temp)
    os.replace(temp, kept)
    note_temp = note.with_name(note.name + ".part")
    note_temp.write_text(json.dumps({"created_at": created_at.isoformat(),
                                     "sha256": checksum}), encoding="utf-8")
    os.replace(note_temp, note)
    log.info("kept batch %d's PDF (%d bytes)", batch_id, kept.stat().st_size)
    return kept


def find_kept_pdf(folder: Path, batch_id: int, created_at: dt.datetime) -> Path | None:
    """The kept PDF of this batch, or None when it is missing or does not match."""
    kept, note = _files(folder, batch_id)
    try:
        facts = json.loads(note.read_text(encoding="utf-8"))
        if facts.get("created_at") != created_at.isoformat():
            log.info("batch %d: the kept PDF belongs to another batch", batch_id)
            return None
        if facts.get("sha256") != _sha256(kept):
            log.warning("batch %d: the kept PDF has changed; rendering it again", batch_id)
            return None
    except (OSError, ValueError):
        return None
    return kept


def keep_quietly(folder: Path, batch_id: int, created_at: dt.datetime,
                 pdf: Path) -> Path | None:
    """Keep a batch's PDF if the disk allows (the kept file, or None): a full or read-only
    data folder only means the batch is rendered again when it is opened."""
    try:
        return keep_batch_pdf(folder, batch_id, created_at, pdf)
    except OSError as exc:
        log.warning("could not keep batch %d's PDF: %s", batch_id, exc)
        return None
