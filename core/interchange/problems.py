"""What can go wrong in an import, as data: reason codes, the line and field they concern."""
from __future__ import annotations

from dataclasses import dataclass

# Defined with the area's other errors; most of the import names it here, with its codes.
from core.interchange.errors import ImportRefused as ImportRefused  # noqa: PLC0414

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


