"""The Changes tab of a customer tells the shop owner, in words, which import changed the
customer (naming the file) and which record was merged into theirs, and who did it where."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.customers.merge import merge_customers_undoably
from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.interchange.importing import ImportOptions, run_import
from core.kernel.desk import current_actor, set_actor
from core.store.db import Database

from gui.customers.editor import CustomerEditor
from gui.shell.context import AppContext

from tests.core.interchange import samples


@pytest.fixture(autouse=True)
def _at_front_desk() -> Iterator[None]:
    before = current_actor()
    set_actor(desk="Front desk", person="Sam")
    yield
    set_actor(desk=before.desk, person=before.person)


def test_the_changes_tab_names_the_import_file_and_the_merged_record_with_who_did_them(
        qtbot: QtBot, sqlite_db: Database, contexts: list[AppContext], tmp_path: Path) -> None:
    with sqlite_db.unit_of_work() as session:
        ana = add_customer(session, CustomerDraft(first_name="Ana", last_name="Silva",
                                                  email="ana@example.com", city="York")).id
        other = add_customer(session, CustomerDraft(first_name="Ana", last_name="Sílva",
                                                    notes="Prefers mornings")).id
    path = samples.write_csv(tmp_path / "clients-november.csv", [
        ["first_name", "last_name", "email", "phone", "city"],
        ["Ana", "Silva", "ana@example.com", "+44 20 7946 0018", "Leeds"],
        ["Bea", "Moss", "bea@example.com", "", "Hull"]])
    run_import(sqlite_db, path, options=ImportOptions(on_duplicate="overwrite",
                                                      today=dt.date(2026, 12, 2)))
    set_actor(person="Kim")
    with sqlite_db.unit_of_work() as session:
        merge_customers_undoably(session, keep_id=ana, other_id=other)
    contexts.append(AppContext(sqlite_db))

    editor = CustomerEditor(contexts[-1], ana)
    qtbot.addWidget(editor)
    editor.show()
    editor.tab_widget.setCurrentWidget(editor.changes_tab)
    model = editor.changes_tab.model
    rows = [[model.index(r, c).data() for c in range(3)] for r in range(model.rowCount())]
    assert [row[1:] for row in rows] == [
        ["Kim at Front desk", "Merged with Ana Sílva (the other record of this person)"],
        ["Kim at Front desk", "Notes"],
        ["Sam at Front desk", "Updated by the import of clients-november.csv: Phone, City"],
    ]
    assert all(row[0] for row in rows)  # each says when
    assert editor.changes_tab.empty_label.isHidden()
