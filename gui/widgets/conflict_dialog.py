"""When a save finds that someone at another desk changed the same values meanwhile: both
versions side by side, and the person chooses for each clashing value (core.kernel.edits).
Values only one side changed are merged without asking, and the dialog says which ones
the other desk changed, so nothing happens behind the person's back."""
from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core.kernel.edits import EditConflict, SavedMeanwhile

T = TypeVar("T")

MINE, THEIRS = "mine", "theirs"
LONG_VALUE = 60  # characters: a longer value (or one of 4 lines or more) gets a box


class EditConflictDialog(QDialog):
    """Keep Theirs, Keep Mine, or Save My Choices made value by value. `choices()` says,
    for each clashing field, "mine" or "theirs"; rejected means the save waits (everything
    typed stays in the editor)."""

    def __init__(self, parent: QWidget | None, conflict: EditConflict[Any], what: str,
                 label: Callable[[str], str], show: Callable[[str, Any], str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Changed at Another Desk"))
        self._groups: dict[str, QButtonGroup] = {}
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        self.setMinimumWidth(560)
        intro = QLabel(self.tr("While you were editing %1, someone at another desk saved "
                               "changes to it.").replace("%1", what))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        # Only what this desk left alone: a value both changed alike is no news to anyone.
        kept = [label(name) for name in conflict.their_fields
                if getattr(conflict.mine, name) == getattr(conflict.base, name)]
        if kept:
            also = QLabel(self.tr("Kept as they saved it, since you did not change it: %1.")
                          .replace("%1", ", ".join(kept)))
            also.setWordWrap(True)
            layout.addWidget(also)
        question = QLabel(self.tr("You both changed these. Choose which to keep:"))
        question.setWordWrap(True)
        layout.addWidget(question)

        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(12)
        grid.setContentsMargins(12, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        for column, heading in ((1, self.tr("Saved at the other desk")),
                                (2, self.tr("Your change"))):
            grid.addWidget(_bold(heading), 0, column)
        self._views: dict[QObject, QRadioButton] = {}
        for row, name in enumerate(conflict.clashing, start=1):
            field = _bold(label(name))
            field.setWordWrap(True)
            field.setMaximumWidth(220)
            grid.addWidget(field, row, 0, Qt.AlignmentFlag.AlignTop)
            group = QButtonGroup(self)
            texts = ((THEIRS, show(name, getattr(conflict.theirs, name))),
                     (MINE, show(name, getattr(conflict.mine, name))))
            lines = max(_lines(text) for _side, text in texts)
            for column, (side, text) in enumerate(texts, start=1):
                button = QRadioButton()
                button.setProperty("side", side)
                button.setChecked(side == MINE)
                group.addButton(button)
                grid.addWidget(self._value_cell(button, text, lines), row, column,
                               Qt.AlignmentFlag.AlignTop)
            self._groups[name] = group
        if self._views:  # long texts side by side: room to read them
            self.setMinimumWidth(940)
        layout.addLayout(grid)

        buttons = QDialogButtonBox()
        self.keep_theirs_button = QPushButton(self.tr("Keep Theirs"))
        self.keep_mine_button = QPushButton(self.tr("Keep Mine"))
        self.save_choices_button = QPushButton(self.tr("Save My Choices"))
        for push in (self.keep_theirs_button, self.keep_mine_button, self.save_choices_button):
            push.setAutoDefault(False)
            buttons.addButton(push, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_choices_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.keep_theirs_button.clicked.connect(lambda: self._choose_all(THEIRS))
        self.keep_mine_button.clicked.connect(lambda: self._choose_all(MINE))
        self.save_choices_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _value_cell(self, button: QRadioButton, text: str, lines: int) -> QWidget:
        """A short value is the radio button's own text; a long one (minutes, notes, a
        letter) is shown whole beside it, wrapped and scrollable, and a click in it chooses
        it too."""
        if len(text) <= LONG_VALUE and text.count("\n") < 3:
            button.setText(text)
            return button
        button.setAccessibleName(text[:200])
        view = QPlainTextEdit(text)
        view.setReadOnly(True)
        view.setTabChangesFocus(True)
        view.setFixedHeight(view.fontMetrics().lineSpacing() * min(max(lines, 3), 14) + 14)
        view.viewport().installEventFilter(self)
        self._views[view.viewport()] = button
        cell = QWidget()
        line = QHBoxLayout(cell)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        line.addWidget(view, 1)
        return cell

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and watched in self._views:
            self._views[watched].setChecked(True)
        return super().eventFilter(watched, event)

    def _choose_all(self, side: str) -> None:
        for group in self._groups.values():
            for button in group.buttons():
                button.setChecked(button.property("side") == side)
        self.accept()

    def choose(self, field: str, side: str) -> None:
        for button in self._groups[field].buttons():
            button.setChecked(button.property("side") == side)

    def choices(self) -> dict[str, str]:
        chosen: dict[str, str] = {}
        for name, group in self._groups.items():
            button = group.checkedButton()
            chosen[name] = str(button.property("side")) if button is not None else THEIRS
        return chosen


def _lines(text: str) -> int:
    """About how many lines a value takes in its box (both sides get the same height)."""
    return sum(1 + len(paragraph) // 44 for paragraph in text.split("\n"))


def _bold(text: str) -> QLabel:
    """A heading or a value's name in bold (a name may hold what a person typed: escaped)."""
    label = QLabel(f"<b>{html.escape(text, quote=False)}</b>")
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def shown_value(value: Any, *, words: Mapping[type, Callable[[Any], str]] | None = None,
                empty: str = "—") -> str:
    """A value as the dialog shows it: "—" for nothing, Yes/No, lists joined."""
    for kind, word in (words or {}).items():
        if isinstance(value, kind):
            return word(value)
    if value is None or value == "" or value == ():
        return empty
    if isinstance(value, bool):
        return (QCoreApplication.translate("EditConflictDialog", "Yes") if value
                else QCoreApplication.translate("EditConflictDialog", "No"))
    if isinstance(value, tuple):
        return ", ".join(str(part) for part in value)
    return str(value)


def saved_despite_other_desks(parent: QWidget, save: Callable[[], T], what: str,
                              label: Callable[[str], str], take: Callable[[Any, Any, int], None],
                              show: Callable[[str, Any], str] = lambda _n, v: shown_value(v),
                              ) -> T | None:
    """`save()` (which passes the editor's opened record and version as base); when another
    desk saved the same record meanwhile, merge or ask, then save again. `take(chosen,
    theirs, version)` puts the chosen values in the editor and makes theirs (at `version`) the
    new base, so the next `save()` goes against it. None: the person cancelled the choice,
    and everything typed stays in the editor. Other errors (Invalid...) reach the caller."""
    while True:
        try:
            return save()
        except SavedMeanwhile:
            continue  # lost the race by a moment: saving again merges or raises EditConflict
        except EditConflict as conflict:
            dialog = EditConflictDialog(parent, conflict, what, label, show)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            take(conflict.resolved(dialog.choices()), conflict.theirs, conflict.version)
