"""The interchange area's errors, as data. A missing import is NotFound("import", id)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from core.kernel.errors import RegularsError

if TYPE_CHECKING:
    from core.kernel.errors import Problem


class ImportRefused(RegularsError):
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


class ImportAlreadyUndone(RegularsError):
    def __init__(self, run_id: int, undone_at: dt.datetime) -> None:
        super().__init__(f"import {run_id} was undone at {undone_at}")
        self.run_id = run_id
        self.undone_at = undone_at


class RowRejected(RegularsError):
    """One row cannot be stored; the cleaner catches it and counts the row as rejected."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].code)
        self.problems = problems
