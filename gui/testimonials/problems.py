"""Showing what is wrong in a testimonials dialog: each problem under its field, the rest
in one line above the buttons, and the first field in trouble focused."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from core.kernel.errors import Invalid

from gui.testimonials.texts import problem_text
from gui.widgets.fields import ERROR_STYLE, FieldMessage


def error_label() -> QLabel:
    """The dialog's own message line (red, hidden until there is something to say)."""
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def show_message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def clear_problems(messages: dict[str, FieldMessage], label: QLabel) -> None:
    for message in messages.values():
        message.clear_message()
    label.hide()


def show_problems(messages: dict[str, FieldMessage], error: Invalid, label: QLabel) -> None:
    others: list[str] = []
    first: QWidget | None = None
    for problem in error.problems:
        message = messages.get(problem.field)
        if message is None:
            others.append(problem_text(problem))
            continue
        message.show_message(problem_text(problem))
        first = first or message.field_widget
    if others:
        show_message(label, "\n".join(others))
    if first is not None:
        first.setFocus()
