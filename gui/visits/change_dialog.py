"""Change one visit, purchase, call, meeting or note of the customer record's history. It
writes nothing: the record keeps the change with its other unsaved ones until Save."""
from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from core.customers.types import INTERACTION_KINDS, InteractionDraft

from gui.visits.fields import InteractionFields
from gui.widgets.fields import ShopMoney


class ChangeInteractionDialog(QDialog):
    """The interaction's fields, filled in; OK (Enter) keeps the change in `changed`."""

    def __init__(self, money: ShopMoney, locale: QLocale, current: InteractionDraft,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change History Entry"))
        self.changed: InteractionDraft | None = None
        form = QFormLayout()
        self.fields = InteractionFields(form, money, locale, INTERACTION_KINDS)
        self.fields.set_values(current.kind, current.occurred_on, current.amount_minor,
                               current.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Change"))
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self._on_ok_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _on_ok_clicked(self) -> None:
        self.fields.clear_messages()
        values = self.fields.values()
        if values is None:
            return
        kind, occurred, minor, note = values
        self.changed = InteractionDraft(kind, occurred, minor, note)
        self.accept()
