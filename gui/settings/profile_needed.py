"""Nothing prints half-filled: when a print needs business profile fields that are empty,
say which, and open the business profile at the first of them."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from gui.shell.context import AppContext


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProfileNeeded", text)


def field_words(field: str) -> str:
    """A business profile field as the shop calls it."""
    return {
        "name": _tr("business name"), "street": _tr("street"), "city": _tr("city"),
        "state": _tr("state or province"), "postal_code": _tr("postal code"),
        "country": _tr("country"), "phone": _tr("phone number"),
        "email": _tr("email address"), "signature_name": _tr("signature name"),
        "logo_png": _tr("logo"),
    }.get(field, field.replace("_", " "))


def listed(words: Sequence[str]) -> str:
    if len(words) == 1:
        return words[0]
    return _tr("%1 and %2").replace("%1", ", ".join(words[:-1])).replace("%2", words[-1])


def profile_needed_text(fields: Sequence[str]) -> str:
    return _tr("Nothing was printed: the business profile is missing what this prints "
               "(%1).").replace("%1", listed([field_words(field) for field in fields]))


def preview_needs_text(fields: Sequence[str]) -> str:
    return _tr("No preview yet: the business profile is missing what this prints "
               "(%1).").replace("%1", listed([field_words(field) for field in fields]))


class ProfileNeededBox(QMessageBox):
    """The question, with a button that opens the business profile at the first field."""

    def __init__(self, fields: Sequence[str], parent: QWidget | None) -> None:
        super().__init__(QMessageBox.Icon.Information, _tr("Fill in the business profile"),
                         profile_needed_text(fields), QMessageBox.StandardButton.Cancel,
                         parent)
        self.setObjectName("profile_needed_box")
        self.setInformativeText(_tr("Fill it in once and every card and letter carries it."))
        self.open_button = self.addButton(_tr("Open Business Profile…"),
                                          QMessageBox.ButtonRole.AcceptRole)
        self.setDefaultButton(self.open_button)


def ask_to_complete_profile(parent: QWidget | None, context: AppContext,
                            fields: Sequence[str]) -> bool:
    """Say what is missing; on request open the business profile at the first missing
    field. True when the profile was then saved (the person may print again)."""
    from gui.settings.business_profile_dialog import BusinessProfileDialog

    box = ProfileNeededBox(fields, parent)
    box.exec()
    if box.clickedButton() is not box.open_button:
        return False
    dialog = BusinessProfileDialog(context, parent, needed_fields=tuple(fields))
    return bool(dialog.exec())
