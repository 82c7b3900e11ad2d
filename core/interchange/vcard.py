"""vCard 3.0: export customers, and read cards for the importer (with vobject).

Cards are read one at a time with the line they start on, so a large address book streams.
A birthday without a year is written `--MM-DD`, as Google and Apple read it.
"""
from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from core.interchange.exporting import CustomerExport, iter_export_rows, write_atomically
from core.interchange.problems import NOT_VCARD
from core.interchange.reading import CountingReader
from core.interchange.sniffing import detect_encoding, read_sample
from core.kernel.errors import Problem
from core.kernel.jobs import CancelCheck, Progress, never_cancelled, no_progress

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


def _blocks(text: Iterator[str]) -> Iterator[tuple[int, str]]:
    """(starting line, text) of each BEGIN:VCARD ... END:VCARD block."""
    lines: list[str] = []
    start = 0
    for number, line in enumerate(text, start=1):
        upper = line.strip().upper()
        if upper.startswith("BEGIN:VCARD"):
            lines, start = [line], number
        elif lines:
            lines.append(line)
            if upper.startswith("END:VCARD"):
                yield start, "".join(lines)
                lines = []
            elif len(lines) > 10_000:
                yield start, ""
                lines = []
    if lines:
        yield start, ""


def _value_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v)
    return str(value or "").strip()


def card_fields(card: Any) -> dict[str, list[str]]:
    """The importer's raw fields (field -> values) of one parsed vCard."""
    raw: dict[str, list[str]] = {}

    def put(name: str, value: Any) -> None:
        text = _value_text(value)
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


def open_vcard_source(path: Path) -> tuple[Any, Iterator[Any], Any, int, Any]:
    """What importing needs to read a .vcf file: info, rows, position, size, close."""
    import vobject

    from core.interchange.importing import SourceInfo

    encoding, _ = detect_encoding(read_sample(path))
    counter = CountingReader(open(path, "rb"))
    text = io.TextIOWrapper(io.BufferedReader(counter), encoding=encoding, newline=None,
                            errors="replace")

    def rows() -> Iterator[tuple[int, dict[str, list[str]]] | Problem]:
        found = False
        for line, block in _blocks(text):
            found = True
            try:
                card = vobject.readOne(block) if block else None
                raw = card_fields(card) if card is not None else None
            except Exception as exc:  # vobject raises many kinds on malformed cards
                yield Problem("", INVALID_VCARD, type(exc).__name__, line)
                continue
            if raw is None:
                yield Problem("", INVALID_VCARD, "unterminated", line)
                continue
            yield line, raw
        if not found:
            from core.interchange.errors import ImportRefused

            raise ImportRefused(NOT_VCARD, file=str(path))

    info = SourceInfo("vcard", "vcard", encoding, "", (), (), False)
    return info, rows(), lambda: counter.bytes_read, path.stat().st_size, text.close
