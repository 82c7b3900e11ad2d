"""The import wizard, walked through as a shop owner would, on a real SQLite file."""
from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWizard

from core.customers.queries import ListQuery, count_customers, search_customers
from core.interchange.history import list_import_profiles, list_imports
from core.store.db import Database

from gui.interchange.import_wizard import ImportWizard
from gui.shell.context import AppContext

from tests.core.interchange import samples


def _shop_file(tmp_path: Path) -> Path:
    records = [
        {"First Name": "Chloé", "Last Name": "Dubois", "Email": "chloe@example.fr",
         "Default Address Zip": "'75001", "Total Spent": "120.00", "Total Orders": "2",
         "Note": "préfère le thé"},
        {"First Name": "美咲", "Last Name": "佐藤", "Email": "misaki@example.jp",
         "Phone": "503-339-7967"},
        # Nothing left that says who once the bad email is left out: rejected.
        {"First Name": "", "Last Name": "", "Email": "not-an-email"},
    ]
    return samples.write_format(tmp_path / "shopify.csv", samples.SHOPIFY_HEADER, records,
                                delimiter=";")


def _next(qtbot, wizard: ImportWizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def test_walking_through_the_wizard_imports_the_file(qtbot, qtmodeltester,  # type: ignore[no-untyped-def]
                                                     sqlite_db: Database,
                                                     tmp_path: Path) -> None:
    context = AppContext(sqlite_db)
    wizard = ImportWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()

    qtbot.keyClicks(wizard.file_page.path_edit, str(_shop_file(tmp_path)))
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.detect_page
    assert wizard.detect_page.detected_label.text() == (
        "Regulars reads this as: Shopify, Unicode (UTF-8), columns separated by "
        "semicolons ( ; ).")
    # Each column of the file on a line of its own, its first values beside it.
    samples_shown = wizard.detect_page.sample_model
    first_name_row = samples_shown.column_texts(0).index("First Name")
    assert samples_shown.text(first_name_row, 1) == "Chloé"
    assert samples_shown.text(first_name_row, 2) == "美咲"
    qtmodeltester.check(wizard.detect_page.sample_model, force_py=True)

    _next(qtbot, wizard)
    page = wizard.mapping_page
    assert wizard.currentPage() is page
    note_column = list(wizard.preview.info.header).index("Note")  # type: ignore[union-attr]
    assert page.mapping_model.text(note_column, 0) == "Note"
    assert page.mapping_model.text(note_column, 1) == "préfère le thé"
    assert "Note" not in page.unmapped_label.text()
    page.set_field(note_column, "")  # leave the notes out
    assert "Note" in page.unmapped_label.text()
    qtmodeltester.check(page.mapping_model, force_py=True)
    qtbot.keyClicks(page.profile_name_edit, "Mein Shopify")
    qtbot.mouseClick(page.save_profile_button, Qt.MouseButton.LeftButton)
    with sqlite_db.unit_of_work() as session:
        (profile,) = list_import_profiles(session)
    assert profile.name == "Mein Shopify" and profile.mapping["Note"] == ""

    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.preview_page
    model = wizard.preview_page.preview_model
    assert model.rowCount() == 3
    assert wizard.preview_page.flagged_cells() == 2  # the email, and the missing name
    email_column = 3  # line, name, organisation, email
    assert model.index(2, email_column).data(Qt.ItemDataRole.ToolTipRole).startswith(
        "Line 4, Email")
    problems_column = model.columnCount() - 1  # said in a column, not only on a tooltip
    assert model.headerData(problems_column, Qt.Orientation.Horizontal) == "Problems"
    assert model.index(2, problems_column).data().startswith(
        "Email: not valid, so left out of its field")
    assert model.index(0, problems_column).data() == ""
    phone_column = 4  # line, name, organisation, email, phone
    assert model.index(1, phone_column).data() == "(503) 339-7967"  # as the list shows it
    qtmodeltester.check(model, force_py=True)

    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.policy_page
    assert "2 new" in wizard.policy_page.counts_label.text()
    assert "1 rejected" in wizard.policy_page.counts_label.text()
    assert count_customers(sqlite_db.raw(), ListQuery()) == 0  # counting wrote nothing

    with qtbot.waitSignal(context.changes_applied, timeout=10_000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton),
                         Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.summary_page
    assert "Imported: 2 new" in wizard.summary_page.summary_label.text()
    # Done: only Finish, no Cancel that could suggest the import can still be called off.
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    (row,) = search_customers(sqlite_db.raw(), "dubois")
    assert (row.postal_code, row.lifetime_value_minor) == ("75001", 12000)
    with sqlite_db.unit_of_work() as session:
        (run,) = list_imports(session)
    assert (run.created, run.rejected) == (2, 1)


def test_a_refused_file_says_why_and_stays_on_the_first_page(qtbot, sqlite_db: Database,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    path = tmp_path / "scan.csv"
    path.write_bytes(b"%PDF-1.7 not a customer list")
    wizard = ImportWizard(AppContext(sqlite_db))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path_edit, str(path))
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.file_page
    assert "not a text file" in wizard.file_page.error_label.text()


def test_changing_the_separator_reads_the_file_again(qtbot, sqlite_db: Database,  # type: ignore[no-untyped-def]
                                                     tmp_path: Path) -> None:
    wizard = ImportWizard(AppContext(sqlite_db))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path_edit, str(_shop_file(tmp_path)))
    _next(qtbot, wizard)
    combo = wizard.detect_page.delimiter_combo
    combo.setCurrentIndex(combo.findData(","))
    assert "no column holds a name" in wizard.detect_page.error_label.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    combo.setCurrentIndex(combo.findData(";"))
    assert wizard.preview is not None and wizard.preview.info.delimiter == ";"
    assert wizard.detect_page.error_label.text() == ""
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def _big_file(tmp_path: Path, rows: int) -> Path:
    path = tmp_path / "big.csv"
    lines = ["First Name,Last Name,Email"] + [
        f"Name{n},Família{n},person{n}@example.com" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _wizard_at_policy_page(qtbot, sqlite_db: Database, path: Path) -> ImportWizard:  # type: ignore[no-untyped-def]
    wizard = ImportWizard(AppContext(sqlite_db))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path_edit, str(path))
    for _ in range(4):  # file, detected format, mapping, preview
        _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.policy_page
    return wizard


def test_a_large_file_imports_through_the_cleaning_helpers(qtbot, sqlite_db: Database,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path, monkeypatch) -> None:
    import multiprocessing

    from core.interchange import cleaning

    monkeypatch.setattr(cleaning, "PARALLEL_MIN_BYTES", 0)  # spawned from the job's thread
    wizard = _wizard_at_policy_page(qtbot, sqlite_db, _big_file(tmp_path, 3000))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.summary_page
    assert count_customers(sqlite_db.raw(), ListQuery()) == 3000
    assert [r.last_name for r in search_customers(sqlite_db.raw(), "familia2999")] == [
        "Família2999"]
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("helpers", [False, True], ids=["in-process", "helpers"])
def test_cancelling_a_running_import_changes_nothing(qtbot, sqlite_db: Database,  # type: ignore[no-untyped-def]
                                                     tmp_path: Path, monkeypatch,
                                                     helpers: bool) -> None:
    import multiprocessing

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    from core.interchange import cleaning

    monkeypatch.setattr(cleaning, "PARALLEL_MIN_BYTES", 0 if helpers else 1 << 62)
    wizard = _wizard_at_policy_page(qtbot, sqlite_db, _big_file(tmp_path, 20_000))

    def press_cancel_once_progress_shows() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QProgressDialog) and w.isVisible()
                   and w.labelText().startswith("Importing")]
        if dialogs:
            dialogs[0].findChild(QPushButton).click()  # what a person presses
        else:
            QTimer.singleShot(20, press_cancel_once_progress_shows)

    QTimer.singleShot(20, press_cancel_once_progress_shows)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.summary_page
    assert wizard.summary_page.title() == "Nothing was imported"
    assert "cancelled; nothing was changed" in wizard.summary_page.summary_label.text()
    assert count_customers(sqlite_db.raw(), ListQuery()) == 0
    with sqlite_db.unit_of_work() as session:
        assert list_imports(session) == []
    assert multiprocessing.active_children() == []  # the helpers stopped with the job


def test_each_policy_is_counted_once_until_asked_again(qtbot, sqlite_db: Database,  # type: ignore[no-untyped-def]
                                                       tmp_path: Path, monkeypatch) -> None:
    from gui.shell import operations

    jobs: list[str] = []
    real_run_long_job = operations.run_long_job

    def counting_run_long_job(parent, label, job):  # type: ignore[no-untyped-def]
        jobs.append(label)
        return real_run_long_job(parent, label, job)

    monkeypatch.setattr(operations, "run_long_job", counting_run_long_job)
    wizard = _wizard_at_policy_page(qtbot, sqlite_db, _shop_file(tmp_path))
    page = wizard.policy_page
    assert len(jobs) == 1 and "2 new" in page.counts_label.text()
    page.policy_buttons["fill"].click()
    page.policy_buttons["skip"].click()  # counted already: no second dry run
    assert len(jobs) == 2
    qtbot.mouseClick(page.count_button, Qt.MouseButton.LeftButton)
    assert len(jobs) == 3 and "2 new" in page.counts_label.text()
    assert all(label.startswith("Checking") for label in jobs)


def test_columns_mapped_to_nothing_are_named_on_the_way_and_in_the_summary(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database, tmp_path: Path) -> None:
    path = samples.write_csv(tmp_path / "contacts.csv", [
        ["First name", "Last name", "E-mail", "Fax", "Twitter", "Notes"],
        ["Zoë", "Müller", "zoe@example.de", "+49 221 5550123", "@zoe", "likes tea"],
        ["Ann", "Lee", "ann@example.com", "", "@annlee", ""],
    ])
    wizard = ImportWizard(AppContext(sqlite_db))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path_edit, str(path))
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    page = wizard.mapping_page
    assert page.unmapped_label.isVisible()
    assert page.unmapped_label.text() == "These columns will not be imported: Fax, Twitter."

    fax = page.mapping_table.indexWidget(page.mapping_model.index(3, 2))
    assert isinstance(fax, QComboBox) and fax.currentData() == ""  # a list box in each row
    fax.setCurrentIndex(fax.findData("other_phone"))  # as a person picks it
    assert page.unmapped_label.text() == "These columns will not be imported: Twitter."

    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.preview_page
    assert wizard.preview_page.unmapped_label.isVisible()
    assert wizard.preview_page.unmapped_label.text() == (
        "These columns will not be imported: Twitter.")
    _next(qtbot, wizard)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.summary_page
    summary = wizard.summary_page.summary_label.text()
    assert "Imported: 2 new" in summary
    assert "These columns will not be imported: Twitter." in summary.splitlines()


def test_a_file_whose_every_column_is_used_says_nothing_about_left_out_columns(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database, tmp_path: Path) -> None:
    wizard = _wizard_at_policy_page(qtbot, sqlite_db, _big_file(tmp_path, 3))
    assert wizard.mapping_page.unmapped_label.isHidden()
    assert wizard.preview_page.unmapped_label.isHidden()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    assert "will not be imported" not in wizard.summary_page.summary_label.text()


def test_a_long_list_of_left_out_columns_is_cut_with_a_count(qtbot) -> None:  # type: ignore[no-untyped-def]
    from gui.interchange.texts import unmapped_text

    columns = [f"Extra {n}" for n in range(1, 16)]
    text = unmapped_text(columns)
    assert text.startswith("These columns will not be imported: Extra 1, Extra 2, ")
    assert text.endswith("Extra 12 and 3 more.")
    assert unmapped_text(["Home\nFax"]) == "These columns will not be imported: Home Fax."
    assert unmapped_text([]) == ""


def test_a_bad_email_is_counted_as_left_out_apart_from_rejections(qtbot, sqlite_db: Database,  # type: ignore[no-untyped-def]
                                                                 tmp_path: Path) -> None:
    path = samples.write_format(tmp_path / "shopify.csv", samples.SHOPIFY_HEADER, [
        {"First Name": "Ann", "Last Name": "Lee", "Email": "ann-at-example"},
        {"First Name": "Bob", "Last Name": "Ray", "Email": "bob@example.com"},
    ], delimiter=";")
    wizard = _wizard_at_policy_page(qtbot, sqlite_db, path)
    counts = wizard.policy_page.counts_label.text()
    assert "2 new" in counts and "0 rejected" in counts
    assert "Values left out of their field and kept under Needs checking: 1." in counts


def test_every_page_fits_a_1280_by_800_screen_without_scrolling_sideways(  # type: ignore[no-untyped-def]
        qtbot, sqlite_db: Database, tmp_path: Path) -> None:
    wizard = ImportWizard(AppContext(sqlite_db))
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.width() <= 1280 and wizard.height() <= 800
    qtbot.keyClicks(wizard.file_page.path_edit, str(_shop_file(tmp_path)))
    tables = {wizard.detect_page: wizard.detect_page.sample_table,
              wizard.mapping_page: wizard.mapping_page.mapping_table,
              wizard.preview_page: wizard.preview_page.preview_table,
              wizard.policy_page: wizard.policy_page.rows_table}
    for _ in range(4):
        _next(qtbot, wizard)
        table = tables[wizard.currentPage()]  # type: ignore[index]
        qtbot.waitUntil(lambda table=table: table.horizontalHeader().length()
                        <= table.viewport().width())
        assert not table.horizontalScrollBar().isVisible()


def test_birthdays_in_the_preview_are_written_as_the_shop_writes_dates(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QLocale

    from gui.interchange.import_wizard import birthday_text

    assert birthday_text("--08-10", QLocale("en_US")) == "Aug 10"
    assert birthday_text("--08-10", QLocale("en_GB")) == "10 Aug"
    assert birthday_text("1994-04-27", QLocale("de_DE")) == "27.04.1994"
    assert birthday_text("1944-10-13", QLocale("en_US")) == "10/13/1944"  # not 10/13/44
    assert birthday_text("--02-29", QLocale("en_US")) == "Feb 29"
    assert birthday_text("soon", QLocale("en_US")) == "soon"
