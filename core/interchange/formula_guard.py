"""Cells a spreadsheet would run as formulas, kept as text on export and read back exactly.

A cell that starts with `=`, `+`, `-`, `@`, tab or CR gets a leading apostrophe on export,
which spreadsheets show as text. So that the import can take exactly one apostrophe off,
a value that already starts with apostrophes before such a character gets one more: the
note "- prefers mornings" is written "'- prefers mornings" and "'-x" is written "''-x";
each reads back as it was. Any other value starting with an apostrophe is left alone both
ways.
"""
from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The first characters worth a closer look: a formula start, or an apostrophe.
GUARDED_FIRST = frozenset((*FORMULA_START, "'"))


def needs_guard(value: str) -> bool:
    """Whether `value` gets a leading apostrophe on export."""
    return value.lstrip("'").startswith(FORMULA_START)


def neutralise(value: str) -> str:
    """The cell as text a spreadsheet will not evaluate (see the module)."""
    return "'" + value if value[:1] in GUARDED_FIRST and needs_guard(value) else value


def unguarded(value: str) -> str:
    """The value `neutralise` was given: one apostrophe before a formula start taken off."""
    if value[:1] == "'" and needs_guard(value):
        return value[1:]
    return value
