"""A complaint opened on a customer's record shows as a banner there and on Today; resolving
it queues the follow-up call a week later. A promise made there is on Today on its day."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from core.program.clock import shop_today
from core.store.db import Database

from gui.complaints.dialogs import OpenComplaintDialog, PromiseDialog, ResolveComplaintDialog
from gui.complaints.today_panel import COL_CUSTOMER, COL_KIND, COL_WHAT, COL_WHEN
from gui.customers.editor import CustomerEditor
from gui.program.evaluator import ProgramEvaluator
from gui.program.today_page import TodayPage
from gui.shell.context import AppContext

from tests.core.program.shop import add_customer

# A busy machine (two test workers, other programs) can take a while to evaluate.
WAIT_MS = 20_000


def _answer(qtbot: QtBot, kind: type[QDialog], fill: Callable[[QDialog], None]) -> None:
    """Fill in the modal dialog of `kind` about to open and press its OK."""
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, kind)
        fill(dialog)
        dialog.ok_button.click()  # type: ignore[attr-defined]

    QTimer.singleShot(100, answer)


def _panel_rows(page: TodayPage) -> list[tuple[str, str, str, str]]:
    model = page.complaints_panel.model
    return [(model.text(r, COL_KIND), model.text(r, COL_CUSTOMER), model.text(r, COL_WHAT),
             model.text(r, COL_WHEN)) for r in range(model.rowCount())]


def test_open_a_complaint_see_it_on_the_record_and_today_resolve_it_and_a_call_follows(
        qtbot: QtBot, sqlite_db: Database, contexts: list[AppContext]) -> None:
    today = shop_today()
    ana = add_customer(sqlite_db, "Ana", visits=(today - dt.timedelta(days=40),), today=today)
    context = AppContext(sqlite_db)
    contexts.append(context)
    evaluator = ProgramEvaluator(context, today=lambda: today, settle_ms=10)
    page = TodayPage(context, today=lambda: today)
    qtbot.addWidget(page)
    evaluator.setParent(page)
    page.show()
    evaluator.start()
    qtbot.waitUntil(lambda: page.view_shown is not None, timeout=WAIT_MS)
    assert not page.complaints_panel.isVisibleTo(page)  # nothing open: no section

    editor = CustomerEditor(context, ana, None)
    qtbot.addWidget(editor)
    tab = editor.complaints_tab
    assert tab is not None
    qtbot.waitUntil(lambda: tab.loaded, timeout=WAIT_MS)
    assert not editor.complaint_banner.isVisibleTo(editor)

    def complain(dialog: QDialog) -> None:
        assert isinstance(dialog, OpenComplaintDialog)
        qtbot.keyClicks(dialog.summary_edit, "The birthday cake was dry")
        dialog.severity_combo.setCurrentIndex(2)  # high: put right by tomorrow

    _answer(qtbot, OpenComplaintDialog, complain)
    tab.new_complaint_button.click()
    qtbot.waitUntil(lambda: editor.complaint_banner.isVisibleTo(editor), timeout=WAIT_MS)
    banner = editor.complaint_banner.text_label.text()
    assert "Open complaint for" in banner and "The birthday cake was dry" in banner
    qtbot.waitUntil(lambda: bool(_panel_rows(page)), timeout=WAIT_MS)
    ((kind, name, what, when),) = _panel_rows(page)
    assert (kind, name, what) == ("Complaint", "Ana Test", "The birthday cake was dry")
    assert when.startswith("Open ") and "minute" in when and "put right by" in when

    qtbot.waitUntil(lambda: tab.resolve_button.isEnabled(), timeout=WAIT_MS)  # chosen

    def resolve(dialog: QDialog) -> None:
        assert isinstance(dialog, ResolveComplaintDialog)
        qtbot.keyClicks(dialog.resolution_edit, "Baked a new one and took it round")

    _answer(qtbot, ResolveComplaintDialog, resolve)
    tab.resolve_button.click()
    qtbot.waitUntil(lambda: not editor.complaint_banner.isVisibleTo(editor), timeout=WAIT_MS)
    assert tab.complaints_model.text(0, 3) == "Resolved"
    qtbot.waitUntil(lambda: not page.complaints_panel.isVisibleTo(page), timeout=WAIT_MS)

    def follow_up() -> list[tuple[str, dt.date]]:
        view = page.view_shown
        return [(row.why, row.due_on) for row in (view.actions if view else ())
                if row.rule == "complaint_resolved"]

    qtbot.waitUntil(lambda: bool(follow_up()), timeout=WAIT_MS)
    ((why, due_on),) = follow_up()
    assert due_on == today + dt.timedelta(days=7)
    assert why.endswith("are they happy now?")

    def promise(dialog: QDialog) -> None:
        assert isinstance(dialog, PromiseDialog)
        qtbot.keyClicks(dialog.what_edit, "Frame ready")

    _answer(qtbot, PromiseDialog, promise)
    tab.new_promise_button.click()
    qtbot.waitUntil(lambda: bool(_panel_rows(page)) and bool(tab.promises), timeout=WAIT_MS)
    assert _panel_rows(page)[0][:3] == ("Promise", "Ana Test", "Frame ready")
    tab.promises_table.selectRow(0)
    tab.kept_button.click()
    qtbot.waitUntil(lambda: tab.promises_model.text(0, 3) == "Kept 1 day early", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not page.complaints_panel.isVisibleTo(page), timeout=WAIT_MS)
    # The evaluation the promise started ends before the database closes.
    qtbot.waitUntil(lambda: not evaluator._settle.isActive() and not evaluator._running,
                    timeout=WAIT_MS)
    qtbot.wait(50)
    editor.close()
    page.close()
