"""The status bar's "Sam at Front desk" button: who works at this desk, picked from the
staff list (with their PIN when they have one), and the desk's name. What they save is
recorded under that name (core.kernel.desk, core.desks.audit)."""
from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox, QToolButton, QWidget

from core.kernel.desk import current_actor, set_actor

from gui.shell.context import AppContext
from gui.shell.window_state import DESK_NAME, DESK_PERSON

if TYPE_CHECKING:
    from core.desks.types import StaffMemberRow


def restore_desk() -> None:
    """This computer's desk name and the last person who picked theirs here."""
    set_actor(desk=DESK_NAME.read(), person=DESK_PERSON.read())


class WhoIsWorkingButton(QToolButton):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setAutoRaise(True)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolTip(self.tr("Who is working at this desk: what they save is recorded "
                                "under their name"))
        self.menu_ = QMenu(self)
        self.menu_.aboutToShow.connect(self._fill_menu)
        self.setMenu(self.menu_)
        self.show_actor()

    def show_actor(self) -> None:
        actor = current_actor()
        self.setText(self.tr("%1 at %2").replace("%1", actor.person).replace("%2", actor.desk)
                     if actor.person and actor.desk else actor.person or actor.desk)

    def _fill_menu(self) -> None:
        from core.desks.services import list_staff  # off the first paint's path

        self.menu_.clear()
        staff = self._context.read(list_staff)
        person = current_actor().person
        for member in staff:
            action = self.menu_.addAction(member.name, partial(self.pick, member))
            action.setCheckable(True)
            action.setChecked(member.name == person)
        if staff:
            self.menu_.addSeparator()
        self.menu_.addAction(self.tr("Staff List…"), self.manage_staff)
        self.menu_.addAction(self.tr("Name This Desk…"), self.name_desk)

    def pick(self, member: StaffMemberRow, pin: str | None = None) -> bool:
        """`member` works here from now on, once their PIN (if they have one) is given."""
        from core.desks.services import pin_matches

        if member.has_pin:
            if pin is None:
                pin, ok = QInputDialog.getText(
                    self, self.tr("PIN"), self.tr("%1's PIN:").replace("%1", member.name),
                    QLineEdit.EchoMode.Password)
                if not ok:
                    return False
            if not self._context.read(pin_matches, member.id, pin):
                QMessageBox.warning(self, self.tr("Wrong PIN"), self.tr(
                    "That is not %1's PIN. Nothing changed.").replace("%1", member.name))
                return False
        set_actor(person=member.name)
        DESK_PERSON.write(member.name)
        self.show_actor()
        return True

    def name_desk(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Name This Desk"), self.tr(
            "A name for this computer's desk, as colleagues know it (\"Front desk\"):"),
            text=DESK_NAME.read() or current_actor().desk)
        if ok and name.strip():
            set_actor(desk=name)
            DESK_NAME.write(name.strip())
            self.show_actor()

    def manage_staff(self) -> None:
        from gui.desks.staff_dialog import StaffDialog

        StaffDialog(self._context, self).exec()
