"""The Listening page's complaints and promises: figures with their formulas, open
complaints by age, promises due."""
from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QLocale

from core.complaints.services import add_promise, move_complaint, open_complaint
from core.complaints.types import IN_PROGRESS, ComplaintDraft
from core.store.db import Database

from gui.complaints.listening_section import ComplaintsListeningSection
from gui.shell.context import AppContext

from tests.core.program.shop import add_customer


def test_the_figures_say_how_they_are_worked_out_and_open_complaints_list_oldest_first(
        qtbot: QtBot, sqlite_db: Database, contexts: list[AppContext]) -> None:
    today = dt.date.today()
    now = dt.datetime.now().replace(microsecond=0)
    ana = add_customer(sqlite_db, "Ana", today=today)
    bea = add_customer(sqlite_db, "Bea", today=today)
    with sqlite_db.unit_of_work() as session:
        old = open_complaint(session, ComplaintDraft(ana, "Cake was dry", "high", "sam",
                                                     now - dt.timedelta(days=3)))
        move_complaint(session, old, IN_PROGRESS, at=now - dt.timedelta(days=3, hours=-2))
        open_complaint(session, ComplaintDraft(bea, "Queue too long", "low", "",
                                               now - dt.timedelta(hours=5)))
        add_promise(session, customer_id=bea, what="Frame ready", due_on=today,
                    made_on=today - dt.timedelta(days=2))
    context = AppContext(sqlite_db)
    contexts.append(context)
    section = ComplaintsListeningSection(context, QLocale("en_US"), today=lambda: today)
    qtbot.addWidget(section)
    section.load()
    qtbot.waitUntil(lambda: section.shown is not None)
    assert section.first_response_label.text() == "median 2 hours · 9 in 10 within 2 hours"
    assert section.resolve_label.text() == "none yet"
    assert "waiting on the customer" in section.resolve_label.toolTip()
    assert "÷" in section.promises_label.toolTip()
    assert [section.complaints_model.text(r, 2) for r in range(2)] == [
        "Cake was dry", "Queue too long"]
    assert section.complaints_model.text(0, 0) == "3 days"
    assert section.promises_model.text(0, 4) == "Due today"
