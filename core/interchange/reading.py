"""Strict, streaming CSV reading: every row with the line it starts on, every problem named.

The file is read in chunks through a byte counter (for progress), decoded incrementally and
parsed by the csv module in strict mode, so a 1 GB file needs no more memory than a small one.
"""
from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple, Self

from core.interchange.errors import ImportRefused
from core.interchange.formats import detect_format, repeated_columns
from core.interchange.problems import (
    BAD_QUOTING,
    DUPLICATE_HEADER,
    FIELD_TOO_LONG,
    MAX_FIELD_CHARS,
    NO_ROWS,
    NUL_BYTE,
    UNDECODABLE,
    UNREADABLE_FILE,
    UNTERMINATED_QUOTE,
)
from core.kernel.text import CONTROL_CHARACTERS, without_controls

# What an undecodable byte sequence of a UTF-8 file reads as: a lone surrogate, which no
# decoded text can hold, so a row that has one is told apart from a row that holds U+FFFD.
UNDECODABLE_MARK = "\udcff"
_LENIENT = "regulars.undecodable"
# UTF-8 is read leniently: a file that is UTF-8 but for a stray byte or a cut-off last
# character keeps every other row as written, and the rows with such bytes are reported.
_LENIENT_CODECS = frozenset({"utf-8", "utf-8-sig"})


def _mark_undecodable(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return UNDECODABLE_MARK, exc.end


codecs.register_error(_LENIENT, _mark_undecodable)


def lenient_errors(encoding: str) -> str:
    """The `errors` to decode a file in `encoding` with (see UNDECODABLE_MARK)."""
    return _LENIENT if codecs.lookup(encoding).name in _LENIENT_CODECS else "strict"


class CountingReader(io.RawIOBase):
    """A read-only byte stream that remembers how many bytes have been read."""

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self._raw = raw
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        size = len(data)
        buffer[:size] = data
        self.bytes_read += size
        return size

    def close(self) -> None:
        self._raw.close()
        super().close()


class CsvRow(NamedTuple):
    line: int  # physical line where the row starts (1 = header line)
    values: list[str]
    undecodable: bool = False  # some value holds UNDECODABLE_MARK


class CsvStream:
    """The header and then the data rows of one CSV file; use as a context manager."""

    def __init__(self, path: Path, *, encoding: str, delimiter: str) -> None:
        self.path = path
        self.encoding = encoding
        self.delimiter = delimiter
        try:
            self.total_bytes = path.stat().st_size
            self._counter = CountingReader(open(path, "rb"))  # noqa: SIM115 - see close()
        except OSError as exc:
            raise ImportRefused(UNREADABLE_FILE, detail=type(exc).__name__,
                                file=str(path)) from exc
        self._text = io.TextIOWrapper(
            io.BufferedReader(self._counter, 1 << 16), encoding=encoding, newline="",
            errors=lenient_errors(encoding))
        self._reader: Any = None
        self.header: list[str] = []

    @property
    def bytes_read(self) -> int:
        return self._counter.bytes_read

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._text.close()

    def _csv_reader(self) -> Any:
        """The csv reader, made on first use: the file's first line loses its byte order
        mark, and then the reader pulls lines from the text stream itself (no Python call
        per line)."""
        if self._reader is None:
            first = next(self._text, "")
            self._reader = csv.reader(itertools.chain([first.lstrip("\ufeff")], self._text),
                                      delimiter=self.delimiter, strict=True)
        return self._reader

    def _refuse(self, code: str, line: int, detail: str = "") -> ImportRefused:
        return ImportRefused(code, line=line, detail=detail, file=str(self.path))

    def _records(self) -> Iterator[CsvRow]:
        """Every row with the line it starts on, checked for NUL characters and over-long
        fields; blank lines (and rows of empty cells) are skipped. Raises ImportRefused for
        a malformed file."""
        start = self._reader.line_num + 1 if self._reader else 1
        try:
            reader = self._csv_reader()
            for values in reader:
                joined = "".join(values)
                if len(joined) > MAX_FIELD_CHARS and max(map(len, values)) > MAX_FIELD_CHARS:
                    raise self._refuse(FIELD_TOO_LONG, start, str(MAX_FIELD_CHARS))
                if "\x00" in joined:
                    raise self._refuse(NUL_BYTE, start + _line_breaks(joined.partition("\x00")[0]))
                if joined and not joined.isspace():
                    # One C-speed check per row; only rows with line breaks, control or
                    # invisible characters or undecodable bytes take the slower look.
                    yield CsvRow(start, values) if joined.isprintable() else _unusual(
                        start, values, joined)
                start = reader.line_num + 1
        except UnicodeDecodeError as exc:
            line = self._reader.line_num + 1 if self._reader else 1
            raise self._refuse(UNDECODABLE, line, self.encoding) from exc
        except csv.Error as exc:
            message = str(exc)
            if "field larger" in message:
                raise self._refuse(FIELD_TOO_LONG, start, str(MAX_FIELD_CHARS)) from exc
            if "unexpected end of data" in message:
                raise self._refuse(UNTERMINATED_QUOTE, start) from exc
            raise self._refuse(BAD_QUOTING, start, message) from exc

    def read_header(self) -> list[str]:
        """The header row; raises NO_ROWS for an empty file.

        A name that comes back is refused in a spreadsheet, whose author can say which
        column they meant, but not in a known program's export: HubSpot repeats names by
        design, and its first column of each name is imported (see formats.detect_format).
        """
        for line, values, _ in self._records():
            break
        else:
            raise self._refuse(NO_ROWS, self._reader.line_num if self._reader else 0)
        header = [v.replace(UNDECODABLE_MARK, "\ufffd").strip() for v in values]
        while header and not header[-1]:
            header.pop()  # spreadsheets add empty columns on the right
        if (repeated := repeated_columns(header)) and detect_format(header).name == "generic":
            raise self._refuse(DUPLICATE_HEADER, line, header[repeated[0]])
        self.header = header
        return header

    def rows(self) -> Iterator[CsvRow]:
        """The data rows; blank lines (and rows of empty cells) are skipped. Call read_header first."""
        return self._records()


def _unusual(line: int, values: list[str], joined: str) -> CsvRow:
    """A row with a non-printable character: control characters taken out (line breaks and
    tabs kept), and flagged when it holds undecodable bytes."""
    if CONTROL_CHARACTERS.search(joined):
        values = [without_controls(v) for v in values]
    return CsvRow(line, values, UNDECODABLE_MARK in joined)


def line_of_mark(line: int, values: list[str], column: int) -> int:
    """The physical line, in a row starting at `line`, of the first undecodable byte of
    the value in `column`."""
    before = "".join(values[:column]) + values[column].partition(UNDECODABLE_MARK)[0]
    return line + _line_breaks(before)


def _line_breaks(text: str) -> int:
    """How many lines `text` spans past its first, as the text stream splits them."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def open_csv(path: Path, *, encoding: str, delimiter: str) -> CsvStream:
    return CsvStream(path, encoding=encoding, delimiter=delimiter)
