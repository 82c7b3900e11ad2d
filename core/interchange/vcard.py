"""vCard 3.0: export customers, and read cards for the importer (see vcard_parse).

Cards are read one at a time with the line they start on, so a large address book streams.
A birthday without a year is written `--MM-DD`, as Google and Apple read it. Lines are
folded at 75 octets (RFC 6350 3.2), never inside a character; a UID is this database's id
plus the customer's, so two databases never give the same one.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from sqlalchemy.orm import Session

from core.interchange.errors import RowRejected
from core.interchange.exporting import (
    CustomerExport,
    RawReader,
    iter_export_rows,
    write_atomically,
)
from core.interchange.external_ids import own_id
from core.interchange.problems import DROPPED_VALUE, NOT_VCARD, PHOTO_DROPPED
from core.interchange.reading import CountingReader
from core.interchange.records import CleanRecord, RecordCleaner
from core.interchange.sniffing import check_encoding, detect_encoding, read_sample
from core.interchange.vcard_parse import read_card
from core.kernel.errors import Problem
from core.kernel.jobs import CancelCheck, Progress, never_cancelled, no_progress
from core.settings.services import database_id

INVALID_VCARD = "invalid_vcard"
FOLD_OCTETS = 75  # a line's length without its CRLF (RFC 6350 3.2, RFC 2426 2.6)
# The tag an import gives the customers it created (core.interchange.importing._run), as
# exported by this or another database: bookkeeping, not one of the customer's categories.
_IMPORT_TAG = re.compile(r"^import \d{4}-\d{2}-\d{2} [A-Za-z][A-Za-z ]*$")
_IMPORT_TAGS_SQL = "SELECT DISTINCT tag_name FROM import_runs"


def escape(text: str) -> str:
    """A text value as vCard 3.0 writes it (backslash, comma, semicolon, line breaks)."""
    return (text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def fold_line(line: str) -> str:
    """`line` with CRLF, folded so that no physical line passes FOLD_OCTETS of UTF-8."""
    encoded = line.encode("utf-8")
    if len(encoded) <= FOLD_OCTETS:
        return line + "\r\n"
    pieces: list[str] = []
    piece: list[str] = []
    size, limit = 0, FOLD_OCTETS
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(piece))
            piece, size, limit = [], 0, FOLD_OCTETS - 1  # a folded line starts with a space
        piece.append(ch)
        size += width
    pieces.append("".join(piece))
    return "\r\n ".join(pieces) + "\r\n"


def card_text(row: CustomerExport, uid: str, bookkeeping: frozenset[str] = frozenset()) -> str:
    """One customer as a vCard 3.0, folded, with CRLF line ends."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"UID:{escape(uid)}",
             f"N:{escape(row.last_name)};{escape(row.first_name)};;;",
             f"FN:{escape(row.display_name)}"]
    if row.organisation:
        lines.append(f"ORG:{escape(row.organisation)}")
        if not (row.first_name or row.last_name):
            lines.append("X-ABShowAs:COMPANY")  # Apple's sign of a company's own card
    for kind, kind_type, values in (("EMAIL", "INTERNET", (row.email, *row.other_emails)),
                                    ("TEL", "VOICE", (row.phone, *row.other_phones))):
        for n, value in enumerate(v for v in values if v):
            types = f"{kind_type},PREF" if n == 0 else kind_type
            lines.append(f"{kind};TYPE={types}:{escape(value)}")
    if row.street or row.city or row.postal_code or row.country or row.region:
        parts = ("", "", row.street, row.city, row.region, row.postal_code, row.country)
        lines.append("ADR:" + ";".join(escape(p) for p in parts))
    if row.birthday:
        lines.append(f"BDAY:{row.birthday}")
    if row.notes:
        lines.append(f"NOTE:{escape(row.notes)}")
    if categories := [t for t in row.tags if t not in bookkeeping and not _IMPORT_TAG.match(t)]:
        lines.append("CATEGORIES:" + ",".join(escape(t) for t in categories))
    lines.append("END:VCARD")
    return "".join(fold_line(line) for line in lines)


def export_vcard(
    session: Session, path: Path, *, customer_ids: Sequence[int] | None = None,
    progress: Progress = no_progress, is_cancelled: CancelCheck = never_cancelled,
) -> int:
    """Write customers (all live ones, or `customer_ids`) as vCard 3.0; returns the count.
    Stores this database's id the first time one is exported (see database_id)."""
    database = database_id(session)
    bookkeeping = frozenset(row[0] for row in RawReader(session).rows(_IMPORT_TAGS_SQL))

    def write(handle: io.TextIOBase) -> int:
        count = 0
        for row, done, total in iter_export_rows(session, customer_ids, is_cancelled):
            handle.write(card_text(row, own_id(database, row.id), bookkeeping))
            count += 1
            if count % 500 == 0:
                progress(done, total)
        return count

    # newline="": the cards carry their own CRLF, which must not become CR CR LF on Windows.
    return write_atomically(path, write, encoding="utf-8", newline="")


# A card's text as read, without the properties left out (see _DROPPED): 1 MB holds any
# real contact many times over. Cards are capped by size, not lines: a photo folded at 75
# characters is 70,000 lines.
MAX_CARD_CHARS = 1_000_000
# Lines are read in pieces of at most this many characters, so that a photo written on
# one 10 MB line is never held whole.
_PIECE = 64 * 1024
# Binary properties: a photo, a logo, a sound, a key. Nothing of them is imported, and
# they are most of a card's size (a 5 MB photo), so they are skipped as they are read.
_DROPPED = re.compile(r"(?:[A-Za-z0-9-]+\.)?(?:PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)
TOO_LARGE = "too_large"
UNTERMINATED = "unterminated"


class _Block(NamedTuple):
    line: int  # where BEGIN:VCARD is
    text: str  # the card without its dropped properties; "" when it is not readable
    dropped: int  # properties left out
    fault: str = ""  # why `text` is "": UNTERMINATED or TOO_LARGE


def _pieces(text: TextIO) -> Iterator[tuple[bool, str]]:
    """(whether the piece starts a physical line, piece) for every piece of the text."""
    starts = True
    while piece := text.readline(_PIECE):
        yield starts, piece
        starts = piece.endswith("\n")


def _blocks(text: TextIO) -> Iterator[_Block]:
    """Each BEGIN:VCARD ... END:VCARD block with the line it starts on; memory stays
    within MAX_CARD_CHARS plus a piece, whatever the lines' length."""
    lines: list[str] | None = None  # the open card's kept text
    start = size = dropped = 0
    number = 0
    skipping = False  # inside a dropped property (its value lines and folded lines)
    too_large = False  # the open card passed MAX_CARD_CHARS: read to its end, keep nothing
    for starts, piece in _pieces(text):
        if not starts:  # more of a long line
            if lines is not None and not skipping and not too_large:
                lines.append(piece)
                size += len(piece)
        else:
            number += 1
            head = piece[:1]
            upper = piece.lstrip()[:11].upper()
            if upper.startswith("BEGIN:VCARD"):
                if lines is not None:
                    yield _Block(start, "", dropped, UNTERMINATED)
                lines, start, size, dropped = [piece], number, len(piece), 0
                skipping = too_large = False
                continue
            if lines is None:
                continue  # text between cards
            if skipping and (head in (" ", "\t") or ":" not in piece):
                continue  # the dropped value's folded lines (vCard 2.1's are not indented,
                # and iOS's CR CR LF puts an empty line after each)
            skipping = False
            if upper.startswith("END:VCARD"):
                if too_large:
                    yield _Block(start, "", dropped, TOO_LARGE)
                else:
                    lines.append(piece)
                    yield _Block(start, "".join(lines), dropped)
                lines = None
                continue
            if _DROPPED.match(piece):
                skipping = True
                dropped += 1
                continue
            if not too_large:
                lines.append(piece)
                size += len(piece)
        if lines is not None and size > MAX_CARD_CHARS and not too_large:
            too_large = True
            lines.clear()
    if lines is not None:
        yield _Block(start, "", dropped, UNTERMINATED)


# In a card's raw fields, what VcardCleaner takes out before cleaning: how many binary
# properties were left out, the card's position and name, and lines that are no property.
DROPPED_KEY = "_dropped"
CARD_KEY = "_card"
SKIPPED_KEY = "_skipped"
# The card's property that holds each field, to name it when the card is refused.
_PROPERTIES = {"first_name": "N", "last_name": "N", "full_name": "FN", "organisation": "ORG",
               "email": "EMAIL", "phone": "TEL", "street": "ADR", "city": "ADR",
               "region": "ADR", "postal_code": "ADR", "country": "ADR", "birthday": "BDAY",
               "notes": "NOTE", "tags": "CATEGORIES"}


def refused_detail(position: str, name: str, prop: str, detail: str) -> str:
    """A refusal's detail naming the card: `card 3 "Ann Lee", EMAIL: ann@`."""
    named = f' "{name}"' if name else ""
    return f"card {position}{named}, {prop}" + (f": {detail}" if detail else "")


class VcardCleaner(RecordCleaner):
    """The record cleaner for cards: a card whose photo was left out is imported with a
    warning saying so, a line that is no property is a warning, and a refused card's
    problems name the card (position and FN) and its property."""

    def clean(self, line: int, raw: dict[str, list[str]]) -> CleanRecord:
        dropped = raw.pop(DROPPED_KEY, None)
        position, name = raw.pop(CARD_KEY, None) or ("", "")
        skipped = raw.pop(SKIPPED_KEY, ())
        # Each category is one tag, commas and semicolons in it included (CSV cells are split).
        categories = raw.pop("tags", ())
        try:
            record = super().clean(line, raw)
        except RowRejected as rejected:
            rejected.problems = [Problem(p.field, p.code, refused_detail(
                position, name, _PROPERTIES.get(p.field, p.field.upper()), p.detail), p.line)
                for p in rejected.problems]
            raise
        if categories:
            record.tags = list(dict.fromkeys(t[:100] for t in categories))
        if dropped:
            record.warnings.append(Problem("photo", PHOTO_DROPPED, dropped[0], line))
        record.warnings.extend(Problem("", DROPPED_VALUE, text, line) for text in skipped)
        return record


def open_vcard_source(path: Path, encoding: str = "auto"
                      ) -> tuple[Any, Iterator[Any], Any, int, Any]:
    """What importing needs to read a .vcf file: info, rows, position, size, close.
    `encoding` is the file's ("auto": detected); a property's CHARSET overrides it."""
    from core.interchange.importing import SourceInfo

    if encoding == "auto":
        encoding, _ = detect_encoding(read_sample(path))
    else:
        encoding = check_encoding(encoding)
    counter = CountingReader(open(path, "rb"))  # noqa: SIM115 - closed by close()
    # Undecodable bytes are kept (as surrogates) for the properties that name a CHARSET.
    errors = "replace" if encoding.startswith(("utf-16", "utf-32")) else "surrogateescape"
    text = io.TextIOWrapper(io.BufferedReader(counter), encoding=encoding, newline=None,
                            errors=errors)

    def rows() -> Iterator[tuple[int, dict[str, list[str]]] | Problem]:
        position = 0
        for line, block, dropped, fault in _blocks(text):
            position += 1
            if fault:
                yield Problem("", INVALID_VCARD, fault, line)
                continue
            card = read_card(block, encoding)
            raw = card.raw
            raw[CARD_KEY] = [str(position), card.name]
            if card.skipped:
                raw[SKIPPED_KEY] = card.skipped
            if dropped:
                raw[DROPPED_KEY] = [str(dropped)]
            yield line, raw
        if not position:
            from core.interchange.errors import ImportRefused

            raise ImportRefused(NOT_VCARD, file=str(path))

    info = SourceInfo("vcard", "vcard", encoding, "", (), (), False)
    return info, rows(), lambda: counter.bytes_read, path.stat().st_size, text.close
