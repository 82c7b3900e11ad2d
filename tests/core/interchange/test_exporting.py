"""Exports: CSV safe in spreadsheets, vCard and iCalendar that round-trip."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from core.customers.history import add_moment
from core.customers.queries import ListQuery, fetch_ids, search_customers
from core.customers.services import add_customer, get_customer
from core.customers.types import CustomerDraft, MomentDraft
from core.customers.validation import PartialDate
from core.interchange.calendar import CalendarLabels, export_calendar
from core.interchange.export_csv import CSV_COLUMNS, export_customers_csv, neutralise
from core.interchange.importing import run_import
from core.interchange.vcard import export_vcard
from core.store.db import Database
from core.store.opening import prepare_database

PEOPLE = [
    CustomerDraft(first_name="Zoë", last_name="Ørsted", email="zoe@example.dk",
                  phone="+45 32 12 34 56", street="Nørregade 1", city="København",
                  postal_code="1165", country="Denmark", birthday=PartialDate(2, 29),
                  notes="Kaffe,\n\"sort\"", tags=("vip", "stamkunde")),
    CustomerDraft(first_name="美咲", last_name="佐藤", email="misaki@example.jp",
                  phone="+81 3-1234-5678", birthday=PartialDate(7, 4, 1985)),
    CustomerDraft(first_name="@SUM(A1)", last_name="-2+3", organisation="=HYPERLINK(\"x\")",
                  city="+evil"),
]


def _fill(db: Database) -> list[int]:
    with db.unit_of_work() as session:
        return [add_customer(session, person).id for person in PEOPLE]


def _read_csv(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding=encoding))))


def test_csv_export_has_the_documented_columns_and_dates(db: Database, tmp_path: Path) -> None:
    _fill(db)
    with db.unit_of_work() as session:
        assert export_customers_csv(session, tmp_path / "c.csv") == 3
    rows = {r["email"]: r for r in _read_csv(tmp_path / "c.csv")}
    required = "first_name,last_name,email,phone,street,city,postal_code,country,birthday,tags,notes"
    assert set(required.split(",")) <= set(CSV_COLUMNS)
    zoe = rows["zoe@example.dk"]
    assert (zoe["birthday"], zoe["tags"], zoe["notes"]) == ("'--02-29", "stamkunde, vip",
                                                            "Kaffe,\n\"sort\"")
    assert zoe["phone"] == "'+4532123456"
    assert rows["misaki@example.jp"]["birthday"] == "1985-07-04"


def test_every_formula_start_is_neutralised(sqlite_db: Database, tmp_path: Path) -> None:
    _fill(sqlite_db)
    with sqlite_db.unit_of_work() as session:
        export_customers_csv(session, tmp_path / "c.csv")
    (row,) = [r for r in _read_csv(tmp_path / "c.csv") if not r["email"]]
    assert row["first_name"] == "'@SUM(A1)" and row["last_name"] == "'-2+3"
    assert row["organisation"] == "'=HYPERLINK(\"x\")"
    assert row["city"] == "'+evil"
    dangerous = ("=", "+", "-", "@", "\t", "\r")
    assert not any(v.startswith(dangerous) for r in _read_csv(tmp_path / "c.csv")
                   for v in r.values())


@pytest.mark.parametrize("value", ["\tcmd", "\r=1+1", "=1", "+1", "-1", "@x"])
def test_cells_starting_with_tab_or_cr_are_neutralised_too(value: str) -> None:
    assert neutralise(value) == "'" + value
    assert neutralise("plain =1") == "plain =1"


def test_excel_friendly_file_has_a_bom_and_a_text_phone(sqlite_db: Database,
                                                        tmp_path: Path) -> None:
    _fill(sqlite_db)
    with sqlite_db.unit_of_work() as session:
        export_customers_csv(session, tmp_path / "c.csv", excel=True)
    assert (tmp_path / "c.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    rows = _read_csv(tmp_path / "c.csv", "utf-8-sig")
    assert '="+4532123456"' in {r["phone"] for r in rows}
    assert '="--02-29"' in {r["birthday"] for r in rows}


def test_a_filtered_list_exports_only_its_customers(sqlite_db: Database, tmp_path: Path) -> None:
    _fill(sqlite_db)
    ids = fetch_ids(sqlite_db.raw(), ListQuery(text="佐藤"))
    assert len(ids) == 1
    with sqlite_db.unit_of_work() as session:
        assert export_customers_csv(session, tmp_path / "c.csv", customer_ids=ids) == 1
    assert [r["last_name"] for r in _read_csv(tmp_path / "c.csv")] == ["佐藤"]


@pytest.mark.parametrize("excel", [False, True])
def test_csv_export_imports_back_unchanged(sqlite_db: Database, tmp_path: Path,
                                           excel: bool) -> None:
    _fill(sqlite_db)
    with sqlite_db.unit_of_work() as session:
        export_customers_csv(session, tmp_path / "c.csv", excel=excel)
    other = Database.open(tmp_path / "other.db")
    prepare_database(other)
    summary = run_import(other, tmp_path / "c.csv")
    assert (summary.created, summary.rejected) == (3, 0)
    (row,) = search_customers(other.raw(), "orsted")
    with other.unit_of_work() as session:
        draft = get_customer(session, row.id).draft
    assert (draft.phone, draft.birthday, draft.city) == ("+4532123456", PartialDate(2, 29),
                                                         "København")
    assert {"vip", "stamkunde"} <= set(draft.tags)
    other.close()


def test_vcard_round_trips_names_contacts_addresses_birthdays_and_notes(
    db: Database, tmp_path: Path
) -> None:
    _fill(db)
    with db.unit_of_work() as session:
        assert export_vcard(session, tmp_path / "c.vcf") == 3
    other = Database.open(tmp_path / "other.db")
    prepare_database(other)
    summary = run_import(other, tmp_path / "c.vcf")
    assert (summary.created, summary.source.format) == (3, "vcard")
    (row,) = search_customers(other.raw(), "orsted")
    with other.unit_of_work() as session:
        draft = get_customer(session, row.id).draft
    original = PEOPLE[0]
    assert (draft.first_name, draft.last_name, draft.email, draft.phone) == (
        "Zoë", "Ørsted", "zoe@example.dk", "+4532123456")
    assert (draft.street, draft.city, draft.postal_code, draft.country) == (
        original.street, original.city, original.postal_code, original.country)
    assert (draft.birthday, draft.notes) == (PartialDate(2, 29), original.notes)
    (misaki,) = search_customers(other.raw(), "misaki")
    with other.unit_of_work() as session:
        assert get_customer(session, misaki.id).draft.birthday == PartialDate(7, 4, 1985)
    other.close()


def test_calendar_has_yearly_birthdays_anniversaries_and_life_events(
    db: Database, tmp_path: Path
) -> None:
    from icalendar import Calendar

    ids = _fill(db)
    with db.unit_of_work() as session:
        add_moment(session, ids[1], MomentDraft("anniversary", PartialDate(3, 1, 2020)))
        add_moment(session, ids[1], MomentDraft("life_event", PartialDate(6, 15), "wedding"))
        count = export_calendar(session, tmp_path / "c.ics",
                                labels=CalendarLabels(birthday="Geburtstag: {name}"))
    assert count == 4
    calendar = Calendar.from_ical((tmp_path / "c.ics").read_bytes())
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Geburtstag: Zoë Ørsted", "Geburtstag: 美咲 佐藤",
                           "Anniversary: 美咲 佐藤", "Wedding anniversary: 美咲 佐藤"}
    leap = events["Geburtstag: Zoë Ørsted"]
    assert leap["rrule"]["FREQ"] == ["YEARLY"] and leap["rrule"]["BYMONTHDAY"] == [-1]
    assert events["Geburtstag: 美咲 佐藤"].decoded("dtstart").isoformat() == "1985-07-04"
