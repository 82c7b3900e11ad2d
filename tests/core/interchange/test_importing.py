"""Importing real exports: every format, encodings and separators, duplicates, undo."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, update

from core.customers.models import SORT_COLUMNS
from core.customers.queries import ListQuery, count_customers, search_customers
from core.customers.services import add_customer, get_customer
from core.customers.types import CustomerDraft
from core.interchange.history import get_import, list_imports, undo_import
from core.interchange.importing import ImportOptions, run_import
from core.interchange.models import CustomerConsent, CustomerContact, ImportRun
from core.interchange.problems import is_rejection
from core.kernel.errors import Problem
from core.kernel.jobs import Cancelled
from core.store.db import Database, larger_page_cache

from tests.core.interchange import samples

TODAY = dt.date(2026, 11, 22)

INTERNATIONAL = [
    {"first": "José", "last": "Müller-Lüdenscheidt", "email": "jose@example.com",
     "phone": "+49 30 1234567", "notes": "Mag Kaffee,\nnicht Tee"},
    {"first": "美咲", "last": "佐藤", "email": "misaki@example.jp", "phone": "+81 3-1234-5678"},
    {"first": "محمد", "last": "الحسن", "email": "m.hassan@example.com", "phone": "+971 4 123 4567"},
    {"first": "Seán", "last": "O'Brien", "email": "sean.obrien@example.ie", "phone": "+353 1 234 5678"},
]


def _by_format(header: str) -> list[dict[str, str]]:
    columns = {
        samples.GOOGLE_HEADER: ("First Name", "Last Name", "E-mail 1 - Value", "Phone 1 - Value", "Notes"),
        samples.GOOGLE_LEGACY_HEADER: ("Given Name", "Family Name", "E-mail 1 - Value", "Phone 1 - Value", "Notes"),
        samples.OUTLOOK_HEADER: ("First Name", "Last Name", "E-mail Address", "Mobile Phone", "Notes"),
        samples.SHOPIFY_HEADER: ("First Name", "Last Name", "Email", "Phone", "Note"),
        samples.SHOPIFY_LEGACY_HEADER: ("First Name", "Last Name", "Email", "Phone", "Note"),
        samples.SQUARE_HEADER: ("First Name", "Last Name", "Email Address", "Phone Number", "Memo"),
        samples.MAILCHIMP_HEADER: ("First Name", "Last Name", "Email Address", "Phone Number", "NOTES"),
        samples.HUBSPOT_HEADER: ("First Name", "Last Name", "Email", "Phone Number", "Company Name"),
    }[header]
    keys = ("first", "last", "email", "phone", "notes")
    return [{c: person.get(k, "") for c, k in zip(columns, keys)} for person in INTERNATIONAL]


def _import(db: Database, path: Path, **options: object) -> object:
    return run_import(db, path, options=ImportOptions(today=TODAY, **options))  # type: ignore[arg-type]


def _count(db: Database) -> int:
    return count_customers(db.raw(), ListQuery())


@pytest.mark.parametrize("header", [
    samples.GOOGLE_HEADER, samples.GOOGLE_LEGACY_HEADER, samples.OUTLOOK_HEADER,
    samples.SHOPIFY_HEADER, samples.SHOPIFY_LEGACY_HEADER, samples.SQUARE_HEADER,
    samples.MAILCHIMP_HEADER, samples.HUBSPOT_HEADER,
], ids=["google", "google-legacy", "outlook", "shopify", "shopify-legacy", "square",
        "mailchimp", "hubspot"])
def test_every_format_keeps_accents_scripts_and_apostrophes(sqlite_db: Database, tmp_path: Path,
                                                            header: str) -> None:
    path = samples.write_format(tmp_path / "export.csv", header, _by_format(header))
    summary = _import(sqlite_db, path)
    assert (summary.created, summary.rejected) == (4, 0), summary.problems  # type: ignore[attr-defined]
    names = {r.display_name for r in search_customers(sqlite_db.raw(), "example", limit=10)}
    assert names == {"José Müller-Lüdenscheidt", "美咲 佐藤", "محمد الحسن", "Seán O'Brien"}
    assert [r.phone for r in search_customers(sqlite_db.raw(), "佐藤")] == ["+81312345678"]


@pytest.mark.parametrize(("encoding", "delimiter", "newline"), [
    ("utf-8", ",", "\n"), ("utf-8-sig", ";", "\r\n"), ("utf-16", "\t", "\r\n"),
    ("cp1252", ";", "\r\n"), ("utf-8", "|", "\n"),
])
def test_encodings_and_separators_excel_writes_are_detected(
    sqlite_db: Database, tmp_path: Path, encoding: str, delimiter: str, newline: str
) -> None:
    rows = [["Vorname", "Nachname", "E-Mail", "Notizen"],
            ["Jürgen", "Strauß", "juergen@example.de", "Grüße;\n„zweite Zeile“"],
            ["Zoë", "Ørsted", "zoe@example.dk", ""]]
    if encoding == "cp1252":
        rows[1][3] = "Grüße; zweite Zeile"
    path = samples.write_csv(tmp_path / "liste.csv", rows, encoding=encoding,
                             delimiter=delimiter, newline=newline)
    summary = _import(sqlite_db, path)
    assert summary.source.delimiter == delimiter  # type: ignore[attr-defined]
    assert summary.source.encoding.replace("_", "-") in (encoding, "utf-8", "cp1252")  # type: ignore[attr-defined]
    assert summary.created == 2  # type: ignore[attr-defined]
    (row,) = search_customers(sqlite_db.raw(), "strauss")
    with sqlite_db.unit_of_work() as session:
        assert get_customer(session, row.id).draft.notes == rows[1][3]
    assert [r.display_name for r in search_customers(sqlite_db.raw(), "orsted")] == ["Zoë Ørsted"]


def test_importing_the_same_file_twice_creates_nobody_new(db: Database, tmp_path: Path) -> None:
    path = samples.write_format(tmp_path / "shopify.csv", samples.SHOPIFY_HEADER,
                                _by_format(samples.SHOPIFY_HEADER))
    first = _import(db, path)
    second = _import(db, path)
    assert first.created == 4  # type: ignore[attr-defined]
    assert (second.created, second.skipped) == (0, 4)  # type: ignore[attr-defined]
    assert _count(db) == 4


def test_duplicates_within_the_file_and_in_the_database_are_matched(db: Database,
                                                                    tmp_path: Path) -> None:
    with db.unit_of_work() as session:
        existing = add_customer(session, CustomerDraft(first_name="Ann", last_name="Lee",
                                                       postal_code="90210", city="")).id
    rows = [["first_name", "last_name", "email", "phone", "postal_code", "city"],
            ["Ann", "Lee", "", "", "90210", "Springfield"],          # name + postcode
            ["Bo", "Chan", "BO@example.com", "", "", ""],
            ["Bo", "Chan", "bo@EXAMPLE.com", "555 201 0000", "", "Shelbyville"],  # email
            ["Cy", "Dunn", "", "(555) 201-0001", "", ""],
            ["Cyrus", "Dunn", "", "+1 555 201 0001", "", ""]]     # phone
    path = samples.write_csv(tmp_path / "dups.csv", rows)
    summary = _import(db, path, on_duplicate="fill")
    assert (summary.created, summary.updated, summary.skipped) == (2, 2, 1)  # type: ignore[attr-defined]
    assert _count(db) == 3
    with db.unit_of_work() as session:
        assert get_customer(session, existing).draft.city == "Springfield"
    (bo,) = search_customers(db.raw(), "chan")
    assert (bo.phone, bo.city) == ("+15552010000", "Shelbyville")


def test_overwrite_replaces_fields_and_undo_puts_them_back(db: Database, tmp_path: Path) -> None:
    with db.unit_of_work() as session:
        kept = add_customer(session, CustomerDraft(first_name="Ann", last_name="Lee",
                                                   email="ann@example.com", city="Old Town")).id
    rows = [["first_name", "last_name", "email", "city", "tags"],
            ["Ann", "Lee", "ann@example.com", "New Town", "vip"],
            ["Eve", "Fox", "eve@example.com", "Elsewhere", ""]]
    summary = _import(db, samples.write_csv(tmp_path / "o.csv", rows), on_duplicate="overwrite")
    assert (summary.created, summary.updated) == (1, 1)  # type: ignore[attr-defined]
    with db.unit_of_work() as session:
        detail = get_customer(session, kept)
        assert detail.draft.city == "New Town" and "vip" in detail.draft.tags
        (run,) = list_imports(session)
        assert (run.created, run.updated, run.tag_name) == (1, 1, "import 2026-11-22 Spreadsheet")
        result = undo_import(session, run.id)
    assert result.reverted == 1 and len(result.removed) == 1
    with db.unit_of_work() as session:
        detail = get_customer(session, kept)
        assert detail.draft.city == "Old Town" and detail.draft.tags == ()
    assert [r.display_name for r in search_customers(db.raw(), "old town")] == []
    assert [r.id for r in search_customers(db.raw(), "ann@example")] == [kept]
    assert _count(db) == 1


def test_shopify_money_multiple_contacts_consent_and_import_tag(db: Database,
                                                               tmp_path: Path) -> None:
    record = {"Customer ID": "'7123456789", "First Name": "Chloé", "Last Name": "Dubois",
              "Email": "chloe@example.fr ::: chloe.dubois@work.example.fr",
              "Accepts Email Marketing": "yes", "Accepts SMS Marketing": "no",
              "Default Address Zip": "'01234", "Phone": "'+33 6 12 34 56 78",
              "Default Address Phone": "+33 1 42 68 53 00",
              "Total Spent": "1,234.50", "Total Orders": "3", "Tags": "vip, regular"}
    path = samples.write_format(tmp_path / "s.csv", samples.SHOPIFY_HEADER, [record])
    summary = _import(db, path)
    assert summary.created == 1  # type: ignore[attr-defined]
    (row,) = search_customers(db.raw(), "dubois")
    with db.unit_of_work() as session:
        detail = get_customer(session, row.id)
        assert detail.lifetime_value_minor == 123450
        assert detail.visit_count == 3 and detail.stage == "repeat"
        assert detail.draft.postal_code == "01234" and detail.draft.phone == "+33612345678"
        assert set(detail.draft.tags) == {"vip", "regular", "import 2026-11-22 Shopify"}
        contacts = session.execute(select(CustomerContact.kind, CustomerContact.value)).all()
        assert sorted(contacts) == [("email", "chloe.dubois@work.example.fr"),
                                    ("phone", "+33142685300")]
        consent = session.get(CustomerConsent, row.id)
        assert consent is not None
        assert (consent.email_marketing, consent.sms_marketing) == (True, False)


def test_bad_values_are_left_out_and_reported_with_line_field_and_value(db: Database,
                                                                        tmp_path: Path) -> None:
    rows = [["first_name", "last_name", "email", "phone", "birthday"],
            ["Ok", "Person", "ok@example.com", "", "05/12"],
            ["Bad", "Mail", "not-an-email", "", ""],
            ["", "", "", "", ""],
            ["Bad", "Date", "", "", "1990-02-30"],
            ["Too", "Many", "", "", "", "extra"],
            ["", "", "nameless@example.com", "", ""],
            ["", "", "", "12", ""]]
    summary = _import(db, samples.write_csv(tmp_path / "r.csv", rows))
    # Only a row that cannot be read, or that has nothing left to tell who it is, is out.
    assert (summary.created, summary.rejected) == (4, 2)  # type: ignore[attr-defined]
    assert summary.warnings == 3  # type: ignore[attr-defined]
    found = {(p.line, p.field, p.code, p.detail)
             for p in summary.problems}  # type: ignore[attr-defined]
    assert found == {(3, "email", "dropped_value", "not-an-email"),
                     (5, "birthday", "dropped_value", "1990-02-30"),
                     (6, "", "wrong_field_count", "5:6"),
                     (7, "first_name", "name_missing", "nameless@example.com"),
                     (8, "phone", "dropped_value", "12"), (8, "first_name", "name_required", "")}
    with db.unit_of_work() as session:
        stored = get_import(session, summary.run_id)  # type: ignore[attr-defined]
    assert {(p.line, p.code) for p in stored.problems} == {(f[0], f[2]) for f in found}


def test_cancel_leaves_the_database_as_it_was(db: Database, tmp_path: Path) -> None:
    rows = [["first_name", "email"]] + [[f"P{i}", f"p{i}@example.com"] for i in range(2500)]
    path = samples.write_csv(tmp_path / "big.csv", rows)
    calls = []

    def cancel_on_second_batch() -> bool:
        calls.append(1)
        return len(calls) >= 2

    with pytest.raises(Cancelled):
        run_import(db, path, is_cancelled=cancel_on_second_batch)
    assert _count(db) == 0
    with db.unit_of_work() as session:
        assert list_imports(session) == []
        assert session.scalar(select(func.count()).select_from(CustomerContact)) == 0
    if db.dialect == "sqlite":  # the import paused the search index's insert trigger
        assert db.raw().scalar("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                               "AND name = 'customers_fts_ai'") == 1
    # 2,500 new rows into an empty SQLite database: the import dropped the list's sort
    # indexes after its first batch; the cancel must bring every one of them back.
    names = {index["name"] for index in inspect(db.engine).get_indexes("customers")}
    assert {f"ix_customers_{column}" for column in SORT_COLUMNS} <= names
    if db.dialect == "sqlite":  # and the search's covering index
        assert "ix_customers_search_scan" in names
    with db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Wilhelmina", last_name="Quarrington"))
    assert [r.first_name for r in search_customers(db.raw(), "quarring")] == ["Wilhelmina"]
    assert search_customers(db.raw(), "p5@example") == []  # written, then rolled back


def test_dry_run_counts_but_writes_nothing(db: Database, tmp_path: Path) -> None:
    rows = [["first_name", "email"], ["Ann", "a@example.com"], ["Ann", "A@example.com"]]
    summary = run_import(db, samples.write_csv(tmp_path / "d.csv", rows), dry_run=True)
    assert (summary.created, summary.skipped, summary.dry_run) == (1, 1, True)
    assert _count(db) == 0


def test_a_file_already_carrying_the_imports_own_tag_imports(db: Database, tmp_path: Path) -> None:
    # Exported after an import today, then imported into another database the same day.
    rows = [["first_name", "email", "tags"],
            ["Ann", "ann@example.com", "import 2026-11-22 Spreadsheet, vip"]]
    summary = _import(db, samples.write_csv(tmp_path / "again.csv", rows))
    assert summary.created == 1  # type: ignore[attr-defined]
    with db.unit_of_work() as session:
        customer = get_customer(session, search_customers(db.raw(), "ann")[0].id)
    assert sorted(customer.draft.tags) == ["import 2026-11-22 Spreadsheet", "vip"]


def test_progress_rises_to_the_end_only_when_the_import_is_done(sqlite_db: Database,
                                                                 tmp_path: Path) -> None:
    rows = [["first_name", "email"]] + [[f"P{i}", f"p{i}@example.com"] for i in range(3500)]
    path = samples.write_csv(tmp_path / "p.csv", rows)
    seen: list[tuple[int, int]] = []
    run_import(sqlite_db, path, progress=lambda done, total: seen.append((done, total)))
    total = path.stat().st_size
    assert all(t == total for _, t in seen)
    done = [d for d, _ in seen]
    assert done == sorted(done) and done[-1] == total
    # Reading the file ends well short of 100%: the search and sort indexes come after.
    assert done[-3] <= total * 0.75 < done[-2] < total


def test_the_larger_page_cache_is_put_back_even_after_a_failure(sqlite_db: Database) -> None:
    with sqlite_db.unit_of_work() as session:
        connection = session.connection()
        before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        with pytest.raises(Cancelled), larger_page_cache(connection, 64):
            assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == -64 * 1024
            raise Cancelled()
        assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == before


def test_a_large_import_with_opening_history_keeps_every_sort_index(
        db: Database, tmp_path: Path) -> None:
    # 1,200 new customers, each with money spent: their statistics are refreshed at the
    # end, with the indexes those statistics feed set aside (on SQLite) and rebuilt.
    people = [{"First Name": f"P{i}", "Email": f"p{i}@example.com",
               "Total Spent": f"{i}.50", "Total Orders": "1"} for i in range(1200)]
    path = samples.write_format(tmp_path / "shopify.csv", samples.SHOPIFY_HEADER, people)
    assert _import(db, path).created == 1200  # type: ignore[attr-defined]
    names = {index["name"] for index in inspect(db.engine).get_indexes("customers")}
    assert {f"ix_customers_{column}" for column in SORT_COLUMNS} <= names
    top = db.raw().execute("SELECT first_name, lifetime_value_minor, visit_count, stage "
                           "FROM customers WHERE deleted_at IS NULL "
                           "ORDER BY lifetime_value_minor DESC, id LIMIT 1")
    assert tuple(top[0])[:3] == ("P1199", 119950, 1)
    if db.dialect == "sqlite":
        assert db.raw().scalar("PRAGMA integrity_check") == "ok"


def test_a_bad_second_email_is_a_warning_and_history_written_before_still_reads(
        db: Database, tmp_path: Path) -> None:
    rows = [["first_name", "email", "other_email"],
            ["Ann", "ann@example.com", "ann@"],
            ["Bob", "nope", ""]]
    summary = _import(db, samples.write_csv(tmp_path / "w.csv", rows))
    assert (summary.created, summary.rejected) == (2, 0)  # type: ignore[attr-defined]
    outcome = {(p.line, p.code, is_rejection(p))
               for p in summary.problems}  # type: ignore[attr-defined]
    assert outcome == {(2, "dropped_value", False), (3, "dropped_value", False)}
    # An import stored before problems lost their own flag: five items per problem; and
    # before issue 10, when a bad first email rejected its row (and still reads so).
    with db.unit_of_work() as session:
        session.execute(update(ImportRun).values(problems=json.dumps(
            [[2, "other_email", "dropped_value", "ann@", False],
             [3, "email", "invalid_email", "nope", True]])))
    with db.unit_of_work() as session:
        stored = get_import(session, summary.run_id)  # type: ignore[attr-defined]
    assert stored.problems == (Problem("other_email", "dropped_value", "ann@", 2),
                               Problem("email", "invalid_email", "nope", 3))
    assert [is_rejection(p) for p in stored.problems] == [False, True]
