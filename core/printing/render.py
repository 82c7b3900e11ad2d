"""Render items and address labels to PDF: the long-job entry points of the engine.

Output goes to a temporary file beside the target and replaces it only when complete,
so a cancelled or failed run never leaves a half-written PDF (`write_*` render into a
temporary file the caller names: core.printing.runs puts a batch's two in place together). reportlab is imported
here, inside the functions, so importing this module stays cheap.
"""
from __future__ import annotations

import io
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.kernel.jobs import CancelCheck, Cancelled, Progress, never_cancelled, no_progress
from core.printing.formats import (
    CARD,
    ENVELOPE,
    FOLDED,
    FORM,
    LETTER,
    LabelSheet,
    PageFormat,
    check_start,
)
from core.printing.types import Recipient
from core.settings.types import BusinessProfileData

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ItemsJob:
    """What to print: one template (title and body, unmerged) for each recipient."""

    title: str
    body: str
    fmt: PageFormat
    profile: BusinessProfileData
    recipients: tuple[Recipient, ...]
    # A batch of several templates: the others as (name, title, body, format), used for the
    # recipients naming them (Recipient.template); each item is on its own format's pages.
    others: tuple[tuple[str, str, str, PageFormat], ...] = ()


@dataclass(frozen=True)
class RenderReport:
    items: int
    pages: int
    path: Path | None = None


def render_items(
    job: ItemsJob, out_path: Path, *, progress: Progress = no_progress,
    is_cancelled: CancelCheck = never_cancelled,
) -> RenderReport:
    """Write one PDF with one item per recipient, in order. Raises Cancelled, and
    IncompleteBusinessProfile (before anything is written) when the business profile lacks
    a field the items print."""
    from core.printing.pdf import atomic_pdf

    with atomic_pdf(Path(out_path)) as temp:
        pages = _render_items_to(job, temp, progress, is_cancelled)
    log.info("rendered %d items (%d pages) to %s", len(job.recipients), pages, out_path)
    return RenderReport(len(job.recipients), pages, Path(out_path))


def write_items(job: ItemsJob, path: Path, *, progress: Progress = no_progress,
                is_cancelled: CancelCheck = never_cancelled) -> int:
    """Write the items PDF straight to `path` (the caller's temporary file); its pages."""
    return _render_items_to(job, Path(path), progress, is_cancelled)


def render_items_bytes(job: ItemsJob) -> bytes:
    """The PDF in memory, for previews. Raises IncompleteBusinessProfile like a print."""
    buffer = io.BytesIO()
    _render_items_to(job, buffer, no_progress, never_cancelled)
    return buffer.getvalue()


def _render_items_to(job: ItemsJob, target: Path | io.BytesIO, progress: Progress,
                     is_cancelled: CancelCheck) -> int:
    from core.printing import forms, layouts, pdf
    from core.printing.completeness import check_business_profile

    # Every print passes here (batches, previews, single cards, any area's template).
    check_business_profile(job.profile, [(job.fmt.kind, job.title, job.body)] + [
        (fmt.kind, title, body) for _name, title, body, fmt in job.others])

    def design(fmt: PageFormat, title: str, body: str) -> layouts.Design:
        scale = {CARD: 1.0, FOLDED: 1.0, LETTER: 1.05, ENVELOPE: 1.15, FORM: 1.2}[fmt.kind]
        if fmt.name == "half-fold-a5":
            scale = 1.25
        return layouts.Design(fmt, job.profile, title, body, pdf.make_styles(scale),
                              pdf.Logo(job.profile.logo_png))

    draws: dict[str, Callable[[Any, layouts.Design, Recipient], None]] = {
        CARD: layouts.draw_card, FOLDED: layouts.draw_folded,
        LETTER: layouts.draw_letter, ENVELOPE: layouts.draw_envelope,
        FORM: forms.draw_form,
    }
    main = design(job.fmt, job.title, job.body)
    designs = {name: design(fmt, title, body) for name, title, body, fmt in job.others}
    canvas = pdf.new_canvas(target, job.fmt.page_size, job.title or "Regulars",
                            job.profile.name)
    total = len(job.recipients)
    for done, recipient in enumerate(job.recipients, 1):
        if is_cancelled():
            raise Cancelled()
        chosen = designs.get(recipient.template, main)
        if designs:
            canvas.setPageSize(chosen.fmt.page_size)
        draws[chosen.fmt.kind](canvas, chosen, recipient)
        progress(done, total)
    pages = int(canvas.getPageNumber()) - 1
    pdf.save(canvas)
    return pages


def render_labels(
    recipients: Sequence[Recipient], out_path: Path, *, sheet: LabelSheet, start: int = 1,
    progress: Progress = no_progress, is_cancelled: CancelCheck = never_cancelled,
) -> RenderReport:
    """Address labels in recipient order, the first at position `start` (1-based)."""
    from core.printing.pdf import atomic_pdf

    check_start(sheet, start)
    with atomic_pdf(Path(out_path)) as temp:
        pages = _render_labels_to(recipients, temp, sheet, start, progress, is_cancelled)
    log.info("rendered %d labels on %d %s sheets", len(recipients), pages, sheet.name)
    return RenderReport(len(recipients), pages, Path(out_path))


def write_labels(recipients: Sequence[Recipient], path: Path, *, sheet: LabelSheet,
                 start: int = 1, progress: Progress = no_progress,
                 is_cancelled: CancelCheck = never_cancelled) -> int:
    """Write the labels PDF straight to `path` (the caller's temporary file); its sheets."""
    check_start(sheet, start)
    return _render_labels_to(recipients, Path(path), sheet, start, progress, is_cancelled)


def _render_labels_to(recipients: Sequence[Recipient], target: Path | io.BytesIO,
                      sheet: LabelSheet, start: int, progress: Progress,
                      is_cancelled: CancelCheck) -> int:
    from core.printing import pdf

    style = pdf.make_styles(1.15 if sheet.label_height > 1.5 * 72 else 0.95).address
    canvas = pdf.new_canvas(target, (sheet.page_width, sheet.page_height), "Address labels",
                            "Regulars")
    total = len(recipients)
    position = start - 1
    for done, recipient in enumerate(recipients, 1):
        if is_cancelled():
            raise Cancelled()
        if position and position % sheet.per_page == 0:
            canvas.showPage()
        x, y = sheet.origin(position)
        pad = sheet.padding
        width = sheet.label_width - 2 * pad
        pdf.draw_block(canvas, pdf.lines(recipient.address, style, pdf.LEFT, width=width),
                       x + pad, y + pad / 2, width, sheet.label_height - pad, valign="MIDDLE")
        position += 1
        progress(done, total)
    pages = canvas.getPageNumber() if recipients else 0
    pdf.save(canvas)
    return pages
