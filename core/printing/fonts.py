"""Bundled TrueType fonts and choosing one for each run of text by what it covers.

reportlab embeds TrueType outlines only and does no font fallback of its own, so each
word is set in the first face of its chain that has a glyph for every character in it
(a Japanese name stays in one face rather than mixing kana and kanji from two), and
only words that no single face covers fall back to per-character choice. Faces load
on first use: the 4 MB CJK face costs nothing for a batch of Latin names.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from core.kernel.resources import resource_path
from core.printing.errors import FontMissing

log = logging.getLogger(__name__)

FONT_DIR = resource_path("fonts")

REGULAR = "regular"
ITALIC = "italic"
BOLD = "bold"
DISPLAY = "display"  # the large italic of card headlines
STYLES = (REGULAR, ITALIC, BOLD, DISPLAY)

# reportlab font name -> file in FONT_DIR
FONT_FILES = {
    "RegularsSerif": "NotoSerif-Regular.ttf",
    "RegularsSerif-Italic": "NotoSerif-Italic.ttf",
    "RegularsSerif-Bold": "NotoSerif-Bold.ttf",
    "RegularsDisplay-Italic": "NotoSerifDisplay-Italic.ttf",
    "RegularsArabic": "NotoNaskhArabic-Regular.ttf",
    "RegularsHebrew": "NotoSerifHebrew-Regular.ttf",
    "RegularsCJK": "DroidSansFallbackFull.ttf",
    "RegularsKorean": "NanumMyeongjo.ttf",
    "RegularsSymbols": "DejaVuSans.ttf",
}

_FALLBACKS = ("RegularsArabic", "RegularsHebrew", "RegularsCJK", "RegularsKorean",
              "RegularsSymbols")
CHAINS: dict[str, tuple[str, ...]] = {
    REGULAR: ("RegularsSerif", *_FALLBACKS),
    ITALIC: ("RegularsSerif-Italic", "RegularsSerif", *_FALLBACKS),
    BOLD: ("RegularsSerif-Bold", "RegularsSerif", *_FALLBACKS),
    DISPLAY: ("RegularsDisplay-Italic", "RegularsSerif-Italic", "RegularsSerif", *_FALLBACKS),
}


@dataclass(frozen=True)
class FontRun:
    font_name: str
    text: str


_lock = threading.Lock()
_coverage: dict[str, frozenset[int]] = {}
_registered: set[str] = set()


def font_path(font_name: str) -> Path:
    return FONT_DIR / FONT_FILES[font_name]


def ensure_registered(font_name: str) -> str:
    """Register a bundled face with reportlab (once per process); returns its name."""
    if font_name in _registered:
        return font_name
    with _lock:
        if font_name not in _registered:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            path = font_path(font_name)
            if not path.exists():
                raise FontMissing(path)
            font = TTFont(font_name, str(path))
            pdfmetrics.registerFont(font)
            _coverage[font_name] = frozenset(font.face.charToGlyph)
            _registered.add(font_name)
            log.debug("registered %s (%d characters)", font_name, len(_coverage[font_name]))
    return font_name


def coverage(font_name: str) -> frozenset[int]:
    ensure_registered(font_name)
    return _coverage[font_name]


def covers(font_name: str, text: str) -> bool:
    chars = coverage(font_name)
    return all(ord(c) in chars for c in text)


def font_runs(text: str, style: str = REGULAR) -> list[FontRun]:
    """`text` cut into runs, each set in one face that has every glyph in it.

    Spaces join the run before them, so a line of Latin text stays one run. Characters
    that no face covers are dropped (emoji print as nothing rather than as boxes).
    """
    chain = CHAINS[style]
    runs: list[FontRun] = []
    for word in _words(text):
        if word.isspace():
            _append(runs, runs[-1].font_name if runs else chain[0], word)
            continue
        whole = next((name for name in chain if covers(name, word)), None)
        if whole is not None:
            _append(runs, whole, word)
            continue
        for char in word:
            char_font = next((name for name in chain if covers(name, char)), None)
            if char_font is not None:
                _append(runs, char_font, char)
    return runs


def _append(runs: list[FontRun], font_name: str, text: str) -> None:
    if runs and runs[-1].font_name == font_name:
        runs[-1] = FontRun(font_name, runs[-1].text + text)
    else:
        runs.append(FontRun(font_name, text))


def _words(text: str) -> Iterator[str]:
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or text[i].isspace() != text[start].isspace():
            yield text[start:i]
            start = i


def primary_font(style: str = REGULAR) -> str:
    return ensure_registered(CHAINS[style][0])


def string_width(runs: list[FontRun], size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(sum(stringWidth(run.text, run.font_name, size) for run in runs))
