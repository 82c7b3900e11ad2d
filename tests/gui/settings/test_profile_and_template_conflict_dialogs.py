"""Two desks change the business profile, or one card's wording, at the same time (the
other desk is a real second process): this desk's Save shows the clash side by side and
keeps what the person chooses; what the other desk changed elsewhere is kept unasked."""
from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QTimer

from core.printing.templates import get_template
from core.settings.services import get_business_profile
from core.store.db import Database

from gui.printing.page import CardsPage
from gui.settings.business_profile_dialog import BusinessProfileDialog
from gui.shell.context import AppContext
from gui.widgets.conflict_dialog import MINE, THEIRS, EditConflictDialog

from tests.conftest import save_shop_profile
from tests.core.customers.other_desk import run_code_at_another_desk
from tests.gui.conflicts import answer_the_conflict


def test_a_profile_changed_at_another_desk_asks_about_the_name_and_keeps_their_phone(
        qtbot: QtBot, sqlite_db: Database) -> None:
    save_shop_profile(sqlite_db)
    context = AppContext(sqlite_db)
    dialog = BusinessProfileDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    run_code_at_another_desk(sqlite_db, """
        import dataclasses
        from core.settings.services import (business_profile_version, get_business_profile,
                                            save_business_profile)
        with db.unit_of_work() as session:
            opened = get_business_profile(session)
            save_business_profile(session, dataclasses.replace(
                opened, name="Rose City Bikes", phone="+1 503 555 0199"), base=opened,
                base_version=business_profile_version(session))
    """)
    dialog.name_edit.setText("Rose City Cycles & Repairs")
    dialog.city_edit.setText("Beaverton")
    seen: list[EditConflictDialog] = []
    QTimer.singleShot(0, lambda: answer_the_conflict(seen, {"name": MINE}))
    with qtbot.waitSignal(dialog.profile_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    with sqlite_db.unit_of_work() as session:
        stored = get_business_profile(session)
    assert (stored.name, stored.city) == ("Rose City Cycles & Repairs", "Beaverton")
    assert stored.phone.replace(" ", "") == "+15035550199"  # theirs, not asked about
    context.operations.shutdown()


def test_a_card_reworded_at_two_desks_shows_both_and_keeping_theirs_puts_it_in_the_editor(
        qtbot: QtBot, sqlite_db: Database) -> None:
    context = AppContext(sqlite_db)
    page = CardsPage(context, None)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.template_list.count() > 0)
    page.template_list.setCurrentRow(0)
    name = page.current_template().name  # type: ignore[union-attr]
    run_code_at_another_desk(sqlite_db, f"""
        from core.printing.templates import get_template, save_template
        with db.unit_of_work() as session:
            opened = get_template(session, {name!r})
            save_template(session, name=opened.name, kind=opened.kind, title=opened.title,
                          body="Thank you from all of us at the shop!",
                          format_name=opened.format_name, base=opened)
    """)
    page.body_edit.setPlainText("Thank you, {{first_name}}!")
    seen: list[EditConflictDialog] = []
    QTimer.singleShot(0, lambda: answer_the_conflict(seen, {"body": THEIRS}))
    page.save_button.click()
    assert len(seen) == 1 and seen[0].windowTitle() == "Changed at Another Desk"
    assert page.body_edit.toPlainText() == "Thank you from all of us at the shop!"
    with sqlite_db.unit_of_work() as session:
        assert get_template(session, name).body == "Thank you from all of us at the shop!"
    context.operations.shutdown()
