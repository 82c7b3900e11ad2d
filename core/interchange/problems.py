"""What can go wrong in an import, as data: reason codes, the line and field they concern."""
from __future__ import annotations

from dataclasses import dataclass

# Whole-file refusals (nothing is written).
EMPTY_FILE = "empty_file"
NO_ROWS = "no_rows"
BINARY_FILE = "binary_file"
UNDECODABLE = "undecodable"
UNTERMINATED_QUOTE = "unterminated_quote"
BAD_QUOTING = "bad_quoting"
DUPLICATE_HEADER = "duplicate_header"
FIELD_TOO_LONG = "field_too_long"
NUL_BYTE = "nul_byte"
NO_USABLE_COLUMNS = "no_usable_columns"
UNKNOWN_ENCODING = "unknown_encoding"
UNREADABLE_FILE = "unreadable_file"
NOT_VCARD = "not_vcard"

# Row-level problems (the row is rejected, or one value is dropped).
WRONG_FIELD_COUNT = "wrong_field_count"
INVALID_MONEY = "invalid_money"
DROPPED_VALUE = "dropped_value"  # a secondary email/phone that was not valid

MAX_FIELD_CHARS = 100_000


@dataclass(frozen=True)
class RowProblem:
    """One problem in one row: `line` is the file's physical line where the row starts."""

    line: int
    field: str
    code: str
    detail: str = ""
    rejected: bool = True  # False: the row was imported without this value


class ImportRefused(Exception):
    """The file as a whole cannot be imported; nothing was written."""

    def __init__(self, code: str, *, line: int | None = None, detail: str = "",
                 file: str = "") -> None:
        where = f" line {line}" if line is not None else ""
        super().__init__(f"{file}{where}: {code} {detail}".strip())
        self.code = code
        self.line = line
        self.detail = detail
        self.file = file

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments: the default (self.args) would rebuild it wrongly when it
        # comes back from the cleaning process.
        return _rebuild_refusal, (self.code, self.line, self.detail, self.file)


def _rebuild_refusal(code: str, line: int | None, detail: str, file: str) -> ImportRefused:
    return ImportRefused(code, line=line, detail=detail, file=file)
