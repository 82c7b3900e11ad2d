"""The Moments and History tabs of the customer editor.

Additions and removals wait in `PendingHistory` until the person saves, so Cancel
really leaves the customer as it was; Save writes them in the same transaction as the
customer's details.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.customers.stages import BUSINESS_KINDS
from core.customers.types import (
    INTERACTION_KINDS,
    InteractionDraft,
    InteractionRow,
    MomentDraft,
    MomentRow,
)
from core.customers.validation import INVALID_DATE, PartialDate, date_exists
from core.kernel.errors import Problem

from gui.customers.texts import problem_text
from gui.widgets.fields import (
    ClickOnReturn,
    PartialDateEdit,
    ShopMoney,
    date_edit,
    with_message,
)
from gui.widgets.text_table import RowLook, TextTableModel, read_only_view


@dataclass
class PendingHistory:
    """What the person added or removed in the editor and has not saved yet."""

    interactions: list[InteractionDraft] = field(default_factory=list)
    removed_interaction_ids: list[int] = field(default_factory=list)
    # Saved interactions changed in place, by id: what each is now.
    changed_interactions: dict[int, InteractionDraft] = field(default_factory=dict)
    moments: list[MomentDraft] = field(default_factory=list)
    removed_moment_ids: list[int] = field(default_factory=list)

    def has_changes(self) -> bool:
        return bool(self.interactions or self.removed_interaction_ids or self.moments
                    or self.removed_moment_ids or self.changed_interactions)

    def clear(self) -> None:
        """Everything is saved (the tabs keep this same object)."""
        for pending in (self.interactions, self.removed_interaction_ids, self.moments,
                        self.removed_moment_ids):
            pending.clear()
        self.changed_interactions.clear()


class _ListTab(QWidget):
    """A table of saved and pending rows above a line for adding one."""

    changed = Signal()  # pending additions or removals changed

    def __init__(self, headers: Sequence[str], pending: PendingHistory,
                 parent: QWidget | None = None, *, right_aligned: Sequence[int] = ()) -> None:
        super().__init__(parent)
        self._pending = pending
        self._right_aligned = tuple(right_aligned)
        self._keys: list[str] = []  # per row: `saved:ID`, or `new:N` for a pending one
        self.model = TextTableModel(headers, parent=self)
        self.table = read_only_view(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setStyleSheet("QTableView::item { padding: 0 8px; }")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setAutoDefault(False)
        self.remove_button = QPushButton(self.tr("Remove Selected"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.setEnabled(False)
        self.entry_grid = QGridLayout()
        self.entry_grid.setHorizontalSpacing(8)
        buttons = QHBoxLayout()
        self.buttons_row = buttons
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(self.entry_grid)
        self.table.selectionModel().selectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows())))
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)

    def _entry(self, column: int, label: str, cell: QWidget, stretch: int = 0) -> None:
        caption = QLabel(label)
        caption.setBuddy(cell.findChild(QWidget) or cell)
        self.entry_grid.addWidget(caption, 0, column, Qt.AlignmentFlag.AlignBottom)
        self.entry_grid.addWidget(cell, 1, column, Qt.AlignmentFlag.AlignTop)
        self.entry_grid.setColumnStretch(column, stretch)

    def _fill(self, rows: list[tuple[str, list[str]]]) -> None:
        """Show rows of (key, cells): key `saved:ID` or, in italics, `new:N` or `changed:ID`
        (pending)."""
        pending = RowLook(tooltip=self.tr("Not saved yet"), italic=True)
        self._keys = [key for key, _ in rows]
        self.model.set_rows([cells for _, cells in rows], right_aligned=self._right_aligned,
                            looks=[None if key.startswith("saved:") else pending
                                   for key in self._keys])
        self.remove_button.setEnabled(False)

    def _selected_keys(self) -> list[tuple[str, int]]:
        keys = [self._keys[index.row()] for index in self.table.selectionModel().selectedRows()]
        return [(kind, int(number)) for kind, number in (k.split(":") for k in keys)]

    def _pending_rows(self) -> list[InteractionDraft] | list[MomentDraft]:
        raise NotImplementedError

    def _removed_ids(self) -> list[int]:
        raise NotImplementedError

    def _refresh(self) -> None:
        raise NotImplementedError

    def _on_add_clicked(self) -> None:
        raise NotImplementedError

    def _on_remove_clicked(self) -> None:
        keys = self._selected_keys()
        for number in sorted((k[1] for k in keys if k[0] == "new"), reverse=True):
            del self._pending_rows()[number]
        self._removed_ids().extend(k[1] for k in keys if k[0] != "new")
        self._pending_changed()

    def _pending_changed(self) -> None:
        self._refresh()
        self.changed.emit()


class HistoryTab(_ListTab):
    """Interactions, newest first: visits, purchases with amounts, calls, meetings, notes."""

    def __init__(self, money: ShopMoney, locale: QLocale, pending: PendingHistory,
                 parent: QWidget | None = None) -> None:
        super().__init__([self.tr("Date"), self.tr("Kind"), self.tr("Amount"), self.tr("Note")],
                         pending, parent, right_aligned=(2,))
        self._money = money
        self._locale = locale
        self._saved: list[InteractionRow] = []
        self.kind_labels = {
            "visit": self.tr("Visit"), "purchase": self.tr("Purchase"), "call": self.tr("Call"),
            "meeting": self.tr("Meeting"), "note": self.tr("Note"),
        }
        self.kind_combo = QComboBox()
        for kind in INTERACTION_KINDS:
            self.kind_combo.addItem(self.kind_labels[kind], kind)
        self.kind_combo.setCurrentIndex(INTERACTION_KINDS.index("purchase"))
        self.date_edit = date_edit(locale)
        self.amount_edit = QLineEdit()
        self.amount_edit.setPlaceholderText(money.format(1250))
        self.amount_edit.setMinimumWidth(110)
        self.note_edit = QLineEdit()
        self.note_edit.setMinimumWidth(220)
        amount_cell, self.amount_message = with_message(self.amount_edit)
        self._entry(0, self.tr("&Kind:"), self.kind_combo)
        self._entry(1, self.tr("&Date:"), self.date_edit)
        self._entry(2, self.tr("A&mount:"), amount_cell)
        self._entry(3, self.tr("N&ote:"), self.note_edit, stretch=1)
        self.entry_grid.addWidget(self.add_button, 1, 4, Qt.AlignmentFlag.AlignTop)
        self.add_button.setText(self.tr("Add to History"))
        ClickOnReturn(self.add_button, self.amount_edit, self.note_edit)
        # Change an entry (saved or not) in place: its button, or a double click on it.
        self.change_button = QPushButton(self.tr("Change…"))
        self.change_button.setAutoDefault(False)
        self.change_button.setEnabled(False)
        self.buttons_row.insertWidget(self.buttons_row.indexOf(self.remove_button),
                                      self.change_button)
        self.table.selectionModel().selectionChanged.connect(lambda: self.change_button.setEnabled(
            len(self.table.selectionModel().selectedRows()) == 1))
        self.change_button.clicked.connect(self._on_change_clicked)
        self.table.doubleClicked.connect(self._on_change_clicked)

    def removed_rows(self) -> list[InteractionRow]:
        """The saved entries the person removed (their Save can then be undone)."""
        removed = set(self._pending.removed_interaction_ids)
        return [r for r in self._saved if r.id in removed]

    def _on_change_clicked(self) -> None:
        from gui.visits.change_dialog import ChangeInteractionDialog

        keys = self._selected_keys()
        if len(keys) != 1:
            return
        kind, number = keys[0]
        changed = self._pending.changed_interactions
        saved = {r.id: r for r in self._saved}
        current = (self._pending.interactions[number] if kind == "new" else changed.get(number)
                   or _as_draft(saved[number]))
        dialog = ChangeInteractionDialog(self._money, self._locale, current, self)
        if not dialog.exec() or dialog.changed is None or dialog.changed == current:
            return
        if kind == "new":
            self._pending.interactions[number] = dialog.changed
        elif dialog.changed == _as_draft(saved[number]):
            changed.pop(number, None)  # changed back to what is saved
        else:
            changed[number] = dialog.changed
        self._pending_changed()

    def _on_remove_clicked(self) -> None:
        for kind, number in self._selected_keys():
            if kind == "changed":  # removed after a change: the change goes too
                self._pending.changed_interactions.pop(number, None)
        super()._on_remove_clicked()

    def set_rows(self, rows: Sequence[InteractionRow]) -> None:
        self._saved = list(rows)
        self._refresh()

    def has_typed_entry(self) -> bool:
        """An amount or note typed on the adding line, not added yet."""
        return bool(self.amount_edit.text().strip() or self.note_edit.text().strip())

    def value_change(self) -> int:
        """How the pending changes move lifetime value, in cents."""
        removed = set(self._pending.removed_interaction_ids)
        changed = self._pending.changed_interactions
        return (sum(d.amount_minor or 0 for d in self._pending.interactions)
                - sum(r.amount_minor or 0 for r in self._saved if r.id in removed)
                + sum((changed[r.id].amount_minor or 0) - (r.amount_minor or 0)
                      for r in self._saved if r.id in changed and r.id not in removed))

    def visit_change(self) -> int:
        removed = set(self._pending.removed_interaction_ids)
        changed = self._pending.changed_interactions
        return (sum(d.kind in BUSINESS_KINDS for d in self._pending.interactions)
                - sum(r.kind in BUSINESS_KINDS for r in self._saved if r.id in removed)
                + sum((changed[r.id].kind in BUSINESS_KINDS) - (r.kind in BUSINESS_KINDS)
                      for r in self._saved if r.id in changed and r.id not in removed))

    def _refresh(self) -> None:
        removed = set(self._pending.removed_interaction_ids)
        changed = self._pending.changed_interactions
        entries: list[tuple[dt.date, int, str, InteractionDraft | InteractionRow]] = [
            (r.occurred_on, r.id, f"saved:{r.id}", r) if r.id not in changed else
            (changed[r.id].occurred_on, r.id, f"changed:{r.id}", changed[r.id])
            for r in self._saved if r.id not in removed
        ]
        entries += [(d.occurred_on, 10**12 + n, f"new:{n}", d)
                    for n, d in enumerate(self._pending.interactions)]
        entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
        self._fill([
            (key, [format_day(self._money.locale, row.occurred_on),
                   self.kind_labels.get(row.kind, row.kind), self._money.format(row.amount_minor),
                   row.note])
            for _, _, key, row in entries
        ])
        self.change_button.setEnabled(False)  # the rows were read again: nothing selected

    def _on_add_clicked(self) -> None:
        try:
            amount = self._money.parse(self.amount_edit.text())
        except ValueError:
            self.amount_message.show_message(self.tr("Enter an amount like %s.")
                                             % self._money.format(1250))
            self.amount_edit.setFocus()
            return
        self.amount_message.clear_message()
        occurred: dt.date = self.date_edit.date().toPython()  # type: ignore[assignment]
        self._pending.interactions.append(InteractionDraft(
            kind=str(self.kind_combo.currentData()), occurred_on=occurred, amount_minor=amount,
            note=self.note_edit.text().strip()))
        self.amount_edit.clear()
        self.note_edit.clear()
        self._pending_changed()

    def _pending_rows(self) -> list[InteractionDraft]:
        return self._pending.interactions

    def _removed_ids(self) -> list[int]:
        return self._pending.removed_interaction_ids


class MomentsTab(_ListTab):
    """Anniversaries and life events (wedding, new baby, ...) with their dates."""

    def __init__(self, locale: QLocale, babel_locale: str, pending: PendingHistory,
                 parent: QWidget | None = None) -> None:
        super().__init__([self.tr("Moment"), self.tr("Date"), self.tr("Note")], pending, parent)
        self._babel_locale = babel_locale
        self._saved: list[MomentRow] = []
        self.kind_labels = {
            ("anniversary", ""): self.tr("Anniversary"), ("life_event", "wedding"):
            self.tr("Wedding"), ("life_event", "new_baby"): self.tr("New baby"),
            ("life_event", "retirement"): self.tr("Retirement"),
            ("life_event", "graduation"): self.tr("Graduation"),
            ("life_event", "other"): self.tr("Other life event"),
        }
        self.kind_combo = QComboBox()
        for (kind, life_event), label in self.kind_labels.items():
            self.kind_combo.addItem(label, f"{kind}:{life_event}")
        self.date_edit = PartialDateEdit(locale, optional=False, year_known=True)
        self.note_edit = QLineEdit()
        self.note_edit.setMinimumWidth(220)
        date_cell, self.date_message = with_message(self.date_edit)
        self._entry(0, self.tr("&Moment:"), self.kind_combo)
        self._entry(1, self.tr("&Date:"), date_cell)
        self._entry(2, self.tr("N&ote:"), self.note_edit, stretch=1)
        self.entry_grid.addWidget(self.add_button, 1, 3, Qt.AlignmentFlag.AlignTop)
        self.add_button.setText(self.tr("Add Moment"))
        ClickOnReturn(self.add_button, self.note_edit)

    def set_rows(self, rows: Sequence[MomentRow]) -> None:
        self._saved = list(rows)
        self._refresh()

    def has_typed_entry(self) -> bool:
        """A note typed on the adding line, not added yet."""
        return bool(self.note_edit.text().strip())

    def _refresh(self) -> None:
        removed = set(self._pending.removed_moment_ids)
        entries: list[tuple[str, MomentRow | MomentDraft]] = [
            (f"saved:{m.id}", m) for m in self._saved if m.id not in removed]
        entries += [(f"new:{n}", d) for n, d in enumerate(self._pending.moments)]
        entries.sort(key=lambda e: (e[1].date.month, e[1].date.day))
        self._fill([
            (key, [self.kind_labels.get((m.kind, m.life_event), m.kind),
                   format_partial_date(self._babel_locale, m.date), m.note])
            for key, m in entries
        ])

    def _on_add_clicked(self) -> None:
        when = self.date_edit.value()
        if when is None or not date_exists(when.month, when.day, when.year):
            self.date_message.show_message(problem_text(Problem("date", INVALID_DATE)))
            return
        self.date_message.clear_message()
        kind, life_event = str(self.kind_combo.currentData()).split(":")
        self._pending.moments.append(MomentDraft(kind=kind, date=when, life_event=life_event,
                                                 note=self.note_edit.text().strip()))
        self.note_edit.clear()
        self._pending_changed()

    def _pending_rows(self) -> list[MomentDraft]:
        return self._pending.moments

    def _removed_ids(self) -> list[int]:
        return self._pending.removed_moment_ids


def _as_draft(row: InteractionRow) -> InteractionDraft:
    return InteractionDraft(row.kind, row.occurred_on, row.amount_minor, row.note)


def format_day(locale: str, day: dt.date) -> str:
    """`Mar 5, 2026` in the shop's language."""
    from babel.dates import format_date

    return str(format_date(day, "medium", locale=locale))


def format_partial_date(locale: str, value: PartialDate) -> str:
    """`March 5, 1980`, or `March 5` when the year is unknown, in the shop's language."""
    from babel.dates import format_date, format_skeleton

    if value.year is None:
        return str(format_skeleton("MMMMd", dt.date(2000, value.month, value.day),
                                   locale=locale))
    return str(format_date(dt.date(value.year, value.month, value.day), "long", locale=locale))
