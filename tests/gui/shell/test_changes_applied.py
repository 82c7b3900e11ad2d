"""One signal carries what each operation changed; every page refreshes only what it shows."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication, QMessageBox

from core.customers.history import add_interaction
from core.customers.services import add_customer, delete_customers, update_customer
from core.customers.types import CustomerDraft, InteractionDraft
from core.printing.batches import BatchRequest, print_batch
from core.printing.recipients import RecipientSelection
from core.printing.templates import save_template
from core.settings.profile import get_business_profile, save_business_profile
from core.store.db import Database

from gui.customers.table_model import COL_CITY, COL_VALUE
from gui.shell.main_window import MainWindow

from tests.conftest import save_shop_profile

ADDRESS = {"street": "1 High St", "city": "Leeds", "postal_code": "LS1 1AA"}


def _add(db: Database, first: str, **fields: object) -> int:
    with db.unit_of_work() as session:
        return add_customer(session, CustomerDraft(first_name=first, last_name="Test",
                                                   **fields)).id  # type: ignore[arg-type]


def _cards_page(qtbot: QtBot, window: MainWindow):  # type: ignore[no-untyped-def]
    window.sidebar_list.setCurrentRow(window.sidebar_titles().index("Cards & letters"))
    qtbot.waitUntil(lambda: window.cards_page is not None and window.cards_page.isVisible())
    return window.cards_page


def test_marking_a_batch_sent_updates_the_sent_this_year_filter_without_a_restart(
    qtbot: QtBot, active_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args: QMessageBox.StandardButton.Yes)  # "Mark batch sent?"
    window = active_window
    database = window._context.database
    save_shop_profile(database)
    amy = _add(database, "Amy", **ADDRESS)
    with database.unit_of_work() as session:
        print_batch(session, BatchRequest("thank-you", RecipientSelection(customer_ids=(amy,)),
                                          "a6-card"), tmp_path / "cards.pdf")
    page = window.customers_page
    page.refresh()
    page.sent_combo.showPopup()  # the templates are read when the list first opens
    page.sent_combo.hidePopup()
    page.sent_combo.setCurrentIndex(page.sent_combo.findData("thank-you"))
    assert page.count_label.text() == "0 customers"  # printed, not sent yet

    history = _cards_page(qtbot, window).history
    history.batches_table.selectRow(0)
    history.sent_button.click()

    assert page.count_label.text() == "1 customer"
    assert history.batches_model.text(0, 3) == "1"  # the history shows it sent too


def test_saving_the_business_profile_with_a_new_currency_updates_the_money_column_at_once(
    qtbot: QtBot, active_window: MainWindow
) -> None:
    window = active_window
    context = window._context
    amy = _add(context.database, "Amy")
    with context.database.unit_of_work() as session:
        add_interaction(session, amy, InteractionDraft("purchase", dt.date(2026, 1, 5), 1250))
    page = window.customers_page
    page.refresh()
    model = page.model
    # The money column fills in a moment after the first paint (Babel loads on a thread).
    qtbot.waitUntil(lambda: model.index(0, COL_VALUE).data() == "$12.50", timeout=3000)

    profile = context.run(get_business_profile)
    context.run(save_business_profile, dataclasses.replace(profile, currency="EUR"))

    qtbot.waitUntil(lambda: model.index(0, COL_VALUE).data() == "€12.50", timeout=3000)


def test_saving_a_customer_does_not_re_render_the_card_preview(
    qtbot: QtBot, active_window: MainWindow, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    window = active_window
    context = window._context
    save_shop_profile(context.database)
    amy = _add(context.database, "Amy", **ADDRESS)
    cards = _cards_page(qtbot, window)
    drawn: list[object] = []
    real_show_pdf = cards.template_preview.show_pdf
    monkeypatch.setattr(cards.template_preview, "show_pdf",
                        lambda *a, **k: (drawn.append(a), real_show_pdf(*a, **k)))

    context.run(update_customer, amy, CustomerDraft(first_name="Amy", last_name="Test",
                                                    **{**ADDRESS, "city": "York"}))
    assert window.customers_page.model.index(0, COL_CITY).data() == "York"  # the list did
    assert drawn == []  # the card preview did not

    template = cards.current_template()
    assert template is not None
    context.run(save_template, name=template.name, kind=template.kind, title="Thanks!",
                body=template.body, format_name="")
    assert len(drawn) == 1  # a template change does redraw it


def test_an_edit_keeps_the_selection_and_the_scroll_position(
    qtbot: QtBot, active_window: MainWindow, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    window = active_window
    context = window._context
    with context.database.unit_of_work() as session:
        ids = [add_customer(session, CustomerDraft(first_name=f"Cust{n:03d}",
                                                   last_name="Test")).id for n in range(300)]
    page = window.customers_page
    page.refresh()
    view, model = page.table_view, page.model
    qtmodeltester.check(model, force_py=True)
    view.selectRow(150)
    view.scrollTo(model.index(150, 0))
    QApplication.processEvents()
    chosen, scrolled = page.selected_ids(), view.verticalScrollBar().value()
    assert chosen == [ids[150]] and scrolled > 0

    context.run(update_customer, ids[150], CustomerDraft(first_name="Cust150",
                                                         last_name="Test", city="York"))
    assert page.selected_ids() == chosen
    assert view.verticalScrollBar().value() == scrolled
    assert model.index(150, COL_CITY).data() == "York"

    # A customer above leaves the list: the selection stays on the same customer.
    context.run(delete_customers, [ids[10]])
    assert model.rowCount() == 299
    assert page.selected_ids() == chosen
    assert page.count_label.text() == "299 customers"
    qtmodeltester.check(model, force_py=True)
