"""File > Import Visits and Purchases, walked through as a shop owner would, on a real file."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import text

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QWizard

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.store.db import Database

from gui.interchange.import_history_dialog import ImportHistoryDialog
from gui.shell.context import AppContext
from gui.visits.import_visits_wizard import ImportVisitsWizard

from tests.core.visits.till.files import SHOPIFY_ORDER_COLUMNS, write_csv


def _shop(db: Database, tmp_path: Path) -> Path:
    with db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Ann", last_name="Lee",
                                            email="ann@example.com"),
                     today=dt.date(2026, 6, 1))
    return write_csv(tmp_path / "orders_export.csv", SHOPIFY_ORDER_COLUMNS, [
        {"Name": "#1001", "Email": "ann@example.com", "Financial Status": "paid",
         "Currency": "USD", "Total": "54.00", "Created at": "2026-03-05 14:22:10 -0500",
         "Lineitem name": "Sourdough", "Billing Name": "Ann Lee"},
        {"Name": "#1001", "Email": "ann@example.com", "Lineitem name": "Croissant"},
        {"Name": "#1002", "Email": "bo@example.com", "Financial Status": "paid",
         "Currency": "USD", "Total": "12.00", "Created at": "2026-03-06 10:00:00 -0500",
         "Lineitem name": "Rye", "Billing Name": "Bo Park"},
        {"Name": "#1003", "Email": "ann@example.com", "Financial Status": "paid",
         "Currency": "USD", "Total": "9.00", "Created at": "someday",
         "Lineitem name": "Tea", "Billing Name": "Ann Lee"},
    ])


def _next(qtbot, wizard: QWizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def _stored(db: Database) -> tuple[int, int]:
    with db.unit_of_work() as session:
        row = session.execute(text("SELECT (SELECT count(*) FROM interactions),"
                                   " (SELECT count(*) FROM customers)")).one()
    return int(row[0]), int(row[1])


def _walk_to_check_page(qtbot, wizard: ImportVisitsWizard, path: Path  # type: ignore[no-untyped-def]
                        ) -> None:
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path_edit, str(path))
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.reading_page
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.check_page


def test_the_check_lists_the_stranger_and_the_bad_row_and_skipping_imports_the_rest(
        qtbot, qtmodeltester, sqlite_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _shop(sqlite_db, tmp_path)
    wizard = ImportVisitsWizard(AppContext(sqlite_db))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path_edit, str(path))
    _next(qtbot, wizard)
    reading = wizard.reading_page
    assert "Shopify orders export" in reading.detected_label.text()
    assert "“Created at”" in reading.detected_label.text()
    # One line per column used: its name, what it gives, its first values.
    assert [reading.sample_model.text(0, n) for n in range(4)] == [
        "Name", "order number", "#1001", "#1001"]
    qtmodeltester.check(reading.sample_model, force_py=True)
    _next(qtbot, wizard)
    check = wizard.check_page
    assert _stored(sqlite_db) == (0, 1)  # the check wrote nothing
    assert check.unmatched_box.isVisibleTo(wizard)
    assert check.unmatched_model.text(0, 1) == "Bo Park"
    assert check.problems_model.text(0, 0) == "5"
    assert check.problems_model.text(0, 2) == "not a date (someday)"
    check.skip_button.setChecked(True)
    _next(qtbot, wizard)  # Import
    assert wizard.currentPage() is wizard.done_page
    assert wizard.summary is not None
    assert (wizard.summary.purchases, wizard.summary.created) == (1, 0)
    assert _stored(sqlite_db) == (1, 1)


def test_creating_customers_for_strangers_adds_them_with_their_purchase(
        qtbot, sqlite_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = ImportVisitsWizard(AppContext(sqlite_db))
    qtbot.addWidget(wizard)
    _walk_to_check_page(qtbot, wizard, _shop(sqlite_db, tmp_path))
    assert wizard.check_page.unmatched_label.text() == (
        "Rows naming someone who is not in your customer list: 1. "
        "New customers this would create: 1.")
    assert wizard.check_page.create_button.isChecked()  # the default
    _next(qtbot, wizard)
    assert wizard.summary is not None and wizard.summary.created == 1
    assert _stored(sqlite_db) == (2, 2)


def test_import_history_lists_a_till_import_without_calling_it_an_older_import(
        qtbot, sqlite_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = ImportVisitsWizard(AppContext(sqlite_db))
    qtbot.addWidget(wizard)
    _walk_to_check_page(qtbot, wizard, _shop(sqlite_db, tmp_path))
    _next(qtbot, wizard)  # Import
    history = ImportHistoryDialog(AppContext(sqlite_db))
    qtbot.addWidget(history)
    assert history.problems_value_label.text() == "1"  # the row with no date; nothing more
    heading = history.detail_form.labelForField(history.duplicates_value_label)
    assert heading.text() == "Unmatched sales:"  # not "Duplicates:"
    assert history.duplicates_value_label.text() == (
        "Customers created for sales that matched no one")


def test_the_strangers_dates_carry_the_whole_year(qtbot, sqlite_db: Database,  # type: ignore[no-untyped-def]
                                                 tmp_path: Path) -> None:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        wizard = ImportVisitsWizard(AppContext(sqlite_db))
        qtbot.addWidget(wizard)
        _walk_to_check_page(qtbot, wizard, _shop(sqlite_db, tmp_path))
        model = wizard.check_page.unmatched_model
        assert model.text(0, model.columnCount() - 1) == "3/6/2026"  # not "3/6/26"
    finally:
        QLocale.setDefault(previous)


def test_cancel_at_the_check_imports_nothing(qtbot, sqlite_db: Database,  # type: ignore[no-untyped-def]
                                             tmp_path: Path) -> None:
    wizard = ImportVisitsWizard(AppContext(sqlite_db))
    qtbot.addWidget(wizard)
    _walk_to_check_page(qtbot, wizard, _shop(sqlite_db, tmp_path))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton),
                     Qt.MouseButton.LeftButton)
    assert _stored(sqlite_db) == (0, 1)


def test_a_file_with_no_dates_is_refused_on_the_first_page(qtbot, sqlite_db: Database,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Email,Amount\nann@example.com,3\n", encoding="utf-8")
    wizard = ImportVisitsWizard(AppContext(sqlite_db))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path_edit, str(sheet))
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.file_page
    assert wizard.file_page.error_label.text() == (
        "Line 1: no column gives the date of the visit or sale. Nothing was imported.")
