"""Issue 10: a customer is never lost for one bad value. Only a row with nothing that
identifies anyone (no name, organisation, email or phone) stays out of an import."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import text

from core.customers.queries import ListQuery, count_customers, fetch_customers
from core.customers.services import add_customer, get_customer, update_customer
from core.customers.types import CustomerDraft
from core.interchange.importing import ImportOptions, ImportSummary, run_import
from core.interchange.preview import preview_file
from core.interchange.problems import is_rejection
from core.kernel.errors import Problem
from core.store.db import Database

from main import main
from tests.core.interchange import samples

TODAY = dt.date(2026, 11, 22)


def _import(db: Database, path: Path) -> ImportSummary:
    return run_import(db, path, options=ImportOptions(today=TODAY))


def _only_customer(db: Database) -> CustomerDraft:
    rows = fetch_customers(db.raw(), ListQuery())
    assert len(rows) == 1
    with db.unit_of_work() as session:
        return get_customer(session, rows[0].id).draft


def test_a_row_is_rejected_only_when_nothing_identifies_anyone(db: Database,
                                                               tmp_path: Path) -> None:
    rows = [["first_name", "organisation", "email", "phone", "city"],
            ["", "", "", "", "Leeds"],
            ["", "Bäckerei Sonnenschein", "", "", ""],
            ["", "", "", "+44 20 7946 0958", ""]]
    summary = _import(db, samples.write_csv(tmp_path / "r.csv", rows))
    assert (summary.created, summary.rejected) == (2, 1)
    rejections = [p for p in summary.problems if is_rejection(p)]
    assert [(p.line, p.code) for p in rejections] == [(2, "name_required")]


def test_a_subscriber_with_only_an_email_address_is_imported_and_shown_by_their_email(
        db: Database, tmp_path: Path) -> None:
    rows = [["Email Address"], ["reader@example.com"]]
    summary = _import(db, samples.write_csv(tmp_path / "list.csv", rows))
    assert (summary.created, summary.rejected) == (1, 0)
    [row] = fetch_customers(db.raw(), ListQuery())
    assert row.display_name == "reader@example.com"
    with db.unit_of_work() as session:
        assert get_customer(session, row.id).display_name == "reader@example.com"


def test_name_missing_is_listed_in_the_import_report_and_filters_the_list(
        db: Database, tmp_path: Path) -> None:
    rows = [["first_name", "email"], ["", "reader@example.com"], ["Ann", "ann@example.com"]]
    summary = _import(db, samples.write_csv(tmp_path / "list.csv", rows))
    report = summary.as_report()
    assert report["problems"] == [{"line": 2, "field": "first_name", "reason": "name_missing",
                                   "detail": "reader@example.com", "rejected": False}]
    nameless = fetch_customers(db.raw(), ListQuery(name_missing=True))
    assert [r.email for r in nameless] == ["reader@example.com"]
    assert count_customers(db.raw(), ListQuery()) == 2


@pytest.mark.parametrize(("column", "value", "field"), [
    ("phone", "12", "phone"), ("email", "ann@@example", "email"),
    ("birthday", "1990-02-30", "birthday")])
def test_a_bad_phone_email_or_birthday_is_left_out_and_kept_for_checking(
        db: Database, tmp_path: Path, column: str, value: str, field: str) -> None:
    rows = [["first_name", "last_name", column], ["Ann", "Lee", value]]
    summary = _import(db, samples.write_csv(tmp_path / "bad.csv", rows))
    assert (summary.created, summary.rejected, summary.warnings) == (1, 0, 1)
    assert [(p.line, p.field, p.detail, is_rejection(p)) for p in summary.problems] == [
        (2, field, value, False)]
    draft = _only_customer(db)
    assert draft.first_name == "Ann"
    assert getattr(draft, "birthday" if field == "birthday" else field) in ("", None)
    assert draft.needs_checking == (Problem(field, "dropped_value", value),)


def test_a_name_too_long_for_its_field_is_left_out_and_the_customer_kept(
        db: Database, tmp_path: Path) -> None:
    rows = [["first_name", "last_name", "email"], ["A" * 250, "Lee", "ann@example.com"]]
    summary = _import(db, samples.write_csv(tmp_path / "long.csv", rows))
    assert (summary.created, summary.rejected) == (1, 0)
    draft = _only_customer(db)
    assert (draft.first_name, draft.last_name) == ("", "Lee")
    assert draft.needs_checking == (Problem("first_name", "too_long_dropped", "A" * 200),)


def test_the_preview_counts_warnings_apart_from_rejections(db: Database,
                                                           tmp_path: Path) -> None:
    rows = [["first_name", "email", "phone"], ["Ann", "ann@example.com", "12"],
            ["", "", ""], ["Bob", "nope", "x"], ["", "", "n/a"]]
    path = samples.write_csv(tmp_path / "p.csv", rows)
    with db.unit_of_work() as session:
        preview = preview_file(session, path)
    assert [(r.line, r.rejected) for r in preview.rows] == [(2, False), (4, False), (5, True)]
    assert (preview.warnings, preview.rejected) == (3, 1)


@pytest.mark.parametrize("empty", ["null", "NULL", "N/A", "n/a", "-", "none"])
def test_null_and_na_placeholders_are_read_as_empty(db: Database, tmp_path: Path,
                                                    empty: str) -> None:
    rows = [["first_name", "last_name", "email", "phone", "birthday", "city"],
            ["Ann", empty, empty, empty, empty, empty]]
    summary = _import(db, samples.write_csv(tmp_path / "e.csv", rows))
    assert (summary.created, summary.problems) == (1, ())
    draft = _only_customer(db)
    assert (draft.last_name, draft.email, draft.phone, draft.city) == ("", "", "", "")
    assert draft.needs_checking == ()


def test_a_vcard_with_na_placeholders_reads_them_as_empty(db: Database,
                                                          tmp_path: Path) -> None:
    path = tmp_path / "c.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lee;Ann;;;\r\nFN:Ann Lee\r\n"
                    "EMAIL:N/A\r\nTEL:null\r\nEND:VCARD\r\n", encoding="utf-8")
    summary = _import(db, path)
    assert (summary.created, summary.problems) == (1, ())
    assert (_only_customer(db).email, _only_customer(db).phone) == ("", "")


def test_a_london_number_on_a_gb_row_is_read_as_london_in_a_us_shop(db: Database,
                                                                    tmp_path: Path) -> None:
    rows = [["first_name", "phone", "country"], ["Ann", "020 7946 0958", "GB"],
            ["Bob", "020 7946 0959", "United Kingdom"], ["Cy", "(555) 200-0002", ""],
            ["Di", "+1 555 200 0003", "GB"]]
    summary = _import(db, samples.write_csv(tmp_path / "gb.csv", rows))
    assert (summary.created, summary.problems) == (4, ())
    phones = {r.first_name: r.phone for r in fetch_customers(db.raw(), ListQuery())}
    assert phones == {"Ann": "+442079460958", "Bob": "+442079460959", "Cy": "+15552000002",
                      "Di": "+15552000003"}


def test_an_import_that_rejects_every_row_exits_1_with_the_first_reason(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [["first_name", "email", "city"], ["", "nope", "Leeds"], ["", "", "York"]]
    source = samples.write_csv(tmp_path / "none.csv", rows)
    report = tmp_path / "report.json"
    code = main(["--db", str(tmp_path / "r.db"), "import", str(source), "--report", str(report)])
    err = capsys.readouterr().err
    assert code == 1
    assert ("error: " + str(source) + ": every row was rejected; line 2: first_name: "
            "name_required (email: dropped_value nope)") in err
    assert json.loads(report.read_text(encoding="utf-8"))["counts"]["rejected"] == 2


def test_a_customer_known_only_by_email_can_be_saved_and_checked_off(db: Database) -> None:
    with db.unit_of_work() as session:
        added = add_customer(session, CustomerDraft(email="reader@example.com"))
    with db.unit_of_work() as session:
        session.execute(text("UPDATE customers SET needs_checking = :v"),
            {"v": json.dumps([["phone", "dropped_value", "12"]])})
    with db.unit_of_work() as session:
        draft = get_customer(session, added.id).draft
        assert draft.needs_checking == (Problem("phone", "dropped_value", "12"),)
        # Saving other changes keeps the note; "checked" (an empty tuple) clears it.
        kept = update_customer(session, added.id, CustomerDraft(email=draft.email, city="Leeds",
                                                                 needs_checking=None))
        assert kept.draft.needs_checking == draft.needs_checking
        cleared = update_customer(session, added.id, CustomerDraft(email=draft.email,
                                                                    needs_checking=()))
        assert cleared.draft.needs_checking == ()
