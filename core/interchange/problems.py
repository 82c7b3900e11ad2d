"""What can go wrong in an import, as data: reason codes. A row's problem is the kernel's
`Problem` (field, code, detail, line); whole-file refusals are `errors.ImportRefused`."""
from __future__ import annotations

from core.kernel.errors import Problem

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
PHOTO_DROPPED = "photo_dropped"  # a vCard's photo (or logo, sound, key): the contact is kept

# Codes of warnings: the row was imported without this value. Every other code rejects it.
WARNING_CODES = frozenset({DROPPED_VALUE, PHOTO_DROPPED})

MAX_FIELD_CHARS = 100_000


def is_rejection(problem: Problem) -> bool:
    """Whether this problem kept its row out of the import (rather than only dropping one
    value). Derived from the code so that the problem needs no flag of its own."""
    return problem.code not in WARNING_CODES


