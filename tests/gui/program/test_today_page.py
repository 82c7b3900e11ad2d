"""Today: what is due, worked through with the keyboard; a logged visit shows at once."""
from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from core.kernel.desk import who_is_at_the_desk
from core.program.types import DONE
from core.store.db import Database
from core.visits.services import log_interaction
from core.visits.types import InteractionDraft

from gui.program.action_dialogs import NoteQuestion, SnoozeQuestion
from gui.program.evaluator import ProgramEvaluator
from gui.program.today_page import TodayPage
from gui.shell.context import AppContext

from tests.core.program.shop import add_customer

TODAY = dt.date(2026, 12, 7)


def _page(qtbot: QtBot, db: Database, contexts: list[AppContext]) -> tuple[TodayPage, AppContext]:
    context = AppContext(db)
    contexts.append(context)
    evaluator = ProgramEvaluator(context, today=lambda: TODAY, settle_ms=10)
    page = TodayPage(context, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    evaluator.start()
    qtbot.waitUntil(lambda: page.view_shown is not None and bool(page.view_shown.actions))
    evaluator.setParent(page)  # its timers end with the page
    return page, context


def _sections(page: TodayPage) -> list[str]:
    model = page.model
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def test_today_lists_overdue_due_and_coming_up_and_space_marks_one_done(
        qtbot: QtBot, sqlite_db: Database,
        contexts: list[AppContext]) -> None:
    add_customer(sqlite_db, "Due", birthday_month=12, birthday_day=14, today=TODAY)
    add_customer(sqlite_db, "Soon", birthday_month=12, birthday_day=17, today=TODAY)
    add_customer(sqlite_db, "Late", visits=(dt.date(2026, 12, 1),), today=TODAY)
    page, _context = _page(qtbot, sqlite_db, contexts)
    assert _sections(page) == ["Overdue (1)", "Due today (1)", "Coming up this week (1)"]
    assert "Due today: 1" in page.counters.text() and "Overdue: 1" in page.counters.text()
    overdue = page.model.index(0, 0, page.model.index(0, 0))
    assert page.model.action_at(overdue).customer_name == "Late Test"  # type: ignore[union-attr]
    assert page.model.index(0, 3, page.model.index(0, 0)).data() == "3 days late"

    page.tree.setFocus()
    page.tree.setCurrentIndex(overdue)
    qtbot.keyClick(page.tree, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "Done this week (1)" in _sections(page))
    assert "Overdue (1)" not in _sections(page)
    done = [row for row in page.view_shown.actions if row.state == DONE]  # type: ignore[union-attr]
    assert [row.customer_name for row in done] == ["Late Test"]
    assert done[0].completed_by == who_is_at_the_desk() != ""  # who did it is kept


def test_z_snoozes_the_chosen_action_to_the_day_picked(
        qtbot: QtBot, sqlite_db: Database,
        contexts: list[AppContext]) -> None:
    add_customer(sqlite_db, "Due", birthday_month=12, birthday_day=14, today=TODAY)
    page, _context = _page(qtbot, sqlite_db, contexts)
    page.tree.setFocus()
    page.tree.setCurrentIndex(page.model.index(0, 0, page.model.index(0, 0)))

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SnoozeQuestion)
        dialog.until.setDate(dialog.until.date().addDays(2))
        dialog.accept()

    QTimer.singleShot(50, answer)
    qtbot.keyClick(page.tree, Qt.Key.Key_Z)
    qtbot.waitUntil(lambda: _sections(page) == ["Snoozed (1)"])
    (row,) = page.view_shown.actions  # type: ignore[union-attr]
    assert row.snoozed_until == TODAY + dt.timedelta(days=3)


def test_enter_opens_the_customer_of_the_chosen_action(
        qtbot: QtBot, sqlite_db: Database,
        contexts: list[AppContext]) -> None:
    due = add_customer(sqlite_db, "Due", birthday_month=12, birthday_day=14, today=TODAY)
    page, _context = _page(qtbot, sqlite_db, contexts)
    page.tree.setFocus()
    page.tree.setCurrentIndex(page.model.index(0, 0, page.model.index(0, 0)))
    with qtbot.waitSignal(page.open_customer_requested) as opened:
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert opened.args == [due]


def test_a_tenth_visit_logged_shows_its_milestone_card_at_once(
        qtbot: QtBot, sqlite_db: Database,
        contexts: list[AppContext]) -> None:
    visits = tuple(TODAY - dt.timedelta(days=10 * n) for n in range(1, 10))
    fan = add_customer(sqlite_db, "Fan", visits=visits, birthday_month=12, birthday_day=14,
                       today=TODAY)
    page, context = _page(qtbot, sqlite_db, contexts)
    assert not [r for r in page.view_shown.actions if r.rule == "milestone"]  # type: ignore[union-attr]
    context.operations.run(log_interaction, fan, InteractionDraft("visit", TODAY), today=TODAY)
    qtbot.waitUntil(lambda: any(r.rule == "milestone" or any(
        j.rule == "milestone" for j in r.joined) for r in page.view_shown.actions),  # type: ignore[union-attr]
        timeout=20_000)  # a bound on a hung test under load, not a measurement


def test_a_quiet_day_says_so_kindly(qtbot: QtBot, sqlite_db: Database,
        contexts: list[AppContext]) -> None:
    add_customer(sqlite_db, "Soon", birthday_month=12, birthday_day=17, today=TODAY)
    page, _context = _page(qtbot, sqlite_db, contexts)
    assert page.quiet.isVisible()
    assert page.quiet.text() == "Nothing is due today. 1 gesture coming up this week, listed below."


def test_esc_on_a_typed_skip_reason_asks_before_throwing_it_away(
        qtbot: QtBot, sqlite_db: Database,
        contexts: list[AppContext]) -> None:
    add_customer(sqlite_db, "Due", birthday_month=12, birthday_day=14, today=TODAY)
    page, _context = _page(qtbot, sqlite_db, contexts)
    page.tree.setCurrentIndex(page.model.index(0, 0, page.model.index(0, 0)))
    (row,) = page.view_shown.actions  # type: ignore[union-attr]
    question = NoteQuestion(page, row, skipping=True)
    question.show()
    qtbot.keyClicks(question.text, "moved to Leeds")
    qtbot.keyClick(question, Qt.Key.Key_Escape)
    assert question.isVisible() and question.discard_prompt.box is not None
    assert question.discard_prompt.box.isVisible()  # Save, Discard or Keep Editing
    question.discard_prompt.keep_editing_button.click()  # type: ignore[union-attr]
    assert question.isVisible() and question.text.text() == "moved to Leeds"


def test_today_is_the_first_area_and_the_app_opens_on_it(
        qtbot: QtBot, sqlite_db: Database, contexts: list[AppContext]) -> None:
    from gui.shell.main_window import MainWindow

    add_customer(sqlite_db, "Due", birthday_month=12, birthday_day=14, today=TODAY)
    contexts.append(AppContext(sqlite_db))
    window = MainWindow(contexts[-1], open_on_today=True)
    qtbot.addWidget(window)
    window.show()
    assert window.sidebar_titles()[:3] == ["Today", "Customers", "Cards & letters"]
    today = window.today_page
    assert today is not None and window.pages_stack.currentWidget() is today
    qtbot.waitUntil(lambda: today.view_shown is not None)  # type: ignore[attr-defined]
