"""Paper: card, folded card, letter and envelope formats, and address label sheets.

All sizes are PDF points (1/72 in). Label geometries are the manufacturers' published
templates; `start` positions count from 1, left to right, top to bottom, like the
numbers printed on the sheet's backing.
"""
from __future__ import annotations

from dataclasses import dataclass

from core.printing.errors import FormatMismatch, InvalidStartPosition, UnknownFormat

MM = 72 / 25.4
INCH = 72.0

A4 = (210 * MM, 297 * MM)
A5 = (148 * MM, 210 * MM)
A6 = (105 * MM, 148 * MM)
US_LETTER = (8.5 * INCH, 11 * INCH)

CARD = "card"  # one card per sheet of card stock
FOLDED = "folded"  # printed on a sheet, then folded into a card
LETTER = "letter"
ENVELOPE = "envelope"
FORM = "form"  # a one-page form the customer fills in (a paper survey card)

# How a folded sheet is laid out.
QUARTER_FOLD = "quarter"  # one side, folded twice: front and inside on one page
HALF_FOLD = "half"  # two pages (print both sides, flip on short edge)


@dataclass(frozen=True)
class PageFormat:
    name: str
    kind: str
    page_width: float
    page_height: float
    margin: float
    fold: str = ""

    @property
    def page_size(self) -> tuple[float, float]:
        return (self.page_width, self.page_height)

    @property
    def panel_size(self) -> tuple[float, float]:
        """The size of the finished card (or the page, when nothing is folded)."""
        if self.fold == QUARTER_FOLD:
            return (self.page_width / 2, self.page_height / 2)
        if self.fold == HALF_FOLD:
            return (self.page_width / 2, self.page_height)
        return self.page_size

    @property
    def pages_per_item(self) -> int:
        return 2 if self.fold == HALF_FOLD else 1


@dataclass(frozen=True)
class LabelSheet:
    name: str
    page_width: float
    page_height: float
    columns: int
    rows: int
    label_width: float
    label_height: float
    top: float  # page edge to the first label
    left: float
    pitch_x: float  # one label's left edge to the next one's
    pitch_y: float
    padding: float = 0.1 * INCH

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    def origin(self, position: int) -> tuple[float, float]:
        """Bottom-left corner of label `position` (0-based, row by row from the top left)."""
        row, column = divmod(position % self.per_page, self.columns)
        x = self.left + column * self.pitch_x
        y = self.page_height - self.top - row * self.pitch_y - self.label_height
        return (x, y)


PAGE_FORMATS: dict[str, PageFormat] = {f.name: f for f in (
    PageFormat("a6-card", CARD, *A6, margin=12 * MM),
    PageFormat("4x6-card", CARD, 4 * INCH, 6 * INCH, margin=0.45 * INCH),
    PageFormat("quarter-fold-a4", FOLDED, *A4, margin=10 * MM, fold=QUARTER_FOLD),
    PageFormat("quarter-fold-letter", FOLDED, *US_LETTER, margin=0.4 * INCH, fold=QUARTER_FOLD),
    PageFormat("half-fold-a5", FOLDED, A4[1], A4[0], margin=14 * MM, fold=HALF_FOLD),
    PageFormat("letter-a4", LETTER, *A4, margin=22 * MM),
    PageFormat("letter-us", LETTER, *US_LETTER, margin=0.9 * INCH),
    PageFormat("envelope-dl", ENVELOPE, 220 * MM, 110 * MM, margin=10 * MM),
    PageFormat("envelope-10", ENVELOPE, 9.5 * INCH, 4.125 * INCH, margin=0.4 * INCH),
    PageFormat("form-a4", FORM, *A4, margin=18 * MM),
    PageFormat("form-us", FORM, *US_LETTER, margin=0.7 * INCH),
)}

LABEL_SHEETS: dict[str, LabelSheet] = {s.name: s for s in (
    LabelSheet("avery-5160", *US_LETTER, columns=3, rows=10, label_width=2.625 * INCH,
               label_height=1 * INCH, top=0.5 * INCH, left=0.1875 * INCH,
               pitch_x=2.75 * INCH, pitch_y=1 * INCH),
    LabelSheet("avery-5161", *US_LETTER, columns=2, rows=10, label_width=4 * INCH,
               label_height=1 * INCH, top=0.5 * INCH, left=0.15625 * INCH,
               pitch_x=4.1875 * INCH, pitch_y=1 * INCH),
    LabelSheet("avery-5163", *US_LETTER, columns=2, rows=5, label_width=4 * INCH,
               label_height=2 * INCH, top=0.5 * INCH, left=0.15625 * INCH,
               pitch_x=4.1875 * INCH, pitch_y=2 * INCH, padding=0.2 * INCH),
    LabelSheet("avery-l7160", *A4, columns=3, rows=7, label_width=63.5 * MM,
               label_height=38.1 * MM, top=15.15 * MM, left=7.25 * MM,
               pitch_x=66.04 * MM, pitch_y=38.1 * MM, padding=3 * MM),
    LabelSheet("avery-l7163", *A4, columns=2, rows=7, label_width=99.1 * MM,
               label_height=38.1 * MM, top=15.15 * MM, left=4.65 * MM,
               pitch_x=101.6 * MM, pitch_y=38.1 * MM, padding=4 * MM),
)}


def get_page_format(name: str) -> PageFormat:
    try:
        return PAGE_FORMATS[name.lower()]
    except KeyError:
        raise UnknownFormat(name, tuple(PAGE_FORMATS)) from None


def get_label_sheet(name: str) -> LabelSheet:
    key = name.lower()
    if key.startswith("l7"):  # people type "L7160" off the box
        key = "avery-" + key
    try:
        return LABEL_SHEETS[key]
    except KeyError:
        raise UnknownFormat(name, tuple(LABEL_SHEETS)) from None


def check_start(sheet: LabelSheet, start: int) -> None:
    if not 1 <= start <= sheet.per_page:
        raise InvalidStartPosition(start, sheet.per_page)


def formats_for(template_kind: str) -> tuple[str, ...]:
    """Format names a template of this kind prints on (cards fold; letters do not)."""
    if template_kind == FORM:
        kinds: tuple[str, ...] = (FORM,)
    else:
        kinds = (CARD, FOLDED, ENVELOPE) if template_kind == "card" else (LETTER, ENVELOPE)
    return tuple(name for name, fmt in PAGE_FORMATS.items() if fmt.kind in kinds)


def check_format(template_kind: str, fmt: PageFormat) -> None:
    if fmt.name not in formats_for(template_kind):
        raise FormatMismatch(template_kind, fmt.name, fmt.kind)


def default_format(template_kind: str, locale: str) -> str:
    us_paper = locale.replace("-", "_").split("_")[-1].upper() in {"US", "CA", "MX", "PH"}
    if template_kind == "card":
        return "4x6-card" if us_paper else "a6-card"
    if template_kind == FORM:
        return "form-us" if us_paper else "form-a4"
    return "letter-us" if us_paper else "letter-a4"
