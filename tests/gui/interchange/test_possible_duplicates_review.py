"""The possible-duplicate review in the import wizard: a row sharing a phone with a
customer of another name is shown beside that customer, and the owner decides."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWizard

from core.customers.queries import ListQuery, count_customers
from core.customers.services import add_customer, get_customer
from core.customers.types import CustomerDraft
from core.store.db import Database

from gui.interchange.duplicates_page import COL_CHOICE, COL_CUSTOMER, COL_ROW, SAME_PERSON
from gui.interchange.import_wizard import ImportWizard
from gui.interchange.row_table import COL_CUSTOMER as ROWS_CUSTOMER
from gui.interchange.row_table import COL_OUTCOME
from gui.shell.context import AppContext

from tests.core.interchange import samples


def _next(qtbot, wizard: ImportWizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def _back(qtbot, wizard: ImportWizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)


def _kim_and_family(db: Database, tmp_path: Path) -> tuple[int, Path]:
    with db.unit_of_work() as session:
        kim = add_customer(session, CustomerDraft(first_name="Donghyun", last_name="Kim",
                                                  phone="+15035550142", city="")).id
    path = samples.write_csv(tmp_path / "family.csv", [
        ["First name", "Last name", "Phone", "City"],
        ["José", "Núñez", "(503) 555-0142", "Portland"],
        ["Mina", "Park", "(503) 555-0199", "Salem"],
    ])
    return kim, path


def _to_duplicates(qtbot, db: Database, path: Path) -> ImportWizard:  # type: ignore[no-untyped-def]
    wizard = ImportWizard(AppContext(db))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path_edit, str(path))
    for _ in range(4):  # file, how it was written, columns, preview
        _next(qtbot, wizard)
    return wizard


def test_a_shared_phone_is_reviewed_side_by_side_and_comes_in_as_new_by_default(  # type: ignore[no-untyped-def]
        qtbot, qtmodeltester, sqlite_db: Database, tmp_path: Path) -> None:
    kim, path = _kim_and_family(sqlite_db, tmp_path)
    wizard = _to_duplicates(qtbot, sqlite_db, path)
    page = wizard.duplicates_page
    assert wizard.currentPage() is page
    model = page.duplicates_model
    assert model.rowCount() == 1
    assert model.text(0, 0) == "2"
    assert model.text(0, COL_ROW).splitlines()[0] == "José Núñez"
    assert model.text(0, COL_CUSTOMER).splitlines()[0] == "Donghyun Kim"
    assert "+15035550142" in model.text(0, COL_CUSTOMER)
    combo = page.duplicates_table.indexWidget(model.index(0, COL_CHOICE)).findChild(QComboBox)
    assert combo is page.choice_box(2) and combo.currentText() == "A new customer"
    assert model.text(0, 3) == "The same phone number"
    qtmodeltester.check(model, force_py=True)

    _next(qtbot, wizard)
    policy = wizard.policy_page
    assert wizard.currentPage() is policy
    assert "2 new, 0 updated, 0 skipped" in policy.counts_label.text()
    rows = policy.rows_model
    assert [rows.text(0, COL_OUTCOME), rows.text(0, ROWS_CUSTOMER)] == [
        "New customer", "Donghyun Kim"]
    policy.policy_buttons["fill"].click()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    assert count_customers(sqlite_db.raw(), ListQuery()) == 3
    with sqlite_db.unit_of_work() as session:
        assert get_customer(session, kim).draft.city == ""  # José's city is not Kim's


def test_the_owner_can_say_it_is_the_same_person(qtbot, sqlite_db: Database,  # type: ignore[no-untyped-def]
                                                tmp_path: Path) -> None:
    kim, path = _kim_and_family(sqlite_db, tmp_path)
    wizard = _to_duplicates(qtbot, sqlite_db, path)
    combo = wizard.duplicates_page.duplicates_table.indexWidget(
        wizard.duplicates_page.duplicates_model.index(0, COL_CHOICE)).findChild(QComboBox)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(SAME_PERSON))  # as a person picks it
    _next(qtbot, wizard)
    policy = wizard.policy_page
    policy.policy_buttons["fill"].click()
    assert "1 new, 1 updated, 0 skipped" in policy.counts_label.text()
    assert policy.rows_model.text(0, COL_OUTCOME) == "Empty fields filled in"

    _back(qtbot, wizard)  # the choice is kept
    assert wizard.duplicates_page.choice(2) == SAME_PERSON
    _next(qtbot, wizard)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.summary_page
    assert count_customers(sqlite_db.raw(), ListQuery()) == 2
    with sqlite_db.unit_of_work() as session:
        assert get_customer(session, kim).draft.city == "Portland"


def test_a_file_with_no_look_alikes_goes_straight_to_the_customers_you_have(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database, tmp_path: Path) -> None:
    path = samples.write_csv(tmp_path / "new.csv", [
        ["First name", "Last name", "Email"], ["Ann", "Lee", "ann@example.com"]])
    wizard = _to_duplicates(qtbot, sqlite_db, path)
    assert wizard.currentPage() is wizard.policy_page
    assert wizard.policy_page.rows_table.isHidden()  # nothing to list


def test_cancelling_the_check_stays_on_the_preview_and_says_so(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database, tmp_path: Path, monkeypatch) -> None:
    from core.kernel.jobs import Cancelled

    from gui.shell import operations

    _, path = _kim_and_family(sqlite_db, tmp_path)
    wizard = ImportWizard(AppContext(sqlite_db))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path_edit, str(path))
    for _ in range(3):
        _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.preview_page

    def cancelled(parent, label, job):  # type: ignore[no-untyped-def]
        raise Cancelled()

    with monkeypatch.context() as patched:
        patched.setattr(operations, "run_long_job", cancelled)
        _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.preview_page
    assert "cancelled" in wizard.preview_page.error_label.text()
    _next(qtbot, wizard)  # checked this time
    assert wizard.currentPage() is wizard.duplicates_page
    assert wizard.preview_page.error_label.text() == ""
