"""Guessing how a text file was written: its encoding and its field separator."""
from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from core.interchange.errors import ImportRefused
from core.interchange.problems import BINARY_FILE, EMPTY_FILE, UNKNOWN_ENCODING

SAMPLE_BYTES = 64 * 1024
DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\t": "\t", "pipe": "|", "|": "|"}
_CANDIDATES = (",", ";", "\t", "|")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"%PDF", "pdf"), (b"PK\x03\x04", "zip"), (b"\xd0\xcf\x11\xe0", "ole"),
    (b"\x89PNG", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF8", "gif"), (b"\x1f\x8b", "gzip"),
    (b"SQLite format 3", "sqlite"),
)
# Single-byte encodings tried, in order, when the bytes are not UTF-8.
_LEGACY = ("cp1252", "cp1250", "cp1251", "mac_roman", "latin-1")


@dataclass(frozen=True)
class Sniffed:
    encoding: str
    delimiter: str
    has_bom: bool


def read_sample(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(SAMPLE_BYTES)


def detect_encoding(sample: bytes, *, complete: bool = False) -> tuple[str, bool]:
    """(Python codec name, whether a BOM said so). Raises ImportRefused for binary data."""
    if not sample.strip():
        raise ImportRefused(EMPTY_FILE)
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name, True
    for magic, kind in _MAGIC:
        if sample.startswith(magic):
            raise ImportRefused(BINARY_FILE, detail=kind)
    nuls = sample.count(b"\x00")
    if nuls:
        if utf16 := _bomless_utf16(sample):
            return utf16, False
        if nuls > len(sample) // 100 + 1:
            raise ImportRefused(BINARY_FILE, detail="nul")
        # A stray NUL in text: the reader refuses it with its line number.
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
        return "utf-8", False
    except UnicodeDecodeError:
        pass
    if mostly_utf8(sample):
        return "utf-8", False  # the reader reports the rows with the bytes that are not
    guess = _legacy_guess(sample)
    text = sample.decode(guess, errors="replace")
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\r\n")
    if controls > max(2, len(text) // 100):
        raise ImportRefused(BINARY_FILE, detail="control_characters")
    return guess, False


def mostly_utf8(sample: bytes) -> bool:
    """Whether bytes that are not all UTF-8 still are UTF-8 with a few bad bytes: more
    well-formed multi-byte characters than bad sequences, or one cut-off character at the
    very end. Read whole as a single-byte encoding, such a file would turn every accented
    letter into two (Zoë into ZoÃ«) to save a line or two."""
    text = codecs.decode(sample, "utf-8", "replace")
    bad = text.count("\ufffd")
    if text.endswith("\ufffd") and bad == 1:
        return True  # the last character was cut off
    well_formed = sum(1 for ch in text if ch > "\x7f") - bad
    return well_formed > bad


def _bomless_utf16(sample: bytes) -> str | None:
    """UTF-16 without a byte order mark: mostly-ASCII text has a NUL in every other byte."""
    even, odd = sample[0::2], sample[1::2]
    if len(sample) >= 4 and odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if len(sample) >= 4 and even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _legacy_guess(sample: bytes) -> str:
    """Excel's Windows encoding (cp1252) when it fits, as it does for most Western files;
    otherwise charset-normalizer's pick among the other common single-byte encodings."""
    try:
        sample.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=list(_LEGACY[1:-1])).best()
    if best is not None:
        return str(codecs.lookup(best.encoding).name)
    return "latin-1"  # decodes every byte


def check_encoding(name: str) -> str:
    try:
        return str(codecs.lookup(name).name)
    except LookupError as exc:
        raise ImportRefused(UNKNOWN_ENCODING, detail=name) from exc


def detect_delimiter(text: str) -> str:
    """The separator that splits the first lines into the same, largest number of fields."""
    lines = text.splitlines(keepends=True)
    if len(lines) > 1 and not text.endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample may end mid-line
    head = "".join(lines[:20])
    best, best_score = ",", 0
    for candidate in _CANDIDATES:
        try:
            rows = [r for r in csv.reader(io.StringIO(head), delimiter=candidate) if r]
        except csv.Error:
            continue
        if not rows:
            continue
        width = len(rows[0])
        if width < 2:
            continue
        consistent = sum(1 for r in rows if len(r) == width)
        score = width * 10 + consistent
        if score > best_score:
            best, best_score = candidate, score
    return best


def sniff_file(path: Path, *, encoding: str = "auto", delimiter: str = "auto") -> Sniffed:
    """Encoding and separator of a CSV file, each either detected ("auto") or as given."""
    sample = read_sample(path)
    complete = len(sample) < SAMPLE_BYTES
    if encoding == "auto":
        name, has_bom = detect_encoding(sample, complete=complete)
    else:
        name, has_bom = check_encoding(encoding), False
        if not sample.strip():
            raise ImportRefused(EMPTY_FILE)
    text = sample.decode(name, errors="replace")
    if name == "utf-8-sig" or text.startswith("\ufeff"):
        text = text.lstrip("\ufeff")
    if not text.strip():
        raise ImportRefused(EMPTY_FILE)
    chosen = DELIMITERS.get(delimiter) if delimiter != "auto" else detect_delimiter(text)
    if chosen is None:
        raise ValueError(f"unknown delimiter {delimiter!r}")
    return Sniffed(encoding=name, delimiter=chosen, has_bom=has_bom)
