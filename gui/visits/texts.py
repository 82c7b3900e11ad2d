"""Sentences for the visits area's codes, written once for every widget."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core.kernel.errors import Problem
from core.visits.errors import AMOUNT_NEGATIVE, INVALID_KIND, NOTE_TOO_LONG, OTHER_CURRENCY


def _tr(text: str) -> str:
    return QCoreApplication.translate("VisitTexts", text)


def kind_label(kind: str) -> str:
    """An interaction kind as a person says it ("Purchase")."""
    labels = {"visit": _tr("Visit"), "purchase": _tr("Purchase"), "call": _tr("Call"),
              "meeting": _tr("Meeting"), "note": _tr("Note")}
    return labels.get(kind, kind)


def logged_text(kind: str, name: str) -> str:
    """The status bar after a save: "Logged a purchase for Ana Pérez. Ctrl+Z undoes."."""
    sentences = {
        "visit": _tr("Logged a visit for %1. Ctrl+Z undoes."),
        "purchase": _tr("Logged a purchase for %1. Ctrl+Z undoes."),
        "call": _tr("Logged a call with %1. Ctrl+Z undoes."),
        "meeting": _tr("Logged a meeting with %1. Ctrl+Z undoes."),
    }
    return sentences.get(kind, _tr("Logged a note for %1. Ctrl+Z undoes.")).replace("%1", name)


def undo_text(kind: str, name: str) -> str:
    """The Edit menu's name for undoing it: "Undo Log Purchase for Ana Pérez"."""
    return _tr("Log %1 for %2").replace("%1", kind_label(kind)).replace("%2", name)


def removal_text(name: str) -> str:
    """The Edit menu's name for undoing entries removed from a record's history."""
    return _tr("Remove From the History of %1").replace("%1", name)


def gone_text() -> str:
    """The status bar when an undo step's visit or customer is no longer there."""
    return _tr("Nothing to undo there: that visit or its customer is no longer in the "
               "database (changed at another desk, or the trash was emptied).")


def problem_text(problem: Problem, amount_example: str) -> str:
    """What to do about one refused value, as a sentence under its field."""
    if problem.code == OTHER_CURRENCY:
        return _tr("Amounts are kept in the shop's currency; enter it like %1.").replace(
            "%1", amount_example)
    if problem.code == AMOUNT_NEGATIVE:
        return _tr("Enter what was spent, like %1, not a negative amount.").replace(
            "%1", amount_example)
    if problem.code == NOTE_TOO_LONG:
        return _tr("The note is too long: at most %1 characters.").replace("%1", problem.detail)
    if problem.code == INVALID_KIND:
        return _tr("Choose visit, purchase, call or meeting.")
    return _tr("This value cannot be stored.")
