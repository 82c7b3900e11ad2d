"""A field to choose one customer by typing a few letters of their name, email or phone."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from gui.shell.context import AppContext
from gui.widgets.customer_matches import ID_ROLE, NAME_ROLE, fill_customer_matches


class CustomerPicker(QLineEdit):
    """Type, then pick from the list; `customer_id` is None until one is picked (typing
    again forgets the pick)."""

    customer_chosen = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.customer_id: int | None = None
        self.setPlaceholderText(self.tr("Type a few letters of the customer's name"))
        self.setClearButtonEnabled(True)
        self._matches = QStandardItemModel(self)
        self.completer_popup = QCompleter(self._matches, self)
        self.completer_popup.setCompletionMode(
            QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_popup.setWidget(self)
        self.completer_popup.activated[QModelIndex].connect(  # type: ignore[index]
            self._on_chosen)
        self.textEdited.connect(self._on_text_edited)

    def choose(self, customer_id: int, name: str) -> None:
        self.customer_id = customer_id
        self.setText(name)
        self.customer_chosen.emit(customer_id)

    def _on_text_edited(self, text: str) -> None:
        self.customer_id = None
        if fill_customer_matches(self._matches, self._context.database.raw(), text):
            self.completer_popup.complete()
        else:
            self._hide_popup()

    def _hide_popup(self) -> None:
        popup = self.completer_popup.popup()
        if popup is not None:
            popup.hide()

    def _on_chosen(self, index: QModelIndex) -> None:
        self.choose(int(index.data(ID_ROLE)), str(index.data(NAME_ROLE)))
