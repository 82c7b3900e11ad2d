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
INVALID_MONEY = "invalid_money"  # rejected a row until issue 10; now a DROPPED_VALUE
# A value left out as not valid (a phone "12", an email without "@", a birthday that does
# not exist, an amount that is none): the customer is imported without it, and the value
# is kept on the customer for a person to check (Customer.needs_checking).
DROPPED_VALUE = "dropped_value"
TOO_LONG_DROPPED = "too_long_dropped"  # likewise, a value longer than its field takes
PHOTO_DROPPED = "photo_dropped"  # a vCard's photo (or logo, sound, key): the contact is kept
NAME_MISSING = "name_missing"  # imported by the email (or phone) alone: detail says which
# An amount in another currency than the business's (detail: the amount as given): never
# converted, so left out and kept under Needs checking.
OTHER_CURRENCY = "other_currency"
# A referrer ("referred by") that names nobody the import knows: kept under Needs checking.
REFERRER_UNKNOWN = "referrer_unknown"

# Codes of warnings: the row was imported all the same. Every other code rejected its row:
# nothing identifies anyone (NAME_REQUIRED: no name, organisation, email or phone), or the
# row cannot be read. Histories written before issue 10 hold invalid_email, invalid_phone,
# invalid_date, invalid_money and too_long, which rejected their rows then: kept as they are.
WARNING_CODES = frozenset({DROPPED_VALUE, TOO_LONG_DROPPED, PHOTO_DROPPED, NAME_MISSING,
                           OTHER_CURRENCY, REFERRER_UNKNOWN})

MAX_FIELD_CHARS = 100_000


def is_rejection(problem: Problem) -> bool:
    """Whether this problem kept its row out of the import (rather than only dropping one
    value). Derived from the code so that the problem needs no flag of its own."""
    return problem.code not in WARNING_CODES


