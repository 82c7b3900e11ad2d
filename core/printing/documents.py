"""One-page documents under the business's letterhead: a testimonial release, a consent
(the paper survey card, which is printed as a batch item, is core.printing.forms).

Each FormDocument becomes one page: the letterhead (logo, name, address, contact), the
title, then its blocks (text, quoted words in a box, empty tick boxes, fields with lines
to write on, signature lines), shrunk to fit the page when they are long, and a footer
with the document's reference. Several documents print as one PDF, a page each.
reportlab is imported only when something is rendered.
"""
from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from core.kernel.jobs import CancelCheck, Cancelled, Progress, never_cancelled, no_progress
from core.printing.formats import LETTER, MM, default_format, get_page_format
from core.printing.types import (
    FormChoices,
    FormDocument,
    FormFields,
    FormHeading,
    FormQuote,
    FormSignatures,
    FormText,
)
from core.settings.types import BusinessProfileData

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FormsJob:
    profile: BusinessProfileData
    documents: tuple[FormDocument, ...]
    format_name: str = ""  # "" : A4 or US Letter, as the business's locale prints letters
    footer_note: str = ""  # after the reference, on every page ("printed 2 Dec 2026")


def form_format_name(job: FormsJob) -> str:
    return job.format_name or default_format(LETTER, job.profile.locale)


def render_forms(job: FormsJob, out_path: Path, *, progress: Progress = no_progress,
                 is_cancelled: CancelCheck = never_cancelled) -> int:
    """Write the forms to `out_path` (temp file, then rename); returns the page count.
    Raises Cancelled, leaving no file."""
    from core.printing.pdf import atomic_pdf

    with atomic_pdf(Path(out_path)) as temp:
        pages = _render_to(job, temp, progress, is_cancelled)
    log.info("rendered %d form(s) to %s", pages, out_path)
    return pages


def render_forms_bytes(job: FormsJob) -> bytes:
    """The PDF in memory, for previews."""
    buffer = io.BytesIO()
    _render_to(job, buffer, no_progress, never_cancelled)
    return buffer.getvalue()


def _render_to(job: FormsJob, target: Path | io.BytesIO, progress: Progress,
               is_cancelled: CancelCheck) -> int:
    from core.printing import layouts, pdf

    fmt = get_page_format(form_format_name(job))
    styles = pdf.make_styles(0.96)
    design = layouts.Design(fmt, job.profile, "", "", styles, pdf.Logo(job.profile.logo_png))
    title = job.documents[0].title if job.documents else "Form"
    canvas = pdf.new_canvas(target, fmt.page_size, title, job.profile.name)
    total = len(job.documents)
    for done, document in enumerate(job.documents, 1):
        if is_cancelled():
            raise Cancelled()
        _draw_form(canvas, design, document, job.footer_note)
        progress(done, total)
    pages = int(canvas.getPageNumber()) - 1
    pdf.save(canvas)
    return pages


def _draw_form(canvas: Any, design: Any, document: FormDocument, footer_note: str) -> None:
    from core.printing import layouts, pdf

    fmt, s = design.fmt, design.styles
    w, h = fmt.page_size
    margin = min(fmt.margin, 18 * MM)
    inner = w - 2 * margin
    head_h = 18 * MM
    head_y = h - 12 * MM - head_h
    layouts.draw_letterhead(canvas, design, margin, head_y, inner, head_h, logo_share=0.3)
    pdf.rule(canvas, margin, head_y - 3 * MM, inner, pdf.ACCENT, 0.8)

    footer_h = 10 * MM
    flow: list[Any] = [pdf.paragraph(document.title, _title_style(s))]
    for block in document.blocks:
        flow += _flowables(block, s, inner)
    top = head_y - 7 * MM
    pdf.draw_block(canvas, flow, margin, footer_h + 3 * MM, inner, top - footer_h - 3 * MM)
    pdf.rule(canvas, margin, footer_h, inner)
    footer = "  ·  ".join(p for p in (document.reference, footer_note) if p)
    pdf.draw_block(canvas, pdf.lines([footer], s.small, pdf.CENTER, width=inner), margin,
                   footer_h - 7 * MM, inner, 6 * MM)
    canvas.showPage()


def _title_style(s: Any) -> Any:
    from reportlab.lib.styles import ParagraphStyle

    from core.printing import pdf

    return ParagraphStyle("form-title", parent=s.letterhead, fontSize=s.title.fontSize * 1.35,
                          leading=s.title.fontSize * 1.7, spaceAfter=4, textColor=pdf.INK)


def _flowables(block: object, s: Any, width: float) -> list[Any]:
    """The block's flowables; tables are built at the width they are offered, so that a
    long form shrunk to fit its page still fills its width."""
    from core.printing import pdf

    if isinstance(block, FormHeading):
        return [_heading(block.text, s)]
    if isinstance(block, FormText):
        style = s.small if block.small else s.body
        return pdf.paragraphs(block.text, _tight(style))
    if isinstance(block, FormQuote):
        quote = block
        above = [pdf.paragraph(quote.label, _label_style(s))] if quote.label else []
        return [*above, _full_width(lambda w: _quote(quote, s, w))]
    if isinstance(block, FormChoices):
        choices = block
        heading = choices.label + (f"  ({choices.hint})" if choices.hint else "")
        return [pdf.paragraph(heading, _label_style(s)),
                _full_width(lambda w: _choices(choices, s, w))]
    if isinstance(block, FormFields):
        rows = block
        return [_full_width(lambda w: _fields(rows, s, w))]
    if isinstance(block, FormSignatures):
        parties = block
        return [_full_width(lambda w: _signatures(parties, s, w))]
    raise TypeError(f"not a form block: {block!r}")


def _full_width(build: Callable[[float], Any]) -> Any:
    return _full_width_class()(build)


@cache
def _full_width_class() -> type:
    from reportlab.platypus import Flowable

    class FullWidth(Flowable):  # type: ignore[misc]
        """A table built when it is wrapped, at the width the frame offers."""

        def __init__(self, build: Callable[[float], Any]) -> None:
            super().__init__()
            self.build = build
            self.inner: Any = None

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            self.inner = self.build(avail_width)
            self.width, self.height = self.inner.wrap(avail_width, avail_height)
            return self.width, self.height

        def draw(self) -> None:
            self.inner.drawOn(self.canv, 0, 0)

    return FullWidth


def _tight(style: Any) -> Any:
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"{style.name}-form", parent=style, spaceAfter=3)


def _heading(text: str, s: Any) -> Any:
    from reportlab.lib.styles import ParagraphStyle

    from core.printing import pdf

    style = ParagraphStyle("form-heading", parent=s.title, fontSize=s.body.fontSize,
                           leading=s.body.leading, spaceBefore=7, spaceAfter=2,
                           textColor=pdf.ACCENT)
    return pdf.paragraph(text, style)


def _quote(block: FormQuote, s: Any, width: float) -> Any:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Table, TableStyle

    from core.printing import pdf

    # Paragraphs of the quote keep their gap: the customer's blank lines are theirs.
    quote_style = ParagraphStyle("form-quote", parent=s.body, spaceAfter=s.body.leading * 0.5)
    inside = pdf.paragraphs(block.text, quote_style) or [pdf.paragraph(" ", quote_style)]
    table = Table([[inside]], colWidths=[width], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), HexColor("#f4f1eb")),
        ("LINEBEFORE", (0, 0), (0, -1), 2, pdf.ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 9), ("RIGHTPADDING", (0, 0), (-1, -1), 9),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ]))
    return table


def _label_style(s: Any) -> Any:
    from reportlab.lib.styles import ParagraphStyle

    from core.printing import fonts

    return ParagraphStyle("form-label", parent=s.small, fontName=fonts.primary_font(fonts.BOLD),
                          spaceBefore=3, spaceAfter=2)


def _choices(block: FormChoices, s: Any, width: float) -> Any:
    from reportlab.platypus import Table, TableStyle


    columns = max(1, min(block.columns, len(block.options) or 1))
    cells = [_option(option, s.body) for option in block.options]
    rows = [cells[i:i + columns] for i in range(0, len(cells), columns)]
    if rows and len(rows[-1]) < columns:
        rows[-1] += [""] * (columns - len(rows[-1]))
    table = Table(rows, colWidths=[width / columns] * columns, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def _fields(block: FormFields, s: Any, width: float) -> Any:
    from reportlab.platypus import Table, TableStyle

    from core.printing import pdf

    label_w = width * 0.22
    rows = [[pdf.paragraph(label, s.small), pdf.paragraph(value or " ", s.body)]
            for label, value in block.rows]
    table = Table(rows, colWidths=[label_w, width - label_w], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, -1), 0.5, pdf.RULE),
    ]))
    return table


def _signatures(block: FormSignatures, s: Any, width: float) -> Any:
    from reportlab.platypus import Table, TableStyle

    from core.printing import pdf

    widths = [width * 0.36, width * 0.04, width * 0.36, width * 0.04, width * 0.20]
    rows: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
    ]
    label = _label_style(s)
    for party in block.parties:
        start = len(rows)
        rows.append([pdf.paragraph(party.heading, label), "", "", "", ""])
        commands.append(("SPAN", (0, start), (-1, start)))
        rows.append([pdf.paragraph(party.name or " ", s.body), "", " ", "", " "])
        rows.append([pdf.paragraph(t, s.small) for t in
                     ("Name (in capitals)", "", "Signature", "", "Date")])
        for column in (0, 2, 4):
            commands.append(("LINEBELOW", (column, start + 1), (column, start + 1), 0.6,
                             pdf.INK))
        commands.append(("TOPPADDING", (0, start + 1), (-1, start + 1), 14))
        commands.append(("BOTTOMPADDING", (0, start + 2), (-1, start + 2), 6))
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


@cache
def _option_class() -> type:
    from reportlab.platypus import Flowable

    from core.printing import pdf

    class Option(Flowable):  # type: ignore[misc]
        """An empty tick box and its words, the words wrapped beside the box."""

        BOX = 8.5
        GAP = 5.0

        def __init__(self, text: str, style: Any) -> None:
            super().__init__()
            self.para = pdf.paragraph(text, style)
            self.style = style

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            _w, h = self.para.wrap(avail_width - self.BOX - self.GAP, avail_height)
            self.width, self.height = avail_width, max(h, self.BOX + 2)
            return self.width, self.height

        def draw(self) -> None:
            canvas = self.canv
            canvas.saveState()
            canvas.setStrokeColor(pdf.INK)
            canvas.setLineWidth(0.7)
            # Level with the first line's letters: its cap height sits just under the top.
            box_top = self.height - (self.style.leading - self.style.fontSize) / 2 - 0.6
            canvas.rect(0, box_top - self.BOX, self.BOX, self.BOX, stroke=1, fill=0)
            canvas.restoreState()
            self.para.drawOn(canvas, self.BOX + self.GAP, 0)

    return Option


def _option(text: str, style: Any) -> Any:
    return _option_class()(text, style)
