"""Strict, streaming CSV reading: every row with the line it starts on, every problem named.

The file is read in chunks through a byte counter (for progress), decoded incrementally and
parsed by the csv module in strict mode, so a 1 GB file needs no more memory than a small one.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from core.interchange.formats import header_key
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
    ImportRefused,
)


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


@dataclass(frozen=True)
class CsvRow:
    line: int  # physical line where the row starts (1 = header line)
    values: list[str]


class CsvStream:
    """The header and then the data rows of one CSV file; use as a context manager."""

    def __init__(self, path: Path, *, encoding: str, delimiter: str) -> None:
        self.path = path
        self.encoding = encoding
        self.delimiter = delimiter
        try:
            self.total_bytes = path.stat().st_size
            self._counter = CountingReader(open(path, "rb"))
        except OSError as exc:
            raise ImportRefused(UNREADABLE_FILE, detail=type(exc).__name__,
                                file=str(path)) from exc
        self._text = io.TextIOWrapper(
            io.BufferedReader(self._counter, 1 << 16), encoding=encoding, newline=""
        )
        self._line = 0
        self._reader = csv.reader(self._lines(), delimiter=delimiter, strict=True)
        self.header: list[str] = []

    @property
    def bytes_read(self) -> int:
        return self._counter.bytes_read

    def __enter__(self) -> CsvStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._text.close()

    def _lines(self) -> Iterator[str]:
        first = True
        for line in self._text:
            self._line += 1
            if first:
                line = line.lstrip("\ufeff")
                first = False
            if "\x00" in line:
                raise ImportRefused(NUL_BYTE, line=self._line, file=str(self.path))
            yield line

    def _refuse(self, code: str, line: int, detail: str = "") -> ImportRefused:
        return ImportRefused(code, line=line, detail=detail, file=str(self.path))

    def _next(self) -> tuple[int, list[str]] | None:
        start = self._line + 1
        try:
            values = next(self._reader)
        except StopIteration:
            return None
        except UnicodeDecodeError as exc:
            raise self._refuse(UNDECODABLE, self._line + 1, self.encoding) from exc
        except csv.Error as exc:
            message = str(exc)
            if "field larger" in message:
                raise self._refuse(FIELD_TOO_LONG, start, str(MAX_FIELD_CHARS)) from exc
            if "unexpected end of data" in message:
                raise self._refuse(UNTERMINATED_QUOTE, start) from exc
            raise self._refuse(BAD_QUOTING, start, message) from exc
        if values and max(map(len, values)) > MAX_FIELD_CHARS:
            raise self._refuse(FIELD_TOO_LONG, start, str(MAX_FIELD_CHARS))
        return start, values

    def read_header(self) -> list[str]:
        """The header row, checked for duplicate names; raises NO_ROWS for an empty file."""
        while True:
            found = self._next()
            if found is None:
                raise self._refuse(NO_ROWS, self._line)
            line, values = found
            if any(v.strip() for v in values):
                break
        header = [v.strip() for v in values]
        while header and not header[-1]:
            header.pop()  # spreadsheets add empty columns on the right
        seen: set[str] = set()
        for name in header:
            key = header_key(name)
            if key and key in seen:
                raise self._refuse(DUPLICATE_HEADER, line, name)
            seen.add(key)
        self.header = header
        return header

    def rows(self) -> Iterator[CsvRow]:
        """The data rows; blank lines (and rows of empty cells) are skipped. Call read_header first."""
        while (found := self._next()) is not None:
            line, values = found
            if not "".join(values).strip():
                continue
            yield CsvRow(line, values)


def open_csv(path: Path, *, encoding: str, delimiter: str) -> CsvStream:
    return CsvStream(path, encoding=encoding, delimiter=delimiter)
