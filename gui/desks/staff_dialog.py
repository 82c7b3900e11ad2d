"""The staff list: who works at the shop's desks, each with an optional PIN."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.desks.services import add_staff_member, list_staff, remove_staff_member, set_staff_pin
from core.kernel.errors import Invalid

from gui.shell.context import AppContext


class StaffDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(self.tr("Staff List"))
        self.setMinimumWidth(460)
        intro = QLabel(self.tr(
            "Everyone who works at the desks. Each person picks their name in the status bar, "
            "and what they save is recorded under it. A PIN (4 to 12 digits) is optional."))
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Name"))
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setPlaceholderText(self.tr("PIN (optional)"))
        self.add_button = QPushButton(self.tr("&Add"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.clicked.connect(self.remove)
        self.pin_button = QPushButton(self.tr("Set &PIN…"))
        self.pin_button.clicked.connect(self.change_pin)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b91c1c;")
        self.message.setWordWrap(True)
        adding = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.name_edit, 2)
        row.addWidget(self.pin_edit, 1)
        row.addWidget(self.add_button)
        adding.addRow(self.tr("New:"), row)
        chosen = QHBoxLayout()
        chosen.addWidget(self.pin_button)
        chosen.addWidget(self.remove_button)
        chosen.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(chosen)
        layout.addLayout(adding)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for member in self._context.read(list_staff):
            text = member.name + (self.tr(" (PIN)") if member.has_pin else "")
            item = QListWidgetItem(text)
            item.setData(256, member.id)
            self.list.addItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.list.currentItem() is not None
        self.remove_button.setEnabled(chosen)
        self.pin_button.setEnabled(chosen)

    def _chosen_id(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(256)) if item is not None else None

    def add(self) -> None:
        try:
            self._context.run(add_staff_member, self.name_edit.text(), self.pin_edit.text())
        except Invalid as exc:
            self.message.setText(self._problem_text(exc))
            return
        self.message.clear()
        self.name_edit.clear()
        self.pin_edit.clear()
        self.reload()

    def remove(self) -> None:
        member_id = self._chosen_id()
        if member_id is not None:
            self._context.run(remove_staff_member, member_id)
            self.reload()

    def change_pin(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        member_id = self._chosen_id()
        if member_id is None:
            return
        pin, ok = QInputDialog.getText(self, self.tr("Set PIN"), self.tr(
            "New PIN, 4 to 12 digits (leave empty for none):"), QLineEdit.EchoMode.Password)
        if not ok:
            return
        try:
            self._context.run(set_staff_pin, member_id, pin)
        except Invalid as exc:
            QMessageBox.warning(self, self.tr("PIN not set"), self._problem_text(exc))
            return
        self.reload()

    def _problem_text(self, error: Invalid) -> str:
        code = error.problems[0].code
        return {"empty_name": self.tr("Type the person's name."),
                "name_taken": self.tr("That name is already on the list."),
                "bad_pin": self.tr("A PIN is 4 to 12 digits.")}.get(code, str(error))
