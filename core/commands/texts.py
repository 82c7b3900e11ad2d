"""The command line's sentences, each written once (the window has its own, in gui/*/texts.py).

Core raises errors that carry codes and data; this module words them for a terminal.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from core.kernel.errors import NotFound
from core.printing.errors import (
    FormatMismatch,
    InvalidSelection,
    InvalidStartPosition,
    InvalidTemplate,
    UnknownFormat,
)
from core.printing.types import (
    NO_ADDRESS,
    NO_MAIL,
    NOT_FOUND,
    UNKNOWN_STAGE,
    UNKNOWN_TAG,
    Skipped,
)

SKIP_REASONS = {
    NO_ADDRESS: "no postal address",
    NO_MAIL: "asked for no mail",
    NOT_FOUND: "not found",
}


def counted(n: int, one: str, many: str = "") -> str:
    """"1 item", "3 items": `many` defaults to `one` + "s"."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def skip_reason(code: str) -> str:
    return SKIP_REASONS.get(code, code)


def skips_text(skipped: Iterable[Skipped]) -> str:
    """How many were left out for each reason, e.g. "2 no postal address"."""
    counts = Counter(s.reason for s in skipped)
    return ", ".join(f"{n} {skip_reason(r)}" for r, n in counts.items()) or "none"


def printing_error_text(exc: Exception) -> str | None:
    """A one-line message for the printing errors a person can fix, or None."""
    if isinstance(exc, NotFound) and exc.kind == "template":
        return f"no template named {exc.id!r}; see 'main.py templates list'"
    if isinstance(exc, UnknownFormat):
        return f"unknown format {exc.name!r}; choose one of: {', '.join(exc.known)}"
    if isinstance(exc, FormatMismatch):
        return f"a {exc.template_kind} template cannot be printed as {exc.format_name}"
    if isinstance(exc, InvalidStartPosition):
        return f"--start must be between 1 and {exc.per_page} for this label sheet"
    if isinstance(exc, InvalidSelection):
        return {
            UNKNOWN_TAG: f"no tag named {exc.detail!r}",
            UNKNOWN_STAGE: f"unknown stage {exc.detail!r}; choose prospect, new, repeat, "
                           "advocate or lapsed",
        }.get(exc.code, f"invalid selection ({exc.code})")
    if isinstance(exc, InvalidTemplate):
        fields = ", ".join(f"{p.code} {p.field}".strip() for p in exc.problems)
        return f"the template has problems: {fields}"
    if isinstance(exc, OSError):
        return f"cannot write {exc.filename or 'the PDF'}: {exc.strerror}"
    return None
