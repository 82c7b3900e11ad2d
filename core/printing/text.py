"""Customer text on its way to a PDF: cleaned, shaped, put in visual order, and escaped.

Customer text is data. Everything that reaches a reportlab Paragraph passes through
`to_markup`, which escapes `&`, `<` and `>` and wraps each run in the face chosen for it,
so `<b>Ann</b>` prints as those nine characters and `Smith & Sons <Ltd>` cannot break
the paragraph parser.

Arabic is joined into its presentation forms (arabic-reshaper) and right-to-left runs
are put in visual order (python-bidi), because reportlab draws glyphs left to right
exactly as given. The bidi algorithm works on one line at a time, so text that contains
right-to-left runs is broken into lines here, in logical order, and only then reordered
line by line (`wrap_visual`): reordering a whole paragraph before reportlab wraps it puts
an Arabic or Hebrew paragraph's last words on its first line.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape

from core.printing.fonts import REGULAR, font_runs, string_width

# Joiners, variation selectors, skin tones and tags only make sense next to the emoji
# they modify, and the emoji themselves are dropped by `font_runs`.
_EMOJI_MODIFIERS = re.compile(
    "[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f\u20e3]"
)
_RTL_CLASSES = frozenset({"R", "AL", "AN"})
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
# Every character of bidi class R, AL or AN lies in these blocks: one regex pass lets
# Latin text skip the per-character lookup.
_RTL_BLOCKS = re.compile(
    "[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def clean_text(text: str) -> str:
    """NFC text with control characters and emoji modifiers removed; newlines kept."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _EMOJI_MODIFIERS.sub("", text).replace("\t", " ")
    return "".join(
        c for c in text
        if c == "\n" or unicodedata.category(c) not in ("Cc", "Cf", "Co", "Cs")
    )


def has_rtl(text: str) -> bool:
    return _RTL_BLOCKS.search(text) is not None and any(
        unicodedata.bidirectional(c) in _RTL_CLASSES for c in text)


def visual_order(text: str, rtl: bool | None = None) -> str:
    """One line of logical-order text as it must be drawn, left to right. `rtl` sets the
    line's base direction; None takes it from its first strong character."""
    if not has_rtl(text):
        return text
    return _display(_shape(text), rtl)


def _shape(text: str) -> str:
    """Arabic joined into presentation forms, still in logical order."""
    if _ARABIC.search(text):
        import arabic_reshaper

        return str(arabic_reshaper.reshape(text))
    return text


def _display(shaped: str, rtl: bool | None) -> str:
    from bidi import get_display

    return str(get_display(shaped, base_dir=None if rtl is None else "R" if rtl else "L"))


def prepare(text: str) -> str:
    """Clean every line and put each in visual order; lines stay separate."""
    return "\n".join(visual_order(line) for line in clean_text(text).split("\n"))


def line_markup(visual: str, style: str = REGULAR, default_font: str = "") -> str:
    """Markup for one visual-order line: escaped, a <font> per run not in `default_font`."""
    return "".join(
        escape(run.text) if run.font_name == default_font
        else f'<font name="{run.font_name}">{escape(run.text)}</font>'
        for run in font_runs(visual, style)
    )


def to_markup(text: str, style: str = REGULAR, default_font: str = "") -> str:
    """Paragraph markup for plain text: escaped, a <font> per run not in `default_font`
    (the paragraph's own face), <br/> per newline."""
    return "<br/>".join(line_markup(line, style, default_font)
                        for line in prepare(text).split("\n"))


def reads_rtl(text: str) -> bool:
    """True when a paragraph is set right to left: its first strong character is RTL (as
    the bidi algorithm decides) or most of its letters are, so an Arabic template that
    opens with a Latin {first_name} still reads, and aligns, right to left."""
    first = ""
    rtl = ltr = 0
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL_CLASSES:
            rtl += 1
            first = first or "R"
        elif kind == "L":
            ltr += 1
            first = first or "L"
    return first == "R" or rtl > ltr


@lru_cache(maxsize=1024)
def wrap_visual(line: str, style: str, size: float, width: float, rtl: bool) -> tuple[str, ...]:
    """One cleaned logical line broken to `width` points, each piece in visual order.

    Breaks fall between words in logical order, greedily, as reportlab would break them;
    a word wider than the line is cut between characters (reportlab's splitLongWords).
    Widths are measured on the visual pieces, in the faces `line_markup` will choose, so
    reportlab, given these pieces, never has a reason to break them again. Cached: the
    preview sets the same text again on every keystroke, and a batch repeats the lines
    that hold no merge field on every card.
    """
    def fits(piece: str) -> bool:
        # A hair of slack for float noise between this sum and reportlab's own.
        visual = _display(piece.rstrip(), rtl)
        return string_width(font_runs(visual, style), size) <= width - 0.01

    pieces: list[str] = []
    current = ""
    for token in re.findall(r"\s+|\S+", _shape(line)):
        if token.isspace():
            current += token if current else ""  # a line never starts with a space
            continue
        if fits(current + token):
            current += token
            continue
        if current:
            pieces.append(current.rstrip())
        while len(token) > 1 and not fits(token):
            cut = next((n for n in range(len(token) - 1, 1, -1) if fits(token[:n])), 1)
            pieces.append(token[:cut])
            token = token[cut:]
        current = token
    if current or not pieces:
        pieces.append(current.rstrip())
    return tuple(_display(piece, rtl) for piece in pieces)
