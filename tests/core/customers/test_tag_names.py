"""Tags whose names differ only in the case of a non-ASCII letter ("Ärzte", "ärzte") are
one tag on SQLite as on PostgreSQL: SQLite's lower() folds only ASCII letters."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from core.customers.services import add_customer, find_tag_id, get_customer, list_tags
from core.customers.types import CustomerDraft
from core.interchange.importing import ImportOptions, run_import
from core.store.db import Database

from tests.core.interchange import samples


def test_a_tag_typed_again_with_an_umlaut_in_another_case_is_the_same_tag(db: Database
                                                                            ) -> None:
    with db.unit_of_work() as session:
        first = add_customer(session, CustomerDraft(first_name="Ann", tags=("Ärzte", "Öko")))
    with db.unit_of_work() as session:
        # The very same name again used to hit the unique name on SQLite.
        same = add_customer(session, CustomerDraft(first_name="Bea", tags=("Ärzte",)))
        other_case = add_customer(session, CustomerDraft(first_name="Cem",
                                                         tags=("ärzte", "ÖKO")))
    with db.unit_of_work() as session:
        assert sorted(name for _, name in list_tags(session)) == ["Ärzte", "Öko"]
        assert get_customer(session, same.id).draft.tags == ("Ärzte",)
        assert set(get_customer(session, other_case.id).draft.tags) == {"Ärzte", "Öko"}
        ids = {find_tag_id(session, name) for name in ("Ärzte", "ärzte", "ÄRZTE")}
        assert ids == {find_tag_id(session, "Ärzte")} and None not in ids
        assert find_tag_id(session, "Arzte") is None
        assert get_customer(session, first.id).draft.tags == ("Ärzte", "Öko")


def test_an_import_with_a_tag_in_another_case_adds_no_second_tag(db: Database,
                                                                  tmp_path: Path) -> None:
    with db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Ann", tags=("Ärzte",)))
    path = samples.write_csv(tmp_path / "t.csv", [["Name", "Email", "Tags"],
                                                  ["Bea Roth", "bea@example.com", "ärzte"]])
    summary = run_import(db, path, options=ImportOptions(today=dt.date(2026, 11, 22)))
    assert summary.created == 1
    with db.unit_of_work() as session:
        names = [name for _, name in list_tags(session)]
        assert "Ärzte" in names and "ärzte" not in names
