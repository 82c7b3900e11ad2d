"""The meeting dialog's tabs that edit lists: the agenda (minutes and decisions under each
item), the actions, and the ideas raised. Each keeps its rows as plain edits
(gui.council.meeting_edits) and hands them back when the dialog saves."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.council.types import AgendaItemDraft

from gui.council.meeting_edits import ActionEdit, IdeaEdit, ItemEdit
from gui.council.texts import date_text
from gui.printing.texts import fill
from gui.widgets.fields import date_edit


class AgendaPart(QWidget):
    """The agenda on the left; the chosen item's title, minutes and decisions on the
    right."""

    def __init__(self, items: Sequence[ItemEdit],
                 other_decisions: Sequence[tuple[int | None, str]]) -> None:
        super().__init__()
        self._items = [replace(i, decisions=list(i.decisions)) for i in items]
        self._other = list(other_decisions)
        self._current = -1
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._on_item_chosen)
        self.new_item_edit = QLineEdit()
        self.new_item_edit.setPlaceholderText(self.tr("A new agenda item"))
        self.new_item_edit.returnPressed.connect(self.add_item)
        add = QPushButton(self.tr("Add"))
        add.clicked.connect(self.add_item)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_item)
        self.up_button = QPushButton(self.tr("Up"))
        self.up_button.clicked.connect(lambda: self.move_item(-1))
        self.down_button = QPushButton(self.tr("Down"))
        self.down_button.clicked.connect(lambda: self.move_item(1))
        adding = QHBoxLayout()
        adding.addWidget(self.new_item_edit, 1)
        adding.addWidget(add)
        moving = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            moving.addWidget(button)
        moving.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Agenda")))
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(adding)
        left_layout.addLayout(moving)

        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(300)
        self.carried_label = QLabel(self.tr("Carried in from an earlier meeting."))
        self.carried_label.setStyleSheet("color: #8a5a00;")
        self.minutes_edit = QPlainTextEdit()
        self.minutes_edit.setTabChangesFocus(True)
        self.minutes_edit.setPlaceholderText(self.tr(
            "What was said: the members receive this in their notes letter"))
        self.open_check = QCheckBox(self.tr("Not finished: carry it into the next meeting"))
        self.decisions = QListWidget()
        self.decisions.setMaximumHeight(120)
        self.decision_edit = QLineEdit()
        self.decision_edit.setPlaceholderText(self.tr("A decision taken on this item"))
        self.decision_edit.returnPressed.connect(self.add_decision)
        add_decision = QPushButton(self.tr("Add Decision"))
        add_decision.clicked.connect(self.add_decision)
        remove_decision = QPushButton(self.tr("Remove Decision"))
        remove_decision.clicked.connect(self.remove_decision)
        decision_line = QHBoxLayout()
        decision_line.addWidget(self.decision_edit, 1)
        decision_line.addWidget(add_decision)
        decision_line.addWidget(remove_decision)
        self.item_box = QGroupBox(self.tr("Item"))
        right_layout = QVBoxLayout(self.item_box)
        right_layout.addWidget(self.title_edit)
        right_layout.addWidget(self.carried_label)
        right_layout.addWidget(QLabel(self.tr("Minutes")))
        right_layout.addWidget(self.minutes_edit, 1)
        right_layout.addWidget(self.open_check)
        right_layout.addWidget(QLabel(self.tr("Decisions")))
        right_layout.addWidget(self.decisions)
        right_layout.addLayout(decision_line)
        for signal in (self.title_edit.textChanged, self.minutes_edit.textChanged,
                       self.open_check.toggled):
            signal.connect(self._keep_item)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.item_box)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([320, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._fill_list(0)

    # -- what the dialog saves -----------------------------------------------------------

    def edited_items(self) -> list[ItemEdit]:
        return [replace(i, decisions=list(i.decisions)) for i in self._items]

    def show_item_values(self, row: int, item_id: int | None, draft: AgendaItemDraft) -> None:
        """Put these values in the agenda item `item_id` (at `row` when it was opened, or
        wherever it is now) and show it: what the person chose after a clash."""
        rows = [number for number, item in enumerate(self._items) if item.id == item_id]
        row = rows[0] if rows else row
        if not 0 <= row < len(self._items):
            return
        self._items[row].show(draft)
        self._fill_list(row)

    def other_decisions(self) -> list[tuple[int | None, str]]:
        return list(self._other)

    # -- the list ------------------------------------------------------------------------

    def _label(self, number: int, item: ItemEdit) -> str:
        text = fill("%1. %2", number, item.title)
        if item.carried:
            text += " " + self.tr("(carried in)")
        return text

    def _fill_list(self, chosen: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for number, item in enumerate(self._items, 1):
            entry = QListWidgetItem(self._label(number, item))
            if item.carried:
                font = QFont(entry.font())
                font.setItalic(True)
                entry.setFont(font)
                entry.setToolTip(self.tr("Left open at an earlier meeting"))
            self.list.addItem(entry)
        self.list.blockSignals(False)
        self._current = -1
        if self._items:
            self.list.setCurrentRow(max(0, min(chosen, len(self._items) - 1)))
        else:
            self._on_item_chosen(-1)

    def _on_item_chosen(self, row: int) -> None:
        self._current = -1  # nothing is kept while the fields are refilled
        item = self._items[row] if 0 <= row < len(self._items) else None
        self.item_box.setEnabled(item is not None)
        self.title_edit.setText(item.title if item else "")
        self.carried_label.setVisible(bool(item and item.carried))
        self.minutes_edit.setPlainText(item.minutes if item else "")
        self.open_check.setChecked(bool(item and item.left_open))
        self.decisions.clear()
        self.decisions.addItems([text for _id, text in item.decisions] if item else [])
        self._current = row
        self.remove_button.setEnabled(item is not None)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(self._items) - 1)

    def _keep_item(self) -> None:
        if not 0 <= self._current < len(self._items):
            return
        item = self._items[self._current]
        item.title = self.title_edit.text()
        item.minutes = self.minutes_edit.toPlainText()
        item.left_open = self.open_check.isChecked()
        list_item = self.list.item(self._current)
        if list_item is not None:
            list_item.setText(self._label(self._current + 1, item))

    def choose_item(self, row: int) -> None:
        self.list.setCurrentRow(row)

    def add_item(self) -> None:
        title = self.new_item_edit.text().strip()
        if not title:
            self.new_item_edit.setFocus()
            return
        self._items.append(ItemEdit(None, title))
        self.new_item_edit.clear()
        self._fill_list(len(self._items) - 1)
        self.minutes_edit.setFocus()

    def remove_item(self) -> None:
        row = self._current
        if 0 <= row < len(self._items):
            del self._items[row]
            self._fill_list(row)

    def move_item(self, step: int) -> None:
        row = self._current
        target = row + step
        if 0 <= row < len(self._items) and 0 <= target < len(self._items):
            self._items[row], self._items[target] = self._items[target], self._items[row]
            self._fill_list(target)

    def add_decision(self) -> None:
        text = self.decision_edit.text().strip()
        if not text or not 0 <= self._current < len(self._items):
            return
        self._items[self._current].decisions.append((None, text))
        self.decisions.addItem(text)
        self.decision_edit.clear()

    def remove_decision(self) -> None:
        row = self.decisions.currentRow()
        if row >= 0 and 0 <= self._current < len(self._items):
            del self._items[self._current].decisions[row]
            self.decisions.takeItem(row)


class ActionsPart(QWidget):
    """Actions agreed at this meeting, and those still open from earlier ones: what, who,
    by when, and done."""

    def __init__(self, actions: Sequence[ActionEdit], locale: QLocale) -> None:
        super().__init__()
        self._locale = locale
        self._actions = [ActionEdit(a.id, a.text, a.owner, a.due_on, a.done_on, a.earlier,
                                    a.raised_on) for a in actions]
        self.list = QListWidget()
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.text_edit = QLineEdit()
        self.text_edit.setMaxLength(5000)
        self.text_edit.setPlaceholderText(self.tr("What is to be done"))
        self.owner_edit = QLineEdit()
        self.owner_edit.setMaxLength(200)
        self.owner_edit.setPlaceholderText(self.tr("Who (for example: Maria)"))
        self.due_check = QCheckBox(self.tr("By"))
        self.due_edit: QDateEdit = date_edit(locale)
        self.due_edit.setDate(QDate.currentDate().addDays(30))
        self.due_edit.setEnabled(False)
        self.due_check.toggled.connect(self.due_edit.setEnabled)
        self.text_edit.returnPressed.connect(self.add_action)
        add = QPushButton(self.tr("Add Action"))
        add.clicked.connect(self.add_action)
        self.done_button = QPushButton(self.tr("Done"))
        self.done_button.setToolTip(self.tr("Mark the action done today (press again to "
                                            "open it again)"))
        self.done_button.clicked.connect(self.toggle_done)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_action)
        adding = QHBoxLayout()
        adding.addWidget(self.text_edit, 3)
        adding.addWidget(self.owner_edit, 1)
        adding.addWidget(self.due_check)
        adding.addWidget(self.due_edit)
        adding.addWidget(add)
        buttons = QHBoxLayout()
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "Actions agreed at this meeting, and those still open from earlier meetings "
            "(marked with their meeting's date):")))
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addLayout(adding)
        self._fill(0)

    def edited_actions(self) -> list[ActionEdit]:
        return [ActionEdit(a.id, a.text, a.owner, a.due_on, a.done_on, a.earlier, a.raised_on)
                for a in self._actions]

    def _line(self, action: ActionEdit) -> str:
        parts = [action.text]
        if action.owner:
            parts.append(fill(self.tr("who: %1"), action.owner))
        if action.due_on:
            parts.append(fill(self.tr("by %1"), date_text(self._locale, action.due_on)))
        if action.done_on:
            parts.append(fill(self.tr("done %1"), date_text(self._locale, action.done_on)))
        if action.earlier and action.raised_on:
            parts.append(fill(self.tr("from the meeting of %1"),
                              date_text(self._locale, action.raised_on)))
        return " · ".join(parts)

    def _fill(self, chosen: int) -> None:
        self.list.clear()
        for action in self._actions:
            entry = QListWidgetItem(("✓ " if action.done_on else "") + self._line(action))
            self.list.addItem(entry)
        if self._actions:
            self.list.setCurrentRow(max(0, min(chosen, len(self._actions) - 1)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        action = self._actions[row] if 0 <= row < len(self._actions) else None
        self.done_button.setEnabled(action is not None)
        self.done_button.setText(self.tr("Not Done") if action and action.done_on
                                 else self.tr("Done"))
        # Actions from earlier meetings belong to those meetings: open or done, not removed.
        self.remove_button.setEnabled(action is not None and not action.earlier)

    def add_action(self, *, owner: str | None = None, due_on: dt.date | None = None) -> None:
        text = self.text_edit.text().strip()
        if not text:
            self.text_edit.setFocus()
            return
        due = due_on
        if due is None and self.due_check.isChecked():
            day = self.due_edit.date()
            due = dt.date(day.year(), day.month(), day.day())
        self._actions.append(ActionEdit(None, text, owner if owner is not None
                                        else self.owner_edit.text().strip(), due))
        self.text_edit.clear()
        self._fill(len(self._actions) - 1)

    def toggle_done(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._actions):
            action = self._actions[row]
            action.done_on = None if action.done_on else dt.date.today()
            self._fill(row)

    def remove_action(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._actions) and not self._actions[row].earlier:
            del self._actions[row]
            self._fill(row)


class IdeasPart(QWidget):
    """Ideas raised at this meeting and by whom; their progress is answered on the Council
    page's Ideas tab."""

    def __init__(self, ideas: Sequence[IdeaEdit], people: Sequence[tuple[int, str]]) -> None:
        super().__init__()
        self.people = list(people)
        self._names = dict(self.people)
        self._ideas = [IdeaEdit(i.id, i.text, i.raised_by_id) for i in ideas]
        self.list = QListWidget()
        self.text_edit = QLineEdit()
        self.text_edit.setMaxLength(5000)
        self.text_edit.setPlaceholderText(self.tr("The idea, in a sentence"))
        self.text_edit.returnPressed.connect(self.add_idea)
        self.by_combo = QComboBox()
        self.by_combo.addItem(self.tr("Raised by…"), None)
        for customer_id, name in self.people:
            self.by_combo.addItem(name, customer_id)
        add = QPushButton(self.tr("Add Idea"))
        add.clicked.connect(self.add_idea)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self.remove_idea)
        adding = QHBoxLayout()
        adding.addWidget(self.text_edit, 3)
        adding.addWidget(self.by_combo, 1)
        adding.addWidget(add)
        buttons = QHBoxLayout()
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("Each idea is answered later on the Ideas tab: considering, "
                              "planned, done or declined, and what you did with it."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addLayout(adding)
        self._fill()

    def edited_ideas(self) -> list[IdeaEdit]:
        return [IdeaEdit(i.id, i.text, i.raised_by_id) for i in self._ideas]

    def _fill(self) -> None:
        self.list.clear()
        for idea in self._ideas:
            who = self._names.get(idea.raised_by_id or -1, "")
            self.list.addItem(fill(self.tr("%1 (%2)"), idea.text, who) if who else idea.text)

    def add_idea(self, *, raised_by_id: int | None = None) -> None:
        text = self.text_edit.text().strip()
        if not text:
            self.text_edit.setFocus()
            return
        by = raised_by_id if raised_by_id is not None else self.by_combo.currentData()
        self._ideas.append(IdeaEdit(None, text, by))
        self.text_edit.clear()
        self.by_combo.setCurrentIndex(0)
        self._fill()

    def remove_idea(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._ideas):
            del self._ideas[row]
            self._fill()
