"""The customer editor's answer when its save finds the record changed at another desk in
the same values: ask (gui.widgets.conflict_dialog), then save again against what is stored
now, with the person's choices."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialog, QWidget

from core.customers.types import CustomerDetail, CustomerDraft, InteractionDraft, PartialDate
from core.kernel.edits import EditConflict

from gui.customers.editor_history import PendingHistory, format_day
from gui.customers.texts import record_field_label
from gui.widgets.conflict_dialog import EditConflictDialog, shown_value
from gui.widgets.fields import ShopMoney


@dataclasses.dataclass(frozen=True)
class Resolution:
    """What to save next: against `opened` (the record as stored now), with the customer's
    values `draft` (None when the clash was in a visit: the details stay as typed)."""

    opened: CustomerDetail
    draft: CustomerDraft | None


def resolve_conflict(parent: QWidget, conflict: EditConflict[Any], opened: CustomerDetail,
                     pending: PendingHistory, money: ShopMoney) -> Resolution | None:
    """Show both versions; None when the person cancels (everything typed stays)."""
    def show(field: str, value: Any) -> str:
        if field == "amount_minor":
            return money.format(value) if value is not None else "—"
        return shown_value(value, words={
            dt.date: lambda day: format_day(money.locale, day),
            PartialDate: lambda day: _partial_date(QLocale(money.locale), day),
        })

    what = opened.display_name if conflict.kind == "customer" else parent.tr(
        "a visit of %1").replace("%1", opened.display_name)
    dialog = EditConflictDialog(parent, conflict, what, record_field_label, show)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    resolved = conflict.resolved(dialog.choices())
    if conflict.kind == "interaction":
        interaction_id = int(conflict.record_id)
        theirs: InteractionDraft = conflict.theirs
        pending.changed_interactions[interaction_id] = resolved
        rows = tuple(dataclasses.replace(
            row, kind=theirs.kind, occurred_on=theirs.occurred_on,
            amount_minor=theirs.amount_minor, note=theirs.note, version=conflict.version)
            if row.id == interaction_id else row for row in opened.interactions)
        return Resolution(dataclasses.replace(opened, interactions=rows), None)
    return Resolution(dataclasses.replace(opened, draft=conflict.theirs,
                                          version=conflict.version), resolved)


def _partial_date(locale: QLocale, day: PartialDate) -> str:
    """"14 December" (year unknown) or "14 December 1988"."""
    text = f"{day.day} {locale.monthName(day.month)}"
    return f"{text} {day.year}" if day.year else text
