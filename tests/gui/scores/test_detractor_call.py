"""An unhappy answer recorded on the customer's record brings a call back on Today; the
call recorded there (Today's call dialog) marks it done and keeps what was said."""
from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from core.customers.record import get_customer_record
from core.program.clock import shop_today
from core.program.types import DONE
from core.scores.services import customer_scores
from core.store.db import Database

from gui.program.action_dialogs import CallQuestion
from gui.program.evaluator import ProgramEvaluator
from gui.program.today_page import TodayPage
from gui.scores.record_dialog import RecordScoreDialog
from gui.scores.satisfaction_tab import SatisfactionTab
from gui.shell.context import AppContext

from tests.core.program.shop import add_customer


def test_a_detractor_score_queues_a_call_that_today_records_as_done(
        qtbot: QtBot, sqlite_db: Database, contexts: list[AppContext]) -> None:
    today = shop_today()
    dee = add_customer(sqlite_db, "Dee", birthday_month=today.month, birthday_day=today.day,
                       today=today)  # something on Today already, so that it paints
    context = AppContext(sqlite_db)
    contexts.append(context)
    evaluator = ProgramEvaluator(context, today=lambda: today, settle_ms=10)
    page = TodayPage(context, today=lambda: today)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    evaluator.start()
    qtbot.waitUntil(lambda: page.view_shown is not None and bool(page.view_shown.actions))
    evaluator.setParent(page)

    # The customer record's Satisfaction tab: Record a Score…, 4 out of 10, a comment.
    tab = SatisfactionTab(context, lambda day: day.isoformat(), lambda: "Dee Test")
    qtbot.addWidget(tab)
    tab.load(dee)
    assert tab.latest_label.text() == "<b>No score yet</b>"

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RecordScoreDialog)
        assert not dialog.save_button.isEnabled()  # no answer chosen yet
        qtbot.keyClicks(dialog, "4")  # a digit picks the answer
        assert dialog.score() == 4 and dialog.meaning_label.text() == "Detractor"
        qtbot.keyClicks(dialog.comment_edit, "Waited too long for the cake")
        dialog.save_button.click()

    QTimer.singleShot(50, answer)
    tab.record_button.click()
    assert [(r.scale, r.score, r.comment) for r in tab.rows] == [
        ("nps", 4, "Waited too long for the cake")]
    assert "4 out of 10" in tab.latest_label.text()

    # Today: the call back, due tomorrow.
    def call_back_row() -> object:
        rows = page.view_shown.actions if page.view_shown else ()
        return next((r for r in rows if r.rule == "detractor"), None)

    qtbot.waitUntil(lambda: call_back_row() is not None, timeout=5000)
    row = call_back_row()
    assert row.customer_id == dee and row.gesture == "call"  # type: ignore[attr-defined]
    assert row.why.startswith("Unhappy answer (4 out of 10)")  # type: ignore[attr-defined]

    # Recorded as made through Today's call dialog.
    model = page.model
    found = None
    for section in range(model.rowCount()):
        parent = model.index(section, 0)
        for child in range(model.rowCount(parent)):
            index = model.index(child, 0, parent)
            action = model.action_at(index)
            if action is not None and action.rule == "detractor":
                found = index
    assert found is not None
    page.tree.setFocus()
    page.tree.setCurrentIndex(found)

    def record_call() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CallQuestion)
        qtbot.keyClicks(dialog.text, "Apologised; a free cake next time")
        dialog.accept()

    QTimer.singleShot(50, record_call)
    qtbot.keyClick(page.tree, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: any(r.rule == "detractor" and r.state == DONE
                                for r in page.view_shown.actions),  # type: ignore[union-attr]
                    timeout=5000)
    record = context.read(get_customer_record, dee)
    assert [(i.kind, i.note) for i in record.detail.interactions] == [
        ("call", "Apologised; a free cake next time")]
    assert len(context.read(customer_scores, dee)) == 1
    # The evaluation the call set off ends before the test does.
    qtbot.waitUntil(lambda: not evaluator._running and not evaluator._settle.isActive())
    qtbot.wait(200)
