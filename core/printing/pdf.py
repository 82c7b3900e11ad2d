"""reportlab building blocks shared by every layout: styles, safe paragraphs, fitted blocks.

This module imports reportlab at the top; only `core.printing.render` imports it, and
only when something is printed.
"""
from __future__ import annotations

import io
import itertools
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer

from core.printing import fonts
from core.printing.text import (
    clean_text,
    has_rtl,
    line_markup,
    prepare,
    reads_rtl,
    to_markup,
    wrap_visual,
)

INK = HexColor("#262626")
MUTED = HexColor("#6f6a64")
ACCENT = HexColor("#2f5d57")
RULE = HexColor("#b9b2a7")
NOTE_LINE = HexColor("#cdc6ba")

LEFT, CENTER, RIGHT = TA_LEFT, TA_CENTER, TA_RIGHT


@contextmanager
def atomic_pdf(out_path: Path) -> Iterator[Path]:
    """A temporary path beside `out_path` that replaces it only if the block succeeds."""
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{out_path.stem}.", suffix=".tmp",
                                    dir=out_path.parent)
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        os.replace(temp, out_path)
    finally:
        temp.unlink(missing_ok=True)


def new_canvas(target: Path | io.BytesIO, page_size: tuple[float, float], title: str,
               author: str) -> Canvas:
    canvas = Canvas(target if isinstance(target, io.BytesIO) else str(target),
                    pagesize=page_size, pageCompression=1, invariant=1)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setCreator("Regulars")
    return canvas


def save(canvas: Canvas) -> None:
    """Finish the PDF with binary (not ASCII85) streams: smaller, and quicker to write."""
    from reportlab import rl_config

    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        canvas.save()
    finally:
        rl_config.useA85 = previous


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    headline: ParagraphStyle
    signature: ParagraphStyle
    address: ParagraphStyle
    letterhead: ParagraphStyle


def make_styles(scale: float = 1.0) -> Styles:
    """Paragraph styles; `scale` grows them for larger stock (1.0 is an A6 card)."""
    def style(name: str, font: str, size: float, leading: float, **extra: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=fonts.primary_font(font), fontSize=size * scale,
                              leading=leading * scale, textColor=extra.pop("color", INK),
                              splitLongWords=1, **extra)

    return Styles(
        body=style("body", fonts.REGULAR, 10, 14.2, spaceAfter=6 * scale),
        small=style("small", fonts.REGULAR, 7.5, 10, color=MUTED),
        title=style("title", fonts.BOLD, 12, 16, spaceAfter=8 * scale),
        headline=style("headline", fonts.DISPLAY, 26, 30, alignment=CENTER, color=ACCENT),
        signature=style("signature", fonts.ITALIC, 11.5, 14),
        address=style("address", fonts.REGULAR, 10.5, 13.5),
        letterhead=style("letterhead", fonts.BOLD, 13, 16, color=ACCENT),
    )


@lru_cache(maxsize=4096)
def _markup(text: str, style: str) -> str:
    return to_markup(text, style, default_font=fonts.CHAINS[style][0])


@lru_cache(maxsize=4096)
def _direction(text: str) -> tuple[bool, bool]:
    """(has right-to-left text, reads right to left); cached because a batch sets the same
    title, signature and business name on every card."""
    rtl = has_rtl(text)
    return rtl, rtl and reads_rtl(text)


_STYLE_OF_FONT = {chain[0]: style for style, chain in fonts.CHAINS.items()}


def paragraph(text: str, style: ParagraphStyle, alignment: int | None = None) -> Any:
    """A flowable of plain text (never markup); a left-aligned style turns right-aligned
    when the text reads right to left. Text with right-to-left runs becomes a
    `BidiParagraph`; everything else is a plain Paragraph, so Latin text pays nothing."""
    font_style = _STYLE_OF_FONT.get(style.fontName, fonts.REGULAR)
    rtl_runs, rtl = _direction(text)
    if alignment is None and rtl and style.alignment == LEFT:
        alignment = RIGHT
    if alignment is not None and alignment != style.alignment:
        style = aligned(style, alignment)
    if rtl_runs:
        return BidiParagraph(clean_text(text), style, font_style, rtl)
    return Paragraph(_markup(text, font_style), style)


class BidiParagraph(Flowable):  # type: ignore[misc]
    """Text with right-to-left runs, broken into lines in logical order before each line
    is put in visual order.

    reportlab wraps the text it is given as if it read left to right; given a whole
    reordered Arabic or Hebrew paragraph it would show the last words on the first line.
    So the lines are decided here, at the width the frame offers, and reportlab only sets
    them, one per <br/>, in a Paragraph of the same style.
    """

    def __init__(self, text: str, style: ParagraphStyle, font_style: str, rtl: bool) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.font_style = font_style
        self.rtl = rtl
        self.visual_lines: tuple[str, ...] = ()
        self._inner: Paragraph | None = None
        self._inner_width = -1.0

    def _layout(self, avail_width: float) -> Paragraph:
        if self._inner is None or avail_width != self._inner_width:
            s = self.style
            # Every line as narrow as an indented first one: none of our styles indent,
            # and a line reportlab finds too wide would be broken again in visual order.
            width = avail_width - s.leftIndent - s.rightIndent - max(s.firstLineIndent, 0)
            self.visual_lines = tuple(
                piece for line in self.text.split("\n")
                for piece in wrap_visual(line, self.font_style, s.fontSize, width, self.rtl))
            default_font = fonts.CHAINS[self.font_style][0]
            markup = "<br/>".join(line_markup(v, self.font_style, default_font)
                                  for v in self.visual_lines)
            self._inner, self._inner_width = Paragraph(markup, s), avail_width
        return self._inner

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, height = self._layout(avail_width).wrap(avail_width, avail_height)
        self.width, self.height = width, height
        return width, height

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        return list(self._layout(avail_width).split(avail_width, avail_height))

    def draw(self) -> None:
        assert self._inner is not None, "drawn before wrap"
        self._inner.drawOn(self.canv, 0, 0)


@lru_cache(maxsize=64)
def aligned(style: ParagraphStyle, alignment: int) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-{alignment}", parent=style, alignment=alignment)


def paragraphs(text: str, style: ParagraphStyle, alignment: int | None = None) -> list[Any]:
    """One Paragraph per blank-line-separated block; single newlines become line breaks."""
    blocks = [b.strip("\n") for b in clean_text(text).split("\n\n")]
    return [paragraph(b, style, alignment) for b in blocks if b.strip()]


def lines(values: Sequence[str], style: ParagraphStyle, alignment: int | None = None, *,
          width: float | None = None) -> list[Any]:
    """One Paragraph per non-empty line. With `width`, lines too wide first shrink (to 70%),
    and only then wrap, so a long name stays on one line where it can."""
    values = [v for v in values if v.strip()]
    if width is not None and values:
        font_style = _STYLE_OF_FONT.get(style.fontName, fonts.REGULAR)
        widest = max(
            fonts.string_width(fonts.font_runs(prepare(v), font_style), style.fontSize)
            for v in values
        )
        if widest > width:
            style = scaled(style, max(0.7, round(width / widest - 0.005, 2)))
    return [paragraph(v, style, alignment) for v in values]


@lru_cache(maxsize=256)
def scaled(style: ParagraphStyle, factor: float) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}*{factor}", parent=style,
                          fontSize=style.fontSize * factor, leading=style.leading * factor)


def draw_block(canvas: Canvas, flowables: list[Any], x: float, y: float, width: float,
               height: float, *, valign: str = "TOP") -> float:
    """Draw flowables in the box with bottom-left (x, y), shrunk to fit; returns the height used.

    Never raises for long text: it shrinks, and Paragraph wraps and splits long words.
    Content that fits (nearly always) is wrapped once and drawn directly; only overflow
    pays for KeepInFrame, which wraps everything again at each trial scale.
    """
    if not flowables:
        return 0.0
    sizes = [f.wrapOn(canvas, width, height) for f in flowables]
    gaps = [0.0] + [max(a.getSpaceAfter(), b.getSpaceBefore())
                    for a, b in itertools.pairwise(flowables)]
    used = sum(h for _, h in sizes) + sum(gaps)
    if used > height + 0.01 or any(w > width + 0.01 for w, _ in sizes):
        block = KeepInFrame(width, height, flowables, mode="shrink", vAlign=valign)
        _, used = block.wrapOn(canvas, width, height)
        block.drawOn(canvas, x, _block_top(y, height, used, valign) - used)
        return float(used)
    top = _block_top(y, height, used, valign)
    for flowable, (_, h), gap in zip(flowables, sizes, gaps):
        top -= gap + h
        flowable.drawOn(canvas, x, top)
    return float(used)


def fits(canvas: Canvas, flowables: list[Any], width: float, height: float, *,
         slack: float = 1.0) -> bool:
    """Whether the flowables fit the box at their full size (with `slack` > 1: fit once
    shrunk by at most that factor)."""
    sizes = [f.wrapOn(canvas, width, height) for f in flowables]
    gaps = [max(a.getSpaceAfter(), b.getSpaceBefore())
            for a, b in itertools.pairwise(flowables)]
    return (sum(h for _, h in sizes) + sum(gaps) <= height * slack + 0.01
            and all(w <= width + 0.01 for w, _ in sizes))


def fill_frame(canvas: Canvas, flowables: list[Any], x: float, y: float, width: float,
               height: float) -> list[Any]:
    """Draw as many of the flowables as fit the box, splitting a paragraph between its
    lines; returns those left for the next page."""
    from reportlab.platypus import Frame

    frame = Frame(x, y, width, height, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, showBoundary=0)
    left = list(flowables)
    while left:
        if frame.add(left[0], canvas, trySplit=0):
            left.pop(0)
            continue
        parts = frame.split(left[0], canvas)
        if parts and frame.add(parts[0], canvas, trySplit=0):
            left[:1] = parts[1:]
        elif frame._atTop:  # too tall even for an empty page: shrink it there
            draw_block(canvas, left[:1], x, y, width, height)
            left.pop(0)
        break
    return left


def _block_top(y: float, height: float, used: float, valign: str) -> float:
    if valign == "MIDDLE":
        return y + (height + used) / 2
    if valign == "BOTTOM":
        return y + used
    return y + height


class NoteLines(Flowable):  # type: ignore[misc]
    """Faint ruled lines where the owner writes a few words by hand."""

    def __init__(self, count: int, gap: float, color: Color = NOTE_LINE) -> None:
        super().__init__()
        self.count = count
        self.gap = gap
        self.color = color

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.count * self.gap

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(self.color)
        canvas.setLineWidth(0.5)
        canvas.setDash(1, 2.5)
        for i in range(self.count):
            y = (self.count - i - 1) * self.gap + 2
            canvas.line(0, y, self.width, y)
        canvas.restoreState()


def spacer(height: float) -> Spacer:
    return Spacer(1, height)


class Logo:
    """The business logo, read once per document (reportlab then embeds it once)."""

    def __init__(self, png: bytes | None) -> None:
        self.reader: ImageReader | None = None
        self.aspect = 1.0
        self._forms: dict[int, set[str]] = {}
        if png:
            try:
                self.reader = ImageReader(io.BytesIO(png))
                width, height = self.reader.getSize()
                self.aspect = width / height if height else 1.0
            except Exception:  # noqa: BLE001 - an unreadable logo prints the name instead
                self.reader = None

    def draw(self, canvas: Canvas, x: float, y: float, max_width: float, max_height: float,
             align: str = "center") -> float:
        """Draw inside the box with bottom-left (x, y); returns the height drawn (0 if none)."""
        if self.reader is None:
            return 0.0
        height = min(max_height, max_width / self.aspect)
        width = height * self.aspect
        if align == "center":
            x += (max_width - width) / 2
        elif align == "right":
            x += max_width - width
        # One form per size and document: every page refers to it instead of re-checking
        # and re-placing the image.
        form = f"logo-{width:.2f}x{height:.2f}"
        if form not in self._forms.setdefault(id(canvas), set()):
            canvas.beginForm(form, 0, 0, width, height)
            canvas.drawImage(self.reader, 0, 0, width, height, mask="auto")
            canvas.endForm()
            self._forms[id(canvas)].add(form)
        canvas.saveState()
        canvas.translate(x, y + max_height - height)
        canvas.doForm(form)
        canvas.restoreState()
        return height


def rule(canvas: Canvas, x: float, y: float, width: float, color: Color = RULE,
         thickness: float = 0.6) -> None:
    canvas.saveState()
    canvas.setStrokeColor(color)
    canvas.setLineWidth(thickness)
    canvas.line(x, y, x + width, y)
    canvas.restoreState()


class Ornament(Flowable):  # type: ignore[misc]
    """A short accent rule with a small diamond in the middle, under card headlines."""

    def __init__(self, width: float, space: float = 8.0) -> None:
        super().__init__()
        self.rule_width = width
        self.space = space

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, 2 * self.space

    def draw(self) -> None:
        canvas, cx, y = self.canv, self.width / 2, self.space
        half = self.rule_width / 2
        rule(canvas, cx - half, y, half - 5, ACCENT, 0.5)
        rule(canvas, cx + 5, y, half - 5, ACCENT, 0.5)
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        path = canvas.beginPath()
        path.moveTo(cx, y + 2.2)
        path.lineTo(cx + 2.2, y)
        path.lineTo(cx, y - 2.2)
        path.lineTo(cx - 2.2, y)
        path.close()
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()
