"""The one root of every error core raises on purpose, and the shapes they share.

Errors carry data, never sentences: each front end (the window, the command line) words
them once, by code. Anything that is not a `RegularsError` is a bug and goes to the log.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class RegularsError(Exception):
    """Something the person can put right or should be told about; nothing was half-written."""


class NotFound(RegularsError):
    """No `kind` (customer, interaction, batch, template, import, ...) with this id."""

    def __init__(self, kind: str, id: int | str) -> None:
        super().__init__(f"no {kind} {id}")
        self.kind = kind
        self.id = id

    def __reduce__(self) -> tuple[object, ...]:
        # args holds the message, not (kind, id): rebuild from the data (pickling to helpers).
        return NotFound, (self.kind, self.id)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one value: which field, a code, details, and the file's line
    where there is one. Every validation error in every area uses this shape."""

    field: str
    code: str
    detail: str = ""
    line: int | None = None


class Invalid(RegularsError):
    """One or more values are invalid; nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.code} {p.detail}".strip() for p in problems))
        self.problems = tuple(problems)

    def __reduce__(self) -> tuple[object, ...]:
        return type(self), (self.problems,)

    def for_field(self, field: str) -> Problem | None:
        return next((p for p in self.problems if p.field == field), None)


class UndecodableText(RegularsError):
    """Text stored in `table` (row `row_id`, column `field`) is not valid UTF-8: the
    database file is damaged there. Names the row so that it can be found and fixed."""

    def __init__(self, table: str, row_id: int | None, field: str) -> None:
        super().__init__(f"{table} {row_id}: {field} cannot be decoded")
        self.table = table
        self.row_id = row_id
        self.field = field

    def __reduce__(self) -> tuple[object, ...]:
        return UndecodableText, (self.table, self.row_id, self.field)
