"""The customer list explains itself: why a customer matched, why nobody did, which
columns show; rows and headers have context menus; the trash can be emptied."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from core.customers.history import add_interaction
from core.customers.queries import ListQuery, count_customers
from core.customers.services import add_customer, delete_customers
from core.customers.types import CustomerDraft, InteractionDraft
from core.store.db import Database

from gui.customers.page import CustomersPage
from gui.customers.table_model import (
    COL_CITY,
    COL_DELETED,
    COL_EMAIL,
    COL_NAME,
    COL_ORGANISATION,
    COL_SINCE,
    COL_TAGS,
    MATCH_BACKGROUND,
)
from gui.shell.context import AppContext
from gui.shell.main_window import MainWindow

BACKGROUND = Qt.ItemDataRole.BackgroundRole


def _add(db: Database, **fields: object) -> int:
    with db.unit_of_work() as session:
        return add_customer(session, CustomerDraft(**fields)).id  # type: ignore[arg-type]


def _page(qtbot, db: Database) -> CustomersPage:  # type: ignore[no-untyped-def]
    page = CustomersPage(AppContext(db), QUndoStack(), locale=QLocale("en_US"))
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.load()
    return page


def _search(qtbot, page: CustomersPage, text: str) -> None:  # type: ignore[no-untyped-def]
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, text)
    qtbot.waitUntil(lambda: page.model.query.text == text, timeout=2000)


def _names(page: CustomersPage) -> list[str]:
    return [page.model.index(r, COL_NAME).data() for r in range(page.model.rowCount())]


def test_mueller_typed_in_the_search_box_finds_mueller(qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    _add(sqlite_db, first_name="Jürgen", last_name="Müller")
    _add(sqlite_db, first_name="Ann", last_name="Smith")
    page = _page(qtbot, sqlite_db)
    _search(qtbot, page, "mueller")
    assert _names(page) == ["Jürgen Müller"]
    assert page.count_label.text() == "1 customer"
    # The name is what matched: it is highlighted.
    assert page.model.index(0, COL_NAME).data(BACKGROUND) == MATCH_BACKGROUND
    assert page.model.index(0, COL_EMAIL).data(BACKGROUND) is None


def test_a_match_in_a_hidden_column_is_named_beside_the_name(qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    _add(sqlite_db, first_name="Eva", last_name="Lang", organisation="Müller Architekten",
         tags=("wholesale",))
    page = _page(qtbot, sqlite_db)
    page.columns.show_all()
    _search(qtbot, page, "mueller")
    # The organisation column shows it, highlighted.
    assert _names(page) == ["Eva Lang"]
    assert page.model.index(0, COL_ORGANISATION).data() == "Müller Architekten"
    assert page.model.index(0, COL_ORGANISATION).data(BACKGROUND) == MATCH_BACKGROUND
    # Hidden from the header's menu: the name says where it was found.
    page.columns.set_column_shown(COL_ORGANISATION, False)
    assert _names(page) == ["Eva Lang  (Müller Architekten)"]
    page.columns.set_column_shown(COL_TAGS, False)
    _search(qtbot, page, "whole")
    assert _names(page) == ["Eva Lang  (tag: wholesale)"]


def test_a_match_on_a_second_email_is_named_beside_the_name(qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    anna = _add(sqlite_db, first_name="Anna", last_name="Berg", email="anna@home.example")
    with sqlite_db.unit_of_work() as session:
        session.execute(text("INSERT INTO customer_contacts (customer_id, kind, value, label)"
                             " VALUES (:c, 'email', 'anna.berg@works.example', 'work')"),
                        {"c": anna})
    page = _page(qtbot, sqlite_db)
    _search(qtbot, page, "berg@works")
    assert _names(page) == ["Anna Berg  (also: anna.berg@works.example)"]
    assert page.model.index(0, COL_NAME).data(BACKGROUND) == MATCH_BACKGROUND


def test_an_empty_result_says_so_and_clears_the_search_and_filters(qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    _add(sqlite_db, first_name="Ann", last_name="Smith", tags=("vip",))
    _add(sqlite_db, first_name="Bea", last_name="Jones")
    page = _page(qtbot, sqlite_db)
    assert page.list_stack.currentWidget() is page.table_view
    page.tag_combo.setCurrentIndex(page.tag_combo.findText("vip"))
    _search(qtbot, page, "mueller")
    assert page.list_stack.currentWidget() is page.empty_panel
    assert page.empty_panel.message_label.text() == "No customers match ‘mueller’ with these filters"
    page.tag_combo.setCurrentIndex(0)
    assert page.empty_panel.message_label.text() == "No customers match ‘mueller’"
    page.tag_combo.setCurrentIndex(page.tag_combo.findText("vip"))
    assert page.empty_panel.clear_button.isVisibleTo(page)
    qtbot.mouseClick(page.empty_panel.clear_button, Qt.MouseButton.LeftButton)
    assert page.search_edit.text() == ""
    assert page.tag_combo.currentData() is None
    assert page.list_stack.currentWidget() is page.table_view
    assert sorted(_names(page)) == ["Ann Smith", "Bea Jones"]
    assert page.count_label.text() == "2 customers"


def test_a_wide_screen_shows_emails_and_towns_wider_and_every_column(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database, monkeypatch) -> None:
    from gui.customers.list_columns import DEFAULT_WIDTHS, ListColumns

    monkeypatch.setattr(ListColumns, "narrow_screen", lambda self: False)
    page = _page(qtbot, sqlite_db)
    header = page.table_view.horizontalHeader()
    assert header.sectionSize(COL_EMAIL) >= 235 > DEFAULT_WIDTHS[COL_EMAIL]
    assert header.sectionSize(COL_CITY) >= 110 > DEFAULT_WIDTHS[COL_CITY]
    assert not header.isSectionHidden(COL_ORGANISATION)
    assert not header.isSectionHidden(COL_SINCE)


def test_the_header_menu_hides_and_shows_columns_and_the_window_remembers(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database, tmp_path, request) -> None:
    # The window's settings in a folder of this test's own.
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    names = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    request.addfinalizer(lambda: (QCoreApplication.setOrganizationName(names[0]),
                                  QCoreApplication.setApplicationName(names[1])))
    QCoreApplication.setOrganizationName("RegularsTest")
    QCoreApplication.setApplicationName("ListColumnsTest")
    _add(sqlite_db, first_name="Ann", email="ann@example.com")
    window = MainWindow(AppContext(sqlite_db))
    qtbot.addWidget(window)
    header = window.customers_page.table_view.horizontalHeader()
    assert not header.highlightSections()  # selected rows' headers are not bold
    # The test screen is small: a laptop's list starts without two columns, to fit.
    assert window.customers_page.columns.narrow_screen()
    assert header.isSectionHidden(COL_ORGANISATION) and header.isSectionHidden(COL_SINCE)
    window.customers_page.columns.show_all()
    shown = [header.logicalIndex(v) for v in range(header.count())
             if not header.isSectionHidden(header.logicalIndex(v))]
    assert shown[:3] == [COL_NAME, COL_ORGANISATION, COL_EMAIL]  # organisation after the name
    menu = window.customers_page.columns.menu()
    titles = [a.text() for a in menu.actions() if a.isCheckable()]
    assert "Name" not in titles  # a row always says who it is
    assert titles[:2] == ["Organisation", "Email"]
    email = next(a for a in menu.actions() if a.text() == "Email")
    assert email.isChecked()
    email.trigger()
    assert header.isSectionHidden(COL_EMAIL)
    assert not next(a for a in window.customers_page.columns.menu().actions()
                    if a.text() == "Email").isChecked()
    header.moveSection(header.visualIndex(COL_TAGS), 2)
    header.resizeSection(COL_ORGANISATION, 230)
    window.close()

    again = MainWindow(AppContext(sqlite_db))
    qtbot.addWidget(again)
    header = again.customers_page.table_view.horizontalHeader()
    assert header.isSectionHidden(COL_EMAIL)
    assert header.visualIndex(COL_TAGS) == 2
    assert header.visualIndex(COL_ORGANISATION) == 3
    assert header.sectionSize(COL_ORGANISATION) == 230
    assert header.isSectionHidden(COL_DELETED)
    # No header is narrower than its title.
    for column in range(header.count()):
        if not header.isSectionHidden(column):
            assert header.sectionSize(column) >= header.sectionSizeHint(column), column
    again.customers_page.columns.show_all()
    assert not header.isSectionHidden(COL_EMAIL)
    again.close()


def test_a_rows_menu_opens_logs_a_visit_prints_a_card_and_trashes(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database) -> None:
    ann = _add(sqlite_db, first_name="Ann", last_name="Smith", street="1 Main St",
               city="Springfield", postal_code="12345")
    _add(sqlite_db, first_name="Bea", last_name="Jones")
    window = MainWindow(AppContext(sqlite_db))
    qtbot.addWidget(window)
    page = window.customers_page
    page.table_view.selectRow(1)  # Ann Smith, by name: Jones, Smith
    assert page.selected_ids() == [ann]
    menu = page.row_menu()
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Open", "Log Visit…", "Print a Card…", "Move to Trash"]
    assert next(a for a in menu.actions() if a.text() == "&Log Visit…") is window.log_visit_action

    opened: list[int] = []
    page.open_customer_requested.disconnect()
    page.open_customer_requested.connect(opened.append)
    next(a for a in menu.actions() if a.text() == "Open").trigger()
    assert opened == [ann]

    next(a for a in menu.actions() if a.text() == "Print a Card…").trigger()
    cards = window.cards_page
    assert cards is not None and window.pages_stack.currentWidget() is cards
    assert cards.selection().customer_ids == (ann,)  # type: ignore[attr-defined]
    assert cards.tabs.currentIndex() == 1  # type: ignore[attr-defined]

    window.show_page(page)
    page.table_view.selectRow(1)
    next(a for a in page.row_menu().actions() if a.text() == "Move to Trash").trigger()
    qtbot.waitUntil(lambda: _names(page) == ["Bea Jones"], timeout=3000)


def test_the_trash_shows_when_and_empties_for_good_after_asking(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database) -> None:
    ids = [_add(sqlite_db, first_name=f"Gone{n}", last_name="Customer") for n in range(12)]
    _add(sqlite_db, first_name="Stays")
    with sqlite_db.unit_of_work() as session:
        add_interaction(session, ids[0], InteractionDraft("visit", dt.date(2026, 3, 1)))
        delete_customers(session, ids)
    page = _page(qtbot, sqlite_db)
    page.trash_button.setChecked(True)
    header = page.table_view.horizontalHeader()
    assert not header.isSectionHidden(COL_DELETED)
    assert header.visualIndex(COL_DELETED) == 0
    today = QLocale("en_US").toString(dt.date.today(), "M/d/yyyy")
    assert page.model.index(0, COL_DELETED).data().startswith(today)
    assert page.count_label.text() == "12 customers in the trash"
    assert page.empty_trash_button.isVisibleTo(page)

    asked: list[str] = []

    def answer(button: str) -> None:
        def click() -> None:
            box = QApplication.activeModalWidget()
            assert isinstance(box, QMessageBox)
            asked.append(f"{box.text()} {box.informativeText()}")
            {b.text().replace("&", ""): b for b in box.buttons()}[button].click()
        QTimer.singleShot(0, click)

    answer("Cancel")
    assert page.empty_trash() is None
    assert asked == [("Delete 12 customers for good? Their visits, moments, notes and tags "
                     "go with them. This cannot be undone.")]
    assert count_customers(sqlite_db.raw(), ListQuery(trash=True)) == 12

    answer("Delete for Good")
    assert page.empty_trash() == 12
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=3000)
    assert count_customers(sqlite_db.raw(), ListQuery(trash=True)) == 0
    assert count_customers(sqlite_db.raw(), ListQuery()) == 1
    assert sqlite_db.raw().scalar("SELECT count(*) FROM interactions") == 0
    assert page.empty_panel.message_label.text() == "The trash is empty."
    assert not page.empty_trash_button.isEnabled()
    page.trash_button.setChecked(False)
    assert header.isSectionHidden(COL_DELETED)
