"""Customer text on its way to a PDF: cleaned, shaped, put in visual order, and escaped.

Customer text is data. Everything that reaches a reportlab Paragraph passes through
`to_markup`, which escapes `&`, `<` and `>` and wraps each run in the face chosen for it,
so `<b>Ann</b>` prints as those nine characters and `Smith & Sons <Ltd>` cannot break
the paragraph parser.

Arabic is joined into its presentation forms (arabic-reshaper) and right-to-left runs
are put in visual order (python-bidi) before layout, because reportlab draws glyphs left
to right exactly as given.
"""
from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

from core.printing.fonts import REGULAR, font_runs

# Joiners, variation selectors, skin tones and tags only make sense next to the emoji
# they modify, and the emoji themselves are dropped by `font_runs`.
_EMOJI_MODIFIERS = re.compile(
    "[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f\u20e3]"
)
_RTL_CLASSES = frozenset({"R", "AL", "AN"})
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


def clean_text(text: str) -> str:
    """NFC text with control characters and emoji modifiers removed; newlines kept."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _EMOJI_MODIFIERS.sub("", text).replace("\t", " ")
    return "".join(
        c for c in text
        if c == "\n" or unicodedata.category(c) not in ("Cc", "Cf", "Co", "Cs")
    )


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in _RTL_CLASSES for c in text)


def visual_order(text: str) -> str:
    """One line of logical-order text as it must be drawn, left to right."""
    if not has_rtl(text):
        return text
    if _ARABIC.search(text):
        import arabic_reshaper

        text = arabic_reshaper.reshape(text)
    from bidi import get_display

    return str(get_display(text))


def prepare(text: str) -> str:
    """Clean every line and put each in visual order; lines stay separate."""
    return "\n".join(visual_order(line) for line in clean_text(text).split("\n"))


def to_markup(text: str, style: str = REGULAR, default_font: str = "") -> str:
    """Paragraph markup for plain text: escaped, a <font> per run not in `default_font`
    (the paragraph's own face), <br/> per newline."""
    lines = []
    for line in prepare(text).split("\n"):
        lines.append("".join(
            escape(run.text) if run.font_name == default_font
            else f'<font name="{run.font_name}">{escape(run.text)}</font>'
            for run in font_runs(line, style)
        ))
    return "<br/>".join(lines)


def first_strong_is_rtl(text: str) -> bool:
    """True when a paragraph reads right to left (its first strong character is RTL)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL_CLASSES:
            return True
        if kind == "L":
            return False
    return False
