"""vCard 3.0: export customers, and read cards for the importer (with vobject).

Cards are read one at a time with the line they start on, so a large address book streams.
A birthday without a year is written `--MM-DD`, as Google and Apple read it.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from sqlalchemy.orm import Session

from core.interchange.exporting import CustomerExport, iter_export_rows, write_atomically
from core.interchange.problems import NOT_VCARD, PHOTO_DROPPED
from core.interchange.reading import CountingReader
from core.interchange.records import CleanRecord, RecordCleaner
from core.interchange.sniffing import detect_encoding, read_sample
from core.kernel.errors import Problem
from core.kernel.jobs import CancelCheck, Progress, never_cancelled, no_progress
from core.kernel.text import without_controls

INVALID_VCARD = "invalid_vcard"


def _card(row: CustomerExport) -> Any:
    import vobject

    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(family=row.last_name, given=row.first_name)
    card.add("fn").value = row.display_name
    if row.organisation:
        card.add("org").value = [row.organisation]
    for kind, kind_type, values in (("email", "INTERNET", (row.email, *row.other_emails)),
                                    ("tel", "VOICE", (row.phone, *row.other_phones))):
        for n, value in enumerate(v for v in values if v):
            item = card.add(kind)
            item.value = value
            item.type_param = [kind_type, "PREF"] if n == 0 else [kind_type]
    if row.street or row.city or row.postal_code or row.country or row.region:
        card.add("adr").value = vobject.vcard.Address(
            street=row.street, city=row.city, region=row.region, code=row.postal_code,
            country=row.country)
    if row.birthday:
        card.add("bday").value = row.birthday
    if row.notes:
        card.add("note").value = row.notes
    if row.tags:
        card.add("categories").value = list(row.tags)
    card.add("uid").value = f"regulars-customer-{row.id}"
    return card


def export_vcard(
    session: Session, path: Path, *, customer_ids: Sequence[int] | None = None,
    progress: Progress = no_progress, is_cancelled: CancelCheck = never_cancelled,
) -> int:
    """Write customers (all live ones, or `customer_ids`) as vCard 3.0; returns the count."""
    def write(handle: io.TextIOBase) -> int:
        count = 0
        for row, done, total in iter_export_rows(session, customer_ids, is_cancelled):
            handle.write(_card(row).serialize())
            count += 1
            if count % 500 == 0:
                progress(done, total)
        return count

    return write_atomically(path, write, encoding="utf-8")


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
            if skipping and (head in (" ", "\t") or ":" not in piece and piece.strip()):
                continue  # the dropped value's folded lines (vCard 2.1's are not indented)
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


def _value_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v)
    return str(value or "").strip()


def card_fields(card: Any) -> dict[str, list[str]]:
    """The importer's raw fields (field -> values) of one parsed vCard."""
    raw: dict[str, list[str]] = {}

    def put(name: str, value: Any) -> None:
        text = without_controls(_value_text(value))
        if text:
            raw.setdefault(name, []).append(text)

    contents = card.contents
    for item in contents.get("n", [])[:1]:
        put("first_name", item.value.given)
        put("last_name", item.value.family)
    for item in contents.get("fn", [])[:1]:
        put("full_name", item.value)
    for item in contents.get("org", [])[:1]:
        put("organisation", item.value[0] if isinstance(item.value, list) else item.value)
    for kind, name in (("email", "email"), ("tel", "phone")):
        items = sorted(contents.get(kind, []),
                       key=lambda i: "PREF" not in [t.upper() for t in i.params.get("TYPE", [])])
        for item in items:
            put(name, item.value)
    for item in contents.get("adr", [])[:1]:
        address = item.value
        put("street", address.street)
        put("city", address.city)
        put("region", address.region)
        put("postal_code", address.code)
        put("country", address.country)
    for name, key in (("bday", "birthday"), ("note", "notes"), ("categories", "tags")):
        for item in contents.get(name, [])[:1]:
            put(key, item.value)
    return raw


# In a card's raw fields: how many binary properties were left out (see VcardCleaner).
DROPPED_KEY = "_dropped"


class VcardCleaner(RecordCleaner):
    """The record cleaner for cards: a card whose photo was left out is imported with a
    warning saying so (a CSV's rows never need this, so RecordCleaner does not look)."""

    def clean(self, line: int, raw: dict[str, list[str]]) -> CleanRecord:
        dropped = raw.pop(DROPPED_KEY, None)
        record = super().clean(line, raw)
        if dropped:
            record.warnings.append(Problem("photo", PHOTO_DROPPED, dropped[0], line))
        return record


def open_vcard_source(path: Path) -> tuple[Any, Iterator[Any], Any, int, Any]:
    """What importing needs to read a .vcf file: info, rows, position, size, close."""
    import vobject

    from core.interchange.importing import SourceInfo

    encoding, _ = detect_encoding(read_sample(path))
    counter = CountingReader(open(path, "rb"))  # noqa: SIM115 - closed by close()
    text = io.TextIOWrapper(io.BufferedReader(counter), encoding=encoding, newline=None,
                            errors="replace")

    def rows() -> Iterator[tuple[int, dict[str, list[str]]] | Problem]:
        found = False
        for line, block, dropped, fault in _blocks(text):
            found = True
            if fault:
                yield Problem("", INVALID_VCARD, fault, line)
                continue
            try:
                raw = card_fields(vobject.readOne(block))
            except Exception as exc:  # noqa: BLE001 - vobject raises many kinds on bad cards
                yield Problem("", INVALID_VCARD, type(exc).__name__, line)
                continue
            if dropped:
                raw[DROPPED_KEY] = [str(dropped)]
            yield line, raw
        if not found:
            from core.interchange.errors import ImportRefused

            raise ImportRefused(NOT_VCARD, file=str(path))

    info = SourceInfo("vcard", "vcard", encoding, "", (), (), False)
    return info, rows(), lambda: counter.bytes_read, path.stat().st_size, text.close
