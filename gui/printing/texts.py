"""Sentences for the printing area's codes and errors (core keeps codes and data only)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QObject

from core.kernel.errors import NotFound
from core.printing.errors import (
    FormatMismatch,
    InvalidSelection,
    InvalidStartPosition,
    InvalidTemplate,
    UnknownFormat,
)
from core.printing.types import (
    ALREADY_PRINTED,
    ALREADY_SENT,
    EMPTY_SELECTION,
    NO_ADDRESS,
    NO_MAIL,
    NO_TEMPLATE,
    NOT_FOUND,
    UNKNOWN_TAG,
    Skipped,
)

if TYPE_CHECKING:
    from core.printing.batches import BatchSummary


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("PrintingTexts", text, None, n)


def fill(text: str, *values: object) -> str:
    """Put values into a translated string's %1, %2 … (PySide6's tr() returns a str)."""
    for number, value in enumerate(values, 1):
        text = text.replace(f"%{number}", str(value))
    return text


class PrintingCounts(QObject):
    """Sentences with a count. lupdate marks plural strings only in a class's tr() calls, so
    they live here rather than in _tr()."""

    def printing(self, items: int) -> str:
        return self.tr("Printing %Ln item(s)…", "", items)

    def sheet_labels(self, labels: int) -> str:
        return self.tr("This sheet has %Ln label(s); start at one of them.", "", labels)


def printing_label(items: int) -> str:
    """The progress dialog's label while a batch renders."""
    return PrintingCounts().printing(items)


def paper_name(code: str) -> str:
    """A paper format or label sheet as the shop calls it ("A6 card", not "a6-card")."""
    names = {
        "a6-card": _tr("A6 card"),
        "4x6-card": _tr("4×6 in card"),
        "quarter-fold-a4": _tr("A4 folded in four"),
        "quarter-fold-letter": _tr("US Letter folded in four"),
        "half-fold-a5": _tr("A4 folded in half"),
        "letter-a4": _tr("A4 paper"),
        "letter-us": _tr("US Letter paper"),
        "envelope-dl": _tr("Envelope DL"),
        "envelope-10": _tr("Envelope #10"),
        "form-a4": _tr("A4 form (survey card)"),
        "form-us": _tr("US Letter form (survey card)"),
        "avery-5160": _tr("Avery 5160 (30 labels, US Letter)"),
        "avery-5161": _tr("Avery 5161 (20 labels, US Letter)"),
        "avery-5163": _tr("Avery 5163 (10 labels, US Letter)"),
        "avery-l7160": _tr("Avery L7160 (21 labels, A4)"),
        "avery-l7163": _tr("Avery L7163 (14 labels, A4)"),
    }
    return names.get(code, code)


def skip_reason_text(code: str) -> str:
    """Why a customer was left out of a batch, as a short phrase."""
    reasons = {
        NO_ADDRESS: _tr("no postal address"),
        NO_MAIL: _tr("asked for no mail"),
        NOT_FOUND: _tr("no longer in the list"),
        ALREADY_SENT: _tr("already printed or sent this year"),
        ALREADY_PRINTED: _tr("printed already; mark that batch sent"),
        NO_TEMPLATE: _tr("its card or letter design is missing"),
    }
    return reasons.get(code, code)


def recipients_text(recipients: int, skipped: Sequence[Skipped]) -> str:
    """Who a batch goes to, before it is made: "Recipients: 4,253" and, on a second line,
    "Left out: 312 (no postal address: 300; asked for no mail: 12)"."""
    locale = QLocale()
    text = fill(_tr("Recipients: %1"), locale.toString(recipients))
    if skipped:
        reasons = Counter(skip.reason for skip in skipped)
        why = "; ".join(f"{skip_reason_text(reason)}: {locale.toString(count)}"
                        for reason, count in reasons.most_common())
        text += "\n" + fill(_tr("Left out: %1 (%2)"), locale.toString(len(skipped)), why)
    return text


def batch_name(batch: BatchSummary) -> str:
    """A batch as the history names it: its title, or for Today's due cards (several
    designs in one batch) what it holds."""
    if batch.other_templates:
        return _tr("Due cards and letters")
    return batch.title or batch.template_name


def print_error_text(exc: Exception) -> str | None:
    """A sentence for the printing errors a person can fix, or None for a bug."""
    if isinstance(exc, InvalidSelection):
        return {
            EMPTY_SELECTION: _tr("Choose who the batch is for."),
            UNKNOWN_TAG: fill(_tr("No customer has the tag %1."), exc.detail),
        }.get(exc.code, _tr("Select some customers in the list first."))
    if isinstance(exc, FormatMismatch):
        return fill(_tr("This template cannot be printed on %1."), exc.format_name)
    if isinstance(exc, InvalidStartPosition):
        return PrintingCounts().sheet_labels(exc.per_page)
    if isinstance(exc, InvalidTemplate):
        return _tr("The template has a field that does not exist; fix it first.")
    if isinstance(exc, UnknownFormat) or (isinstance(exc, NotFound) and exc.kind == "template"):
        return _tr("Choose a template and paper from the lists.")
    if isinstance(exc, OSError):
        return fill(_tr("Could not write the PDF: %1"), exc.strerror or str(exc))
    return None
