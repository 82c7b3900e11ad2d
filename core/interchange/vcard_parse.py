"""One vCard's text as real programs write it, read into the importer's raw fields.

vCard 2.1, 3.0 and 4.0 are read alike, without vobject, which refuses much of what phones
and mail programs write: quoted-printable soft line breaks (Outlook, Android), lines that
end CR CR LF (iOS), a CHARSET per property (Shift_JIS, windows-1250), bare and lower-case
`quoted-printable` and `base64` encodings, PROFILE:VCard, compact birthdays. Properties the
importer has no field for are ignored, so an unknown or odd one never costs the contact.

(Why not vobject: 0.9.9, the last release we pinned, fails on QP soft line breaks, on
`PROFILE:VCard` and on bare `QUOTED-PRINTABLE` parameters, each of which costs a real
contact. Nothing imports it any more, so it is no longer a dependency.)

The file is decoded as one encoding with undecodable bytes kept as surrogates
(`surrogateescape`), so a property with its own CHARSET gets back its exact bytes.
"""
from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from core.kernel.text import without_controls

# The properties read; every other one is ignored.
_READ = frozenset({"N", "FN", "ORG", "EMAIL", "TEL", "ADR", "BDAY", "NOTE", "CATEGORIES",
                   "UID", "X-ABSHOWAS"})
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "Q", "BASE64", "B", "8BIT", "7BIT"})
_ESCAPED = re.compile(r"\\([nN,;:\\])")
_UNESCAPE = {"n": "\n", "N": "\n", ",": ",", ";": ";", ":": ":", "\\": "\\"}
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T[\d:]*Z?)?$")
_YEARLESS_WITH_TIME = re.compile(r"^(--\d{2}-?\d{2})T.*$")
_VERSION_2_1 = re.compile(r"^VERSION:\s*2\.1\s*$", re.IGNORECASE | re.MULTILINE)
_SURROGATES = re.compile("[\udc80-\udcff]+")
# Byte-for-byte encodings: a value's bytes can be had back from its text (see module doc).
_WIDE = ("utf-16", "utf-32")


@dataclass
class Property:
    name: str  # upper case, without its group
    params: dict[str, list[str]]  # upper-case keys; a bare 2.1 parameter is a TYPE or ENCODING
    value: str  # decoded, still escaped as the card wrote it


@dataclass
class ReadCard:
    """A card's raw fields (field -> values) and the name the card is known by."""

    raw: dict[str, list[str]] = field(default_factory=dict)
    name: str = ""  # FN, else the N or ORG it shows
    skipped: list[str] = field(default_factory=list)  # lines that are no property


def logical_lines(text: str) -> list[str]:
    """The card's properties one per line: folds joined, quoted-printable soft line breaks
    joined, empty lines (iOS's CR CR LF reads as two line ends) left out. vCard 2.1 folds
    before a space that belongs to the value (it stays); 3.0 and 4.0 add the space."""
    lines: list[str] = []
    continues = False  # the previous line is quoted-printable and ends in a soft break
    fold_adds_space = _VERSION_2_1.search(text) is None
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line:
            continue
        if continues:
            lines[-1] = lines[-1][:-1] + line
        elif lines and line[0] in " \t":
            lines[-1] += line[1:] if fold_adds_space else line
        else:
            lines.append(line)
        last = lines[-1]
        continues = last.endswith("=") and _quoted_printable(last)
    return lines


def _quoted_printable(line: str) -> bool:
    head = line.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in head or ";ENCODING=Q" in head


def _split(text: str, separator: str, *, quotes: bool = False) -> list[str]:
    """`text` split on `separator` where no backslash (or, with `quotes`, as in parameters,
    no double quotes) protects it."""
    parts, current, quoted, escaped = [], [], False, False
    for ch in text:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            current.append(ch)
            escaped = True
        elif ch == '"' and quotes:
            quoted = not quoted
            current.append(ch)
        elif ch == separator and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def parse_property(line: str, file_encoding: str) -> Property | None:
    """One logical line as a property with its value decoded; None when it is none."""
    head, colon, value = _split_head(line)
    if not colon:
        return None
    name, *raw_params = _split(head, ";", quotes=True)
    name = name.rpartition(".")[2].strip().upper()
    if not name:
        return None
    params: dict[str, list[str]] = {}
    for param in raw_params:
        key, equals, values = param.partition("=")
        if not equals:
            key, values = ("ENCODING" if key.strip().upper() in _ENCODINGS else "TYPE"), key
        params.setdefault(key.strip().upper(), []).extend(
            v.strip().strip('"') for v in _split(values, ",", quotes=True) if v.strip())
    if name not in _READ:
        return Property(name, params, "")
    return Property(name, params, _decoded(value, params, file_encoding))


def _split_head(line: str) -> tuple[str, str, str]:
    """(name and parameters, ":", value), the colon found outside double quotes."""
    quoted = False
    for n, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return line[:n], ":", line[n + 1:]
    return line, "", ""


def _decoded(value: str, params: dict[str, list[str]], file_encoding: str) -> str:
    """The value's text, still escaped: its transfer encoding undone, its own CHARSET
    applied, and a decoded line break written as vCard 3.0's escaped one."""
    encoding = (params.get("ENCODING") or [""])[0].upper()
    charset = (params.get("CHARSET") or [""])[0]
    if encoding in ("QUOTED-PRINTABLE", "Q"):
        data = quopri.decodestring(_bytes(value, file_encoding))
    elif encoding in ("BASE64", "B"):
        try:
            data = base64.b64decode(value.strip() + "=" * (-len(value.strip()) % 4))
        except (binascii.Error, ValueError):
            return ""
    elif charset and _codec(charset) not in (None, _codec(file_encoding)):
        return _text(_bytes(value, file_encoding), charset, file_encoding)
    else:
        return _SURROGATES.sub("\ufffd", value)
    text = _text(data, charset, file_encoding)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _bytes(value: str, file_encoding: str) -> bytes:
    """The bytes the file held for `value` (a wide file's text is taken as UTF-8)."""
    if (_codec(file_encoding) or "").startswith(_WIDE):
        return value.encode("utf-8", "replace")
    return value.encode(file_encoding, "surrogateescape")


def _text(data: bytes, charset: str, file_encoding: str) -> str:
    """`data` in its CHARSET; without one (or an unknown one), UTF-8 as phones write it,
    else the file's own single-byte encoding, else Windows' (as Outlook writes it)."""
    for name in (charset, "utf-8"):
        if name and _codec(name):
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                pass
    fallback = file_encoding if not (_codec(file_encoding) or "utf").startswith(
        ("utf", *_WIDE)) else "cp1252"
    return data.decode(fallback, "replace")


def unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: _UNESCAPE[m[1]], text)


def _parts(value: str, count: int) -> list[str]:
    """A structured value's first `count` parts (N, ADR), unescaped, missing ones empty."""
    parts = [unescape(p) for p in _split(value, ";")]
    return (parts + [""] * count)[:count]


def birthday_text(value: str) -> str:
    """BDAY as the importer's date parser reads it: `19800322` -> `1980-03-22`, a time
    taken off a year-less `--03-22T00:00:00`."""
    text = value.strip()
    if match := _COMPACT_DATE.match(text):
        return f"{match[1]}-{match[2]}-{match[3]}"
    if match := _YEARLESS_WITH_TIME.match(text):
        return match[1]
    return text


def read_card(text: str, file_encoding: str) -> ReadCard:
    """The raw fields of one card's text (BEGIN:VCARD to END:VCARD)."""
    card = ReadCard()
    found: dict[str, list[Property]] = {}
    for line in logical_lines(text):
        prop = parse_property(line, file_encoding)
        if prop is None:
            card.skipped.append(line[:80])
        elif prop.name in _READ:
            found.setdefault(prop.name, []).append(prop)

    def put(name: str, value: str) -> None:
        value = without_controls(value.replace("\r", "")).strip()
        if value:
            card.raw.setdefault(name, []).append(value)

    first = {name: props[0].value for name, props in found.items()}
    family, given, middle = _parts(first.get("N", ""), 3)
    organisation = _parts(first.get("ORG", ""), 1)[0]
    full_name = unescape(first.get("FN", ""))
    put("first_name", " ".join(p for p in (given, middle) if p.strip()))
    put("last_name", family)
    put("organisation", organisation)
    shows_company = first.get("X-ABSHOWAS", "").strip().upper() == "COMPANY"
    if not (given.strip() or family.strip()) and not (
            organisation.strip() and (shows_company or full_name.strip() in ("", organisation.strip()))):
        put("full_name", full_name)  # a person named only in FN; not a company's own name
    card.name = (full_name or " ".join(p for p in (given, family) if p) or organisation).strip()
    for kind, name, scheme in (("EMAIL", "email", "mailto:"), ("TEL", "phone", "tel:")):
        props = sorted(found.get(kind, []), key=lambda p: "PREF" not in {
            t.upper() for t in p.params.get("TYPE", [])} and "PREF" not in p.params)
        for prop in props:
            value = unescape(prop.value).strip()
            put(name, value[len(scheme):] if value.lower().startswith(scheme) else value)
    if "ADR" in first:
        _address(first["ADR"], put)
    if "BDAY" in first:
        put("birthday", birthday_text(unescape(first["BDAY"])))
    if "NOTE" in first:
        put("notes", unescape(first["NOTE"]))
    for prop in found.get("CATEGORIES", []):
        for category in _split(prop.value, ","):
            put("tags", unescape(category))
    if "UID" in first:
        put("external_id", unescape(first["UID"]))  # matched first (external_ids)
    return card


def _address(value: str, put: Callable[[str, str], None]) -> None:
    """ADR's parts; when the structured ones are empty (as Gmail writes it, with the whole
    address in the extended part), the extended part or the PO box as the street."""
    po_box, extended, street, city, region, code, country = _parts(value, 7)
    if not (street.strip() or city.strip() or region.strip() or code.strip()
            or country.strip()):
        street, extended = ", ".join(
            line.strip() for part in (extended, po_box) for line in part.split("\n")
            if line.strip()), ""
    put("street", ", ".join(line.strip() for line in street.split("\n") if line.strip()))
    put("street2", ", ".join(line.strip() for line in extended.split("\n") if line.strip()))
    put("city", city)
    put("region", region)
    put("postal_code", code)
    put("country", country)
