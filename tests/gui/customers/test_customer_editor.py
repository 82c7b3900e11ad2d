"""The customer record and the business profile, typed into and clicked as a person would."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QImage

from core.customers.history import add_interaction
from core.customers.queries import ListQuery, count_customers
from core.customers.services import add_customer, get_customer
from core.customers.types import CustomerDetail, CustomerDraft, InteractionDraft
from core.customers.validation import PartialDate
from core.settings.profile import BusinessProfileData, get_business_profile, save_business_profile
from core.store.db import Database

from gui.customers.editor import CustomerEditor
from gui.settings.business_profile_dialog import BusinessProfileDialog
from gui.shell.context import AppContext

from tests.conftest import save_shop_profile


def _add(db: Database, **fields: object) -> int:
    with db.unit_of_work() as session:
        return add_customer(session, CustomerDraft(**fields)).id  # type: ignore[arg-type]


def _editor(qtbot: QtBot, db: Database, customer_id: int | None = None) -> CustomerEditor:
    editor = CustomerEditor(AppContext(db), customer_id)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _detail(db: Database, customer_id: int) -> CustomerDetail:
    with db.unit_of_work() as session:
        return get_customer(session, customer_id)


def test_typing_a_new_customer_and_saving_stores_them(qtbot: QtBot, sqlite_db: Database) -> None:
    editor = _editor(qtbot, sqlite_db)
    details = editor.details_tab
    # QTest types ASCII only; accents arrive the way an input method delivers them.
    details.first_name_edit.insert("Zoë")
    details.last_name_edit.insert("Ångström")
    qtbot.keyClicks(details.email_edit, "zoe@example.com")
    qtbot.keyClicks(details.phone_edit, "(555) 123-4567")
    qtbot.keyClicks(details.tags_edit, "vip, newsletter")
    details.birthday_edit.month_combo.setCurrentIndex(2)  # February, year unknown
    details.birthday_edit.day_spin.setValue(29)
    assert editor.name_label.text() == "Zoë Ångström"
    with qtbot.waitSignal(editor.customer_saved) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    detail = _detail(sqlite_db, saved.args[0])
    assert (detail.draft.first_name, detail.draft.email, detail.draft.phone) == (
        "Zoë", "zoe@example.com", "+15551234567")
    assert detail.draft.tags == ("newsletter", "vip")
    assert detail.draft.birthday == PartialDate(2, 29, None)
    assert editor.result() == editor.DialogCode.Accepted


def test_ctrl_s_saves_and_escape_cancels(qtbot: QtBot, sqlite_db: Database) -> None:
    editor = _editor(qtbot, sqlite_db)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)  # shortcuts go to the active window
    qtbot.keyClicks(editor.details_tab.first_name_edit, "Ann")
    with qtbot.waitSignal(editor.customer_saved):
        qtbot.keyClick(editor.details_tab.first_name_edit, Qt.Key.Key_S,
                       Qt.KeyboardModifier.ControlModifier)
    other = _editor(qtbot, sqlite_db)
    qtbot.keyClicks(other.details_tab.first_name_edit, "Bob")
    qtbot.keyClick(other.details_tab.first_name_edit, Qt.Key.Key_Escape)
    assert other.discard_prompt.discard_button is not None  # asked first (typed text)
    qtbot.mouseClick(other.discard_prompt.discard_button, Qt.MouseButton.LeftButton)
    assert not other.isVisible()
    assert count_customers(sqlite_db.raw(), ListQuery()) == 1


def test_invalid_email_is_explained_next_to_the_field_and_nothing_is_stored(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    editor = _editor(qtbot, sqlite_db)
    qtbot.keyClicks(editor.details_tab.first_name_edit, "Ann")
    qtbot.keyClicks(editor.details_tab.email_edit, "ann@@example")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    message = editor.details_tab.messages["email"]
    assert message.isVisible() and "not an email address" in message.text()
    # The message sits in the same form row, right under the email field.
    email_box = editor.details_tab.email_edit.geometry()
    assert message.parentWidget() is editor.details_tab.email_edit.parentWidget()
    assert message.geometry().top() >= email_box.bottom()
    assert editor.isVisible()
    assert count_customers(sqlite_db.raw(), ListQuery()) == 0
    editor.details_tab.email_edit.setText("ann@example.com")
    with qtbot.waitSignal(editor.customer_saved):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not message.isVisible()


def test_a_missing_name_is_asked_for(qtbot: QtBot, sqlite_db: Database) -> None:
    editor = _editor(qtbot, sqlite_db)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.details_tab.messages["first_name"].isVisible()
    assert count_customers(sqlite_db.raw(), ListQuery()) == 0


def test_a_duplicate_email_warns_and_save_anyway_keeps_both(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    _add(sqlite_db, first_name="Maria", last_name="García", email="maria@example.com")
    editor = _editor(qtbot, sqlite_db)
    qtbot.keyClicks(editor.details_tab.first_name_edit, "Maria")
    qtbot.keyClicks(editor.details_tab.email_edit, "MARIA@example.com")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.duplicate_box is not None
    qtbot.waitUntil(editor.duplicate_box.isVisible)
    assert "Maria García" in editor.duplicate_box.text()
    assert count_customers(sqlite_db.raw(), ListQuery()) == 1
    with qtbot.waitSignal(editor.customer_saved):
        editor.duplicate_save_button.click()  # type: ignore[union-attr]
    assert count_customers(sqlite_db.raw(), ListQuery()) == 2


def test_a_duplicate_can_open_the_existing_record_or_merge_into_it(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    existing = _add(sqlite_db, first_name="Maria", phone="5559876543")
    editor = _editor(qtbot, sqlite_db)
    editor.details_tab.first_name_edit.insert("María")
    qtbot.keyClicks(editor.details_tab.phone_edit, "555 987 6543")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(editor.open_customer_requested) as opened:
        editor.duplicate_open_button.click()  # type: ignore[union-attr]
    assert opened.args == [existing]

    merging = _editor(qtbot, sqlite_db)
    merging.details_tab.first_name_edit.insert("María")
    qtbot.keyClicks(merging.details_tab.phone_edit, "555 987 6543")
    qtbot.keyClicks(merging.details_tab.city_edit, "Lisboa")
    qtbot.mouseClick(merging.save_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(merging.customer_saved) as saved:
        merging.duplicate_merge_button.click()  # type: ignore[union-attr]
    assert saved.args == [existing]
    assert count_customers(sqlite_db.raw(), ListQuery()) == 1
    assert _detail(sqlite_db, existing).draft.city == "Lisboa"


def test_adding_a_purchase_shows_and_stores_lifetime_value(
    qtbot: QtBot, qtmodeltester, sqlite_db: Database  # type: ignore[no-untyped-def]
) -> None:
    ann = _add(sqlite_db, first_name="Ann")
    with sqlite_db.unit_of_work() as session:
        add_interaction(session, ann, InteractionDraft("purchase", dt.date(2026, 1, 5), 1000))
    editor = _editor(qtbot, sqlite_db, ann)
    assert editor.value_label.text() == "$10.00"
    history = editor.history_tab
    editor.tab_widget.setCurrentWidget(history)
    history.kind_combo.setCurrentIndex(history.kind_combo.findData("purchase"))
    qtbot.keyClicks(history.amount_edit, "12.5x")
    qtbot.mouseClick(history.add_button, Qt.MouseButton.LeftButton)
    assert history.amount_message.isVisible() and history.model.rowCount() == 1
    history.amount_edit.clear()
    qtbot.keyClicks(history.amount_edit, "1,212.50")
    qtbot.keyClicks(history.note_edit, "Birthday cake")
    qtbot.keyClick(history.note_edit, Qt.Key.Key_Return)  # adds the row, does not save
    assert editor.isVisible() and history.model.rowCount() == 2
    model = history.model
    new_amount = model.index(0, 2)  # newest first: the unsaved purchase of today
    assert new_amount.data() == "$1,212.50"
    assert new_amount.data(Qt.ItemDataRole.ToolTipRole) == "Not saved yet"
    assert new_amount.data(Qt.ItemDataRole.FontRole).italic()
    assert new_amount.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.index(1, 2).data(Qt.ItemDataRole.FontRole) is None  # saved: upright
    qtmodeltester.check(model, force_py=True)
    assert editor.value_label.text() == "$1,222.50"
    assert editor.visits_label.text() == "2"
    with qtbot.waitSignal(editor.customer_saved):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    detail = _detail(sqlite_db, ann)
    assert detail.lifetime_value_minor == 122250
    assert detail.interactions[0].note == "Birthday cake"


def test_removing_history_and_adding_a_moment_wait_for_save(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    ann = _add(sqlite_db, first_name="Ann")
    with sqlite_db.unit_of_work() as session:
        add_interaction(session, ann, InteractionDraft("visit", dt.date(2026, 1, 5)))
    editor = _editor(qtbot, sqlite_db, ann)
    history = editor.history_tab
    assert not history.remove_button.isEnabled()
    history.table.selectRow(0)
    assert history.remove_button.isEnabled()
    qtbot.mouseClick(history.remove_button, Qt.MouseButton.LeftButton)
    assert history.model.rowCount() == 0 and editor.visits_label.text() == "0"
    moments = editor.moments_tab
    moments.kind_combo.setCurrentIndex(moments.kind_combo.findData("life_event:wedding"))
    moments.date_edit.month_combo.setCurrentIndex(moments.date_edit.month_combo.findData(6))
    moments.date_edit.day_spin.setValue(14)
    moments.date_edit.year_check.setChecked(False)
    qtbot.mouseClick(moments.add_button, Qt.MouseButton.LeftButton)
    assert moments.model.text(0, 0) == "Wedding"
    assert moments.model.tooltip(0, 1) == "Not saved yet"
    assert len(_detail(sqlite_db, ann).interactions) == 1  # nothing written before Save
    with qtbot.waitSignal(editor.customer_saved):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    detail = _detail(sqlite_db, ann)
    assert detail.interactions == ()
    assert [(m.life_event, m.date) for m in detail.moments] == [("wedding", PartialDate(6, 14))]


def test_referred_by_is_chosen_from_search_results(qtbot: QtBot, sqlite_db: Database) -> None:
    referrer = _add(sqlite_db, first_name="José", last_name="Müller")
    editor = _editor(qtbot, sqlite_db)
    qtbot.keyClicks(editor.details_tab.first_name_edit, "Bea")
    qtbot.keyClicks(editor.details_tab.referred_by_edit, "muller")
    completer = editor.details_tab.referrer_completer
    model = completer.completionModel()
    assert model.rowCount() == 1
    index: QModelIndex = model.index(0, 0)
    completer.activated[QModelIndex].emit(index)
    assert editor.details_tab.referred_by_edit.text() == "José Müller"
    with qtbot.waitSignal(editor.customer_saved) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert _detail(sqlite_db, saved.args[0]).draft.referred_by_id == referrer
    assert _detail(sqlite_db, referrer).stage == "prospect"  # no visits yet, one referral


def test_typing_a_referrer_without_choosing_one_is_refused(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    editor = _editor(qtbot, sqlite_db)
    qtbot.keyClicks(editor.details_tab.first_name_edit, "Bea")
    qtbot.keyClicks(editor.details_tab.referred_by_edit, "Nobody")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.details_tab.messages["referred_by_id"].isVisible()
    assert count_customers(sqlite_db.raw(), ListQuery()) == 0


def test_business_profile_dialog_saves_name_region_and_logo(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path
) -> None:
    logo = QImage(3000, 1000, QImage.Format.Format_RGB32)
    logo.fill(QColor("darkgreen"))
    logo_path = tmp_path / "logo.jpg"
    assert logo.save(str(logo_path))
    dialog = BusinessProfileDialog(AppContext(sqlite_db))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.clear()
    dialog.name_edit.insert("Bäckerei Sonnenschein")
    dialog.region_combo.setCurrentIndex(dialog.region_combo.findData("DE"))
    dialog.locale_combo.setCurrentIndex(dialog.locale_combo.findData("de_DE"))
    dialog.currency_combo.setCurrentIndex(dialog.currency_combo.findData("EUR"))
    qtbot.keyClicks(dialog.phone_edit, "089 1234567")
    assert dialog.set_logo_file(str(logo_path))
    assert not dialog.set_logo_file(str(tmp_path / "missing.png"))
    with qtbot.waitSignal(dialog.profile_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with sqlite_db.unit_of_work() as session:
        profile = get_business_profile(session)
    assert (profile.name, profile.region, profile.locale, profile.currency, profile.phone) == (
        "Bäckerei Sonnenschein", "DE", "de_DE", "EUR", "+49891234567")
    assert profile.logo_png is not None and profile.logo_png.startswith(b"\x89PNG")
    stored = QImage.fromData(profile.logo_png)
    assert max(stored.width(), stored.height()) == 1200


def test_business_profile_shows_bad_email_next_to_it(qtbot: QtBot, sqlite_db: Database) -> None:
    with sqlite_db.unit_of_work() as session:
        save_business_profile(session, BusinessProfileData(name="Corner Shop"))
    dialog = BusinessProfileDialog(AppContext(sqlite_db))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.email_edit, "shop@")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.messages["email"].isVisible()
    assert dialog.isVisible()
    with sqlite_db.unit_of_work() as session:
        assert get_business_profile(session).email == ""


def test_money_follows_the_shops_locale_and_currency(qtbot: QtBot, sqlite_db: Database) -> None:
    with sqlite_db.unit_of_work() as session:
        save_business_profile(session, BusinessProfileData(region="DE", locale="de_DE",
                                                           currency="EUR"))
    ann = _add(sqlite_db, first_name="Anna", phone="089 1234567")
    editor = _editor(qtbot, sqlite_db, ann)
    assert editor.details_tab.phone_edit.text() == "089 1234567"
    history = editor.history_tab
    qtbot.keyClicks(history.amount_edit, "1.234,50")
    qtbot.mouseClick(history.add_button, Qt.MouseButton.LeftButton)
    assert editor.value_label.text() == "1.234,50\xa0€"


def test_cards_sent_tab_shows_what_was_printed_and_sent(
        qtbot: QtBot, qtmodeltester, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    from core.printing.batches import BatchRequest, mark_batch_sent, plan_batch, record_batch
    from core.printing.recipients import RecipientSelection

    save_shop_profile(sqlite_db)
    ann = _add(sqlite_db, first_name="Ann", last_name="Lee", street="1 High St", city="Leeds")
    editor = _editor(qtbot, sqlite_db, ann)
    assert editor.mailings_tab.empty_label.isVisibleTo(editor.mailings_tab)
    with sqlite_db.unit_of_work() as session:
        plan = plan_batch(session, BatchRequest("thank-you", RecipientSelection(customer_ids=(ann,))))
        summary = record_batch(session, plan)
        mark_batch_sent(session, summary.id)
    editor = _editor(qtbot, sqlite_db, ann)
    model = editor.mailings_tab.mailings_model
    assert model.rowCount() == 1
    assert model.index(0, 2).data().startswith("Sent ")
    assert model.index(0, 3).data() == f"#{summary.id}"
    assert not editor.mailings_tab.empty_label.isVisibleTo(editor.mailings_tab)
    qtmodeltester.check(model, force_py=True)
