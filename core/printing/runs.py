"""Printing a batch so that a kill at any moment leaves the record and the PDFs agreeing.

The order is what makes it safe:

1. record the batch as being printed (committed: from here on there is a record);
2. create both temporary files beside their targets, then render the cards and the
   labels into them and flush them to disk;
3. rename the cards into place, then the labels;
4. mark the batch printed (committed).

A batch found "printing" whose process is gone was interrupted (`tidy_interrupted`): its
temporary files are removed, except that a labels file left after the cards were renamed
is complete and is renamed too, so the cards and labels in place always belong together.
The person then prints it again (`restart_batch`), onto the same record.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.kernel.jobs import CancelCheck, Progress, never_cancelled, no_progress
from core.printing.batches import (
    BATCH_INTERRUPTED,
    BATCH_PRINTING,
    BatchPlan,
    BatchRequest,
    BatchSummary,
    RenderedBatch,
    _batch,
    _summary,
    finish_batch,
    items_job,
    plan_batch,
    plan_reopen,
    record_batch,
)
from core.printing.errors import BatchNotInterrupted
from core.printing.formats import get_label_sheet
from core.printing.kept import keep_quietly, kept_folder
from core.printing.models import PrintBatch
from core.store.db import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrintJob:
    """A batch recorded as being printed, and where its PDFs go."""

    batch_id: int
    plan: BatchPlan
    out_path: Path
    labels_path: Path | None
    restarted: bool = False  # printing an interrupted batch again


def this_process() -> str:
    """Who is printing, as stored on the batch: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


def temp_path(target: Path, batch_id: int) -> Path:
    """The temporary file a batch renders into, beside its target (same file system, so
    the rename is atomic); named after the batch so that a later run can find it."""
    return target.with_name(f".{target.name}.batch-{batch_id}.part")


def begin_batch(session: Session, plan: BatchPlan, *, out_path: Path,
                labels_path: Path | None = None, mark_sent: bool = False,
                now: dt.datetime | None = None) -> PrintJob:
    """Record the batch as being printed (step 1); the caller commits before rendering."""
    labels = labels_path if labels_path is not None and plan.label_sheet else None
    summary = record_batch(session, plan, mark_sent=mark_sent, now=now, printing=True,
                           out_path=out_path, labels_path=labels, printed_by=this_process())
    return PrintJob(summary.id, plan, Path(out_path), labels)


def restart_batch(session: Session, batch_id: int) -> PrintJob:
    """An interrupted batch, recorded as being printed again, to the same files."""
    batch = _batch(session, batch_id)
    if batch.state != BATCH_INTERRUPTED:
        raise BatchNotInterrupted(batch_id, batch.state)
    plan = plan_reopen(session, batch_id)
    batch.state, batch.printed_by = BATCH_PRINTING, this_process()
    session.flush()
    return PrintJob(batch_id, plan, Path(batch.out_path),
                    Path(batch.labels_path) if batch.labels_path else None, restarted=True)


def write_batch(job: PrintJob, *, progress: Progress = no_progress,
                is_cancelled: CancelCheck = never_cancelled) -> RenderedBatch:
    """Render both PDFs to temporary files, then rename both into place (steps 2 and 3).

    Touches no database. On Cancelled or any error the temporary files are removed and
    the targets are as they were; the caller then runs `abandon_batch`.
    """
    from core.printing.render import write_items, write_labels

    plan = job.plan
    targets = [job.out_path] + ([job.labels_path] if job.labels_path else [])
    temps = [temp_path(target, job.batch_id) for target in targets]
    count = len(plan.recipients)
    total = count * len(targets)
    try:
        for temp in temps:  # both exist before either is renamed: see tidy_interrupted
            temp.parent.mkdir(parents=True, exist_ok=True)
            temp.touch()
        pages = write_items(items_job(plan), temps[0], progress=lambda d, _t: progress(d, total),
                            is_cancelled=is_cancelled)
        label_pages = 0
        if len(temps) > 1:
            label_pages = write_labels(
                plan.recipients, temps[1], sheet=get_label_sheet(plan.label_sheet),
                start=plan.label_start, progress=lambda d, _t: progress(count + d, total),
                is_cancelled=is_cancelled)
        for temp in temps:
            _flush_to_disk(temp)
    except BaseException:
        for temp in temps:
            temp.unlink(missing_ok=True)
        raise
    for temp, target in zip(temps, targets, strict=True):
        os.replace(temp, target)
    _flush_folder(job.out_path.parent)
    log.info("batch %d: %d pages to %s, %d label sheets", job.batch_id, pages, job.out_path,
             label_pages)
    return RenderedBatch(pages, label_pages)


def abandon_batch(session: Session, job: PrintJob) -> None:
    """Cancelled or failed before the PDFs were in place: a new batch is forgotten, a
    restarted one is interrupted again."""
    batch = session.get(PrintBatch, job.batch_id)
    if batch is None:
        return
    if job.restarted:
        batch.state, batch.printed_by = BATCH_INTERRUPTED, ""
    else:
        session.delete(batch)
    session.flush()


def tidy_interrupted(session: Session) -> list[BatchSummary]:
    """Find batches left being printed by a process that is gone: tidy their files and
    mark them interrupted. Returns every interrupted batch, newest first."""
    for batch in session.scalars(select(PrintBatch).where(
            PrintBatch.state == BATCH_PRINTING)):
        if _still_printing(batch.printed_by):
            continue
        _tidy_files(batch)
        batch.state, batch.printed_by = BATCH_INTERRUPTED, ""
        log.warning("batch %d was interrupted while printing", batch.id)
    session.flush()
    return list_interrupted(session)


def list_interrupted(session: Session) -> list[BatchSummary]:
    """Interrupted batches, newest first. Reads only."""
    batches = session.scalars(select(PrintBatch).where(PrintBatch.state == BATCH_INTERRUPTED)
                              .order_by(PrintBatch.created_at.desc(), PrintBatch.id.desc()))
    return [_summary(session, batch) for batch in batches]


def print_new_batch(
    database: Database, request: BatchRequest, out_path: Path, *,
    labels_path: Path | None = None, mark_sent: bool = False, today: dt.date | None = None,
    progress: Progress = no_progress, is_cancelled: CancelCheck = never_cancelled,
) -> tuple[BatchSummary, BatchPlan, RenderedBatch]:
    """Plan, record, write and finish one batch, each step committed in its own unit."""
    with database.unit_of_work() as session:
        plan = plan_batch(session, request, today=today)
    return print_planned_batch(database, plan, out_path, labels_path=labels_path,
                               mark_sent=mark_sent, progress=progress,
                               is_cancelled=is_cancelled)


def print_planned_batch(
    database: Database, plan: BatchPlan, out_path: Path, *,
    labels_path: Path | None = None, mark_sent: bool = False,
    progress: Progress = no_progress, is_cancelled: CancelCheck = never_cancelled,
) -> tuple[BatchSummary, BatchPlan, RenderedBatch]:
    """Record, write and finish a planned batch (Today's due cards), each step committed."""
    with database.unit_of_work() as session:
        job = begin_batch(session, plan, out_path=out_path, labels_path=labels_path,
                          mark_sent=mark_sent)
    summary, rendered = _write_and_finish(database, job, progress, is_cancelled)
    return summary, plan, rendered


def print_batch_again(
    database: Database, batch_id: int, *, progress: Progress = no_progress,
    is_cancelled: CancelCheck = never_cancelled,
) -> tuple[BatchSummary, BatchPlan, RenderedBatch]:
    """Print an interrupted batch again, to the files it was going to."""
    with database.unit_of_work() as session:
        job = restart_batch(session, batch_id)
    summary, rendered = _write_and_finish(database, job, progress, is_cancelled)
    return summary, job.plan, rendered


def _write_and_finish(database: Database, job: PrintJob, progress: Progress,
                      is_cancelled: CancelCheck) -> tuple[BatchSummary, RenderedBatch]:
    try:
        rendered = write_batch(job, progress=progress, is_cancelled=is_cancelled)
    except BaseException:
        with database.unit_of_work() as session:
            abandon_batch(session, job)
        raise
    with database.unit_of_work() as session:
        summary = finish_batch(session, job.batch_id)
    keep_quietly(kept_folder(database.display_name), summary.id, summary.created_at,
                 job.out_path)
    return summary, rendered


def _tidy_files(batch: PrintBatch) -> None:
    cards = temp_path(Path(batch.out_path), batch.id) if batch.out_path else None
    labels = temp_path(Path(batch.labels_path), batch.id) if batch.labels_path else None
    try:
        if cards is not None and not cards.exists() and labels is not None and labels.exists():
            # Killed between the two renames: the labels are complete (the cards were only
            # renamed after both were written), and belong with the cards now in place.
            os.replace(labels, batch.labels_path)
            log.info("batch %d: put its finished labels beside its cards", batch.id)
        for temp in (cards, labels):
            if temp is not None:
                temp.unlink(missing_ok=True)
    except OSError as exc:  # a folder gone or read-only: the record still says interrupted
        log.warning("batch %d: could not tidy its files: %s", batch.id, exc)


def _still_printing(printed_by: str) -> bool:
    host, _, pid = printed_by.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        # Another desk's batch: only that desk can tell whether it is still printing.
        return bool(host) and host != socket.gethostname()
    return _process_alive(int(pid))  # this process too: the window printing it now


def _process_alive(pid: int) -> bool:
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, someone else's
    return True


def _flush_to_disk(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _flush_folder(folder: Path) -> None:
    if sys.platform == "win32":
        return  # folders cannot be opened for fsync there; NTFS journals the rename
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
