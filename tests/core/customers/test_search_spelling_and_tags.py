"""Search finds German names however they are typed, finds tags, and says where it
found each word; the trash is emptied for good."""
from __future__ import annotations

from sqlalchemy import text

from core.customers.history import add_interaction, add_moment
from core.customers.queries import (
    MATCH_NAME,
    MATCH_ORGANISATION,
    MATCH_TAGS,
    ListQuery,
    count_customers,
    fetch_customers,
    matched_fields,
    search_customers,
    tags_by_customer,
)
from core.customers.services import add_customer, delete_customers, purge_customers
from core.customers.types import CustomerDraft, InteractionDraft, MomentDraft
from core.customers.validation import PartialDate
from core.store.db import Database


def _add(db: Database, **fields: object) -> int:
    with db.unit_of_work() as session:
        return add_customer(session, CustomerDraft(**fields)).id  # type: ignore[arg-type]


def _names(db: Database, query: str) -> list[str]:
    return [r.display_name for r in search_customers(db.raw(), query)]


def test_mueller_finds_mueller_with_the_umlaut_and_strasse_finds_strasse(db: Database) -> None:
    _add(db, first_name="Jürgen", last_name="Müller")
    _add(db, first_name="Anna", last_name="Schäfer", organisation="Blumen Straße 5")
    _add(db, first_name="Otto", last_name="Köhler")
    _add(db, first_name="Manuel", last_name="Muller")  # no umlaut: not a "mueller"
    assert _names(db, "mueller") == ["Jürgen Müller"]
    assert _names(db, "juergen mueller") == ["Jürgen Müller"]
    assert sorted(_names(db, "muller")) == ["Jürgen Müller", "Manuel Muller"]
    assert _names(db, "schaefer") == ["Anna Schäfer"]
    assert _names(db, "koehler") == ["Otto Köhler"]
    assert _names(db, "strasse") == ["Anna Schäfer"]
    assert _names(db, "straße") == ["Anna Schäfer"]
    # The short and the spelled-out forms together, and the count the list shows.
    assert count_customers(db.raw(), ListQuery(text="Juer Mül")) == 1


def test_a_name_changed_to_an_umlaut_is_found_by_its_new_spelling(db: Database) -> None:
    from core.customers.services import get_customer, update_customer

    customer_id = _add(db, first_name="Hans", last_name="Bauer")
    with db.unit_of_work() as session:
        draft = get_customer(session, customer_id).draft
        update_customer(session, customer_id, CustomerDraft(
            **{**draft.__dict__, "last_name": "Bäuerle"}))
    assert _names(db, "baeuerle") == ["Hans Bäuerle"]
    assert _names(db, "bauer") == ["Hans Bäuerle"]


def test_a_tag_is_found_by_the_start_of_its_name(db: Database) -> None:
    _add(db, first_name="Vera", last_name="Ivanova", tags=("wholesale",))
    _add(db, first_name="Tom", last_name="Whole")  # the word in a name still counts
    _add(db, first_name="Ann", last_name="Smith", tags=("vip",))
    assert sorted(_names(db, "wholesale")) == ["Vera Ivanova"]
    assert sorted(_names(db, "whole")) == ["Tom Whole", "Vera Ivanova"]
    assert _names(db, "vip") == ["Ann Smith"]
    # A tag word and a name word: both must match.
    assert _names(db, "whole vera") == ["Vera Ivanova"]
    assert _names(db, "vip vera") == []
    assert count_customers(db.raw(), ListQuery(text="VIP")) == 1


def test_the_list_says_which_field_each_word_was_found_in(db: Database) -> None:
    customer_id = _add(db, first_name="Eva", last_name="Lang", organisation="Müller Architekten",
                       tags=("vip",))
    raw = db.raw()
    [row] = fetch_customers(raw, ListQuery(text="mueller vip"))
    tags = tags_by_customer(raw, [customer_id])[customer_id]
    assert matched_fields(row, tags, "mueller vip") == [
        ("mueller", frozenset({MATCH_ORGANISATION})), ("vip", frozenset({MATCH_TAGS}))]
    assert matched_fields(row, tags, "eva") == [("eva", frozenset({MATCH_NAME}))]


def test_emptying_the_trash_deletes_customers_and_all_their_history(db: Database) -> None:
    import datetime as dt

    keep = _add(db, first_name="Keep", tags=("vip",))
    gone = [_add(db, first_name=f"Gone {n}", tags=("vip",)) for n in range(3)]
    live_too = _add(db, first_name="Live")
    with db.unit_of_work() as session:
        add_interaction(session, gone[0], InteractionDraft("visit", dt.date(2026, 1, 5)))
        add_moment(session, gone[1], MomentDraft("anniversary", PartialDate(5, 1)))
        delete_customers(session, [keep, *gone])
    with db.unit_of_work() as session:
        delete_customers(session, [])  # nothing: no error
    # The trash list shows when each one was moved there.
    trashed = fetch_customers(db.raw(), ListQuery(trash=True))
    assert {r.id for r in trashed} == {keep, *gone}
    assert all(r.deleted_at is not None for r in trashed)

    with db.unit_of_work() as session:
        # Only what is in the trash: a live customer's id is ignored.
        assert purge_customers(session, [*gone, live_too]) == 3
    raw = db.raw()
    assert count_customers(raw, ListQuery(trash=True)) == 1
    assert count_customers(raw, ListQuery()) == 1
    for table in ("interactions", "moments", "customer_tags"):
        left = raw.scalar(text(f"SELECT count(*) FROM {table} WHERE customer_id IN "
                               f"({', '.join(map(str, gone))})").text)
        assert left == 0, table
    assert search_customers(raw, "gone") == []
    assert count_customers(raw, ListQuery(text="vip", trash=True)) == 1


def test_customers_stored_before_the_upgrade_are_found_by_the_spelled_out_umlaut(
        tmp_path: object) -> None:
    from pathlib import Path

    from core.customers.keys import customer_keys_of
    from core.store.schema import upgrade

    db = Database.open(Path(str(tmp_path)) / "old.db")
    upgrade(db, "0009_interaction_sources")
    row = {"first_name": "Jürgen", "last_name": "Müller", "organisation": "Café Ökö",
           "email": "j@example.de", "phone": "+49301234", "postal_code": "10115"}
    old_text = "jurgen muller cafe oko j@example.de 10115 49301234"
    with db.unit_of_work() as session:
        session.execute(text(
            "INSERT INTO customers (first_name, last_name, organisation, email, phone, "
            "postal_code, search_text, sort_name, street, city, region, country, notes, "
            "source, no_mail, no_email, no_birthday_cards, stage, visit_count, "
            "lifetime_value_minor, email_key, name_postcode_key, created_at, updated_at) "
            "VALUES (:first_name, :last_name, :organisation, :email, :phone, :postal_code, "
            ":old, 'muller jurgen', '', '', '', '', '', '', false, false, false, 'new', 0, 0,"
            " '', '', '2026-01-01', '2026-01-01')"), {**row, "old": old_text})
    assert search_customers(db.raw(), "mueller") == []
    upgrade(db)
    assert _names(db, "mueller") == ["Jürgen Müller"]
    assert _names(db, "oekoe") == ["Jürgen Müller"]
    stored = db.raw().scalar("SELECT search_text FROM customers")
    assert stored == customer_keys_of(row)["search_text"]
    # The search index was changed beside its trigger: it still agrees with the table.
    db.raw().execute("INSERT INTO customers_fts(customers_fts, rank) VALUES ('integrity-check', 1)")
    assert db.raw().scalar(
        "SELECT count(*) FROM sqlite_master WHERE name = 'customers_fts_au'") == 1
    db.close()


def test_a_second_email_or_phone_finds_its_customer_and_says_so(db: Database) -> None:
    from core.customers.queries import MATCH_CONTACTS

    anna = _add(db, first_name="Anna", last_name="Berg", email="anna@home.example")
    _add(db, first_name="Bert", last_name="Works")
    with db.unit_of_work() as session:
        session.execute(text(
            "INSERT INTO customer_contacts (customer_id, kind, value, label) VALUES "
            "(:c, 'email', 'Anna.Berg@Works.example', 'work'), (:c, 'phone', '+4930555123', '')"),
            {"c": anna})
    assert _names(db, "anna.berg@works") == ["Anna Berg"]
    assert sorted(_names(db, "works")) == ["Anna Berg", "Bert Works"]
    assert _names(db, "030 555123") == ["Anna Berg"]  # as dialled at home
    assert _names(db, "works anna") == ["Anna Berg"]
    assert count_customers(db.raw(), ListQuery(text="berg@works")) == 1
    [row] = fetch_customers(db.raw(), ListQuery(text="berg@works"))
    contacts = ["Anna.Berg@Works.example", "+4930555123"]
    assert matched_fields(row, [], "berg@works", contacts) == [
        ("berg@works", frozenset({MATCH_CONTACTS}))]


def test_typing_the_umlaut_also_finds_a_name_stored_without_it(db: Database) -> None:
    _add(db, first_name="Karl", last_name="Mueller")
    _add(db, first_name="Jürgen", last_name="Müller")
    _add(db, first_name="Ute", last_name="Jaeger", organisation="Köln Bau")
    assert sorted(_names(db, "Müller")) == ["Jürgen Müller", "Karl Mueller"]
    assert sorted(_names(db, "MÜLLER karl")) == ["Karl Mueller"]
    assert _names(db, "Jäger") == ["Ute Jaeger"]
    assert _names(db, "jäg") == ["Ute Jaeger"]  # "jaeg": long enough for the index
    assert count_customers(db.raw(), ListQuery(text="Müller")) == 2
    [row] = fetch_customers(db.raw(), ListQuery(text="Jäger"))
    assert matched_fields(row, [], "Jäger") == [("jager", frozenset({MATCH_NAME}))]


def test_emptying_the_trash_can_be_cancelled_and_leaves_everything_as_it_was(
        db: Database) -> None:
    import pytest

    from core.kernel.jobs import Cancelled

    ids = [_add(db, first_name=f"Gone {n}") for n in range(600)]
    with db.unit_of_work() as session:
        delete_customers(session, ids)
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))

    with pytest.raises(Cancelled), db.unit_of_work() as session:
        purge_customers(session, ids, progress=progress, is_cancelled=lambda: len(seen) > 1)
    assert count_customers(db.raw(), ListQuery(trash=True)) == 600
    assert seen[0] == (0, 600)
    with db.unit_of_work() as session:
        assert purge_customers(session, ids, progress=progress) == 600
    assert seen[-1] == (600, 600)
    assert count_customers(db.raw(), ListQuery(trash=True)) == 0
