"""CSV exports as HubSpot, Thunderbird, Google and Shopify (legacy) really write them: every
contact comes in, with its fields, and every column left out is named."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from core.customers.queries import ListQuery, count_customers, search_customers
from core.customers.services import get_customer
from core.customers.types import CustomerDetail
from core.interchange import problems as p
from core.interchange.errors import ImportRefused
from core.interchange.formats import detect_format
from core.interchange.importing import ImportOptions, ImportSummary, run_import
from core.interchange.models import CustomerContact
from core.interchange.preview import preview_file
from core.store.db import Database

from tests.core.interchange import samples

TODAY = dt.date(2026, 11, 22)

# A contacts export with the associated company's properties, as HubSpot writes it: the
# company's Phone Number, Country/Region and Create Date repeat the contact's, and the
# company's `Company name` comes after the contact's `Company Name`.
HUBSPOT_WITH_COMPANY_HEADER = (
    "Record ID - Contact,First Name,Last Name,Email,Phone Number,Mobile Phone Number,"
    "Company Name,Street Address,City,State/Region,Postal Code,Country/Region,Contact owner,"
    "Lifecycle Stage,Create Date,Associated Company IDs,Record ID - Company,Company name,"
    "Phone Number,Country/Region,Create Date"
)
THUNDERBIRD_HEADER = (
    "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,"
    "Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,Home Address,"
    "Home Address 2,Home City,Home State,Home ZipCode,Home Country,Work Address,"
    "Work Address 2,Work City,Work State,Work ZipCode,Work Country,Job Title,Department,"
    "Organization,Web Page 1,Web Page 2,Birth Year,Birth Month,Birth Day,Custom 1,Custom 2,"
    "Custom 3,Custom 4,Notes"
)
# A UK build words the region, postcode and organisation its own way.
THUNDERBIRD_UK_HEADER = (THUNDERBIRD_HEADER.replace("State", "County")
                         .replace("ZipCode", "Post Code").replace("Organization", "Organisation"))
# The customer export before the Default Address columns, in its two documented versions.
SHOPIFY_2019_HEADER = samples.SHOPIFY_LEGACY_HEADER
SHOPIFY_2023_HEADER = (
    "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Company,Address1,"
    "Address2,City,Province,Province Code,Country,Country Code,Zip,Phone,"
    "Accepts SMS Marketing,Total Spent,Total Orders,Tags,Note,Tax Exempt"
)


def _import(db: Database, path: Path) -> ImportSummary:
    return run_import(db, path, options=ImportOptions(today=TODAY))


def _only(db: Database, text: str) -> CustomerDetail:
    (row,) = search_customers(db.raw(), text)
    with db.unit_of_work() as session:
        return get_customer(session, row.id)


def _contacts(db: Database, customer_id: int, kind: str) -> list[str]:
    with db.unit_of_work() as session:
        return list(session.scalars(
            select(CustomerContact.value).where(CustomerContact.customer_id == customer_id,
                                                CustomerContact.kind == kind)
            .order_by(CustomerContact.id)))


def _hubspot_contact(n: int) -> list[str]:
    return [f"{5100 + n}", f"Contact{n}", f"Lee{n}", f"contact{n}@example.com",
            f"+1 415 555 {n % 10000:04d}", "", f"Shop {n}", f"{n} Market St", "San Francisco",
            "California", "94103", "United States", "Dana Owner", "customer",
            "2025-03-01 10:00", "9001", "9001", "Acme Wholesale", "+1 212 555 0100",
            "Canada", "2024-01-01 09:00"]


def _hubspot_file(path: Path, contacts: int) -> Path:
    header = HUBSPOT_WITH_COMPANY_HEADER.split(",")
    return samples.write_csv(path, [header] + [_hubspot_contact(n) for n in range(contacts)])


# HubSpot

def test_a_hubspot_export_with_repeated_phone_number_columns_imports_every_contact_with_the_first_number(
        sqlite_db: Database, tmp_path: Path) -> None:
    summary = _import(sqlite_db, _hubspot_file(tmp_path / "hubspot.csv", 3))
    assert (summary.source.format, summary.created, summary.rejected) == ("hubspot", 3, 0)
    detail = _only(sqlite_db, "contact1@example.com")
    assert detail.draft.phone == "+14155550001"  # the contact's, not the company's
    assert _contacts(sqlite_db, detail.id, "phone") == []


def test_the_790_contact_hubspot_export_that_was_refused_whole_now_comes_in_whole(
        db: Database, tmp_path: Path) -> None:
    summary = _import(db, _hubspot_file(tmp_path / "all-contacts.csv", 790))
    assert (summary.created, summary.rejected, summary.problem_total) == (790, 0, 0)
    assert count_customers(db.raw(), ListQuery()) == 790


def test_hubspot_columns_repeated_or_not_imported_are_named_in_the_report_and_the_preview(
        sqlite_db: Database, tmp_path: Path) -> None:
    path = _hubspot_file(tmp_path / "hubspot.csv", 2)
    report = _import(sqlite_db, path).as_report()
    expected = ["Contact owner", "Lifecycle Stage", "Create Date",
                "Associated Company IDs", "Record ID - Company", "Company name",
                "Phone Number", "Country/Region", "Create Date"]
    assert report["unmapped_columns"] == expected
    with sqlite_db.unit_of_work() as session:
        preview = preview_file(session, path)
    assert list(preview.info.unmapped_columns) == expected
    assert [row.values["phone"] for row in preview.rows] == ["+14155550000", "+14155550001"]


def test_hubspot_is_recognised_from_record_id_contact_and_contact_owner_without_lifecycle_stage(
) -> None:
    assert detect_format(["Record ID - Contact", "First Name", "Last Name", "Email"]).name == \
        "hubspot"
    assert detect_format(["Record ID", "First Name", "Email", "Contact owner"]).name == "hubspot"


def test_a_hubspot_contact_keeps_its_company_mobile_phone_state_and_country(
        sqlite_db: Database, tmp_path: Path) -> None:
    rows = samples.rows_for(HUBSPOT_WITH_COMPANY_HEADER, [])
    rows.append(["77", "Mia", "Wong", "mia@example.com", "", "+1 415 555 0199", "Wong Florist",
                 "5 Pine St", "Oakland", "California", "94607", "United States", "Dana Owner",
                 "lead", "", "", "", "Other Inc", "", "Canada", ""])
    _import(sqlite_db, samples.write_csv(tmp_path / "hubspot.csv", rows))
    draft = _only(sqlite_db, "mia@example.com").draft
    assert (draft.organisation, draft.phone, draft.region, draft.country) == (
        "Wong Florist", "+14155550199", "California", "United States")


def test_a_hubspot_contact_without_a_company_of_its_own_does_not_take_the_associated_one(
        sqlite_db: Database, tmp_path: Path) -> None:
    rows = samples.rows_for(HUBSPOT_WITH_COMPANY_HEADER, [
        {"Record ID - Contact": "78", "First Name": "Ola", "Last Name": "Berg",
         "Email": "ola@example.com", "Company name": "Acme Wholesale", "Contact owner": "Dana"}])
    summary = _import(sqlite_db, samples.write_csv(tmp_path / "hubspot.csv", rows))
    assert summary.created == 1
    assert _only(sqlite_db, "ola@example.com").draft.organisation == ""


# Thunderbird

def _thunderbird(header: str, records: list[dict[str, str]], path: Path) -> Path:
    return samples.write_format(path, header, records)


def test_a_thunderbird_address_book_imports_both_emails_every_phone_and_the_home_address(
        sqlite_db: Database, tmp_path: Path) -> None:
    path = _thunderbird(THUNDERBIRD_HEADER, [{
        "First Name": "Rory", "Last Name": "Williams", "Display Name": "Rory Williams",
        "Primary Email": "rory@example.com", "Secondary Email": "rory.w@work.example.com",
        "Work Phone": "+1 206 555 0100", "Home Phone": "+1 206 555 0101",
        "Mobile Number": "+1 206 555 0102", "Home Address": "12 Elm St",
        "Home Address 2": "Apt 4", "Home City": "Seattle", "Home State": "WA",
        "Home ZipCode": "98101", "Home Country": "USA", "Organization": "Leadworth Care",
        "Notes": "Prefers mornings"}], tmp_path / "thunderbird.csv")
    summary = _import(sqlite_db, path)
    assert (summary.source.format, summary.created) == ("thunderbird", 1)
    detail = _only(sqlite_db, "williams")
    draft = detail.draft
    assert (draft.email, draft.phone) == ("rory@example.com", "+12065550100")
    assert (draft.street, draft.city, draft.region, draft.postal_code, draft.country) == (
        "12 Elm St, Apt 4", "Seattle", "WA", "98101", "USA")
    assert (draft.organisation, draft.notes) == ("Leadworth Care", "Prefers mornings")
    assert _contacts(sqlite_db, detail.id, "email") == ["rory.w@work.example.com"]
    assert _contacts(sqlite_db, detail.id, "phone") == ["+12065550101", "+12065550102"]
    assert "Work Address" in summary.source.unmapped_columns


@pytest.mark.parametrize(("year", "month", "day", "expected"), [
    ("1972", "1", "3", (1, 3, 1972)),
    ("", "12", "25", (12, 25, None)),
])
def test_thunderbird_birth_year_month_and_day_become_one_birthday(
        sqlite_db: Database, tmp_path: Path, year: str, month: str, day: str,
        expected: tuple[int, int, int | None]) -> None:
    path = _thunderbird(THUNDERBIRD_HEADER, [{
        "First Name": "Amy", "Last Name": "Pond", "Primary Email": "amy@example.com",
        "Birth Year": year, "Birth Month": month, "Birth Day": day}], tmp_path / "tb.csv")
    assert _import(sqlite_db, path).created == 1
    birthday = _only(sqlite_db, "pond").draft.birthday
    assert birthday is not None
    assert (birthday.month, birthday.day, birthday.year) == expected


def test_a_thunderbird_export_with_a_comma_at_the_end_of_every_line_comes_in(
        sqlite_db: Database, tmp_path: Path) -> None:
    rows = samples.rows_for(THUNDERBIRD_HEADER, [
        {"First Name": "John", "Last Name": "Doe", "Primary Email": "john.doe@example.com",
         "Work Phone": "+1 206 555 0150", "Organization": "Does Company", "Birth Year": "1972",
         "Birth Month": "1", "Birth Day": "3"}])
    path = samples.write_csv(tmp_path / "tb.csv", [row + [""] for row in rows])
    summary = _import(sqlite_db, path)
    assert (summary.source.format, summary.created, summary.rejected) == ("thunderbird", 1, 0)
    assert _only(sqlite_db, "doe").draft.organisation == "Does Company"


def test_a_thunderbird_birth_year_alone_is_reported_not_dropped(sqlite_db: Database,
                                                                tmp_path: Path) -> None:
    path = _thunderbird(THUNDERBIRD_HEADER, [{
        "First Name": "Amy", "Last Name": "Pond", "Primary Email": "amy@example.com",
        "Birth Year": "1972"}], tmp_path / "tb.csv")
    summary = _import(sqlite_db, path)
    assert [(x.line, x.field, x.detail) for x in summary.problems] == [(2, "birthday",
                                                                        "1972-?-?")]


def test_a_uk_thunderbird_export_keeps_county_post_code_and_organisation(
        sqlite_db: Database, tmp_path: Path) -> None:
    path = _thunderbird(THUNDERBIRD_UK_HEADER, [{
        "First Name": "Clara", "Last Name": "Oswald", "Primary Email": "clara@example.co.uk",
        "Home City": "Blackpool", "Home County": "Lancashire", "Home Post Code": "FY1 1AA",
        "Organisation": "Coal Hill School"}], tmp_path / "tb-uk.csv")
    summary = _import(sqlite_db, path)
    assert summary.source.format == "thunderbird"
    draft = _only(sqlite_db, "oswald").draft
    assert (draft.region, draft.postal_code, draft.organisation) == (
        "Lancashire", "FY1 1AA", "Coal Hill School")


# Google

def test_a_google_contact_with_seven_emails_and_phones_keeps_every_one(
        sqlite_db: Database, tmp_path: Path) -> None:
    numbered = ",".join(f"E-mail {n} - Label,E-mail {n} - Value,Phone {n} - Label,"
                        f"Phone {n} - Value" for n in range(1, 8))
    header = f"First Name,Middle Name,Last Name,Labels,Organization Name,{numbered}"
    record = {"First Name": "Yuki", "Last Name": "Tanaka", "Labels": "* myContacts"}
    for n in range(1, 8):
        record[f"E-mail {n} - Value"] = f"yuki{n}@example.jp"
        record[f"Phone {n} - Value"] = f"+81 3-1234-567{n}"
    summary = _import(sqlite_db, samples.write_format(tmp_path / "google.csv", header, [record]))
    assert (summary.source.format, summary.created) == ("google-current", 1)
    detail = _only(sqlite_db, "tanaka")
    assert (detail.draft.email, detail.draft.phone) == ("yuki1@example.jp", "+81312345671")
    assert _contacts(sqlite_db, detail.id, "email") == [f"yuki{n}@example.jp" for n in range(2, 8)]
    assert _contacts(sqlite_db, detail.id, "phone") == [f"+8131234567{n}" for n in range(2, 8)]
    assert not any(name.endswith("Value") for name in summary.source.unmapped_columns)


@pytest.mark.parametrize("labels", ["* myContacts ::: Regulars", "* My Contacts ::: Regulars",
                                    "*myContacts ::: Regulars", "Regulars ::: * Starred"])
def test_google_system_group_is_dropped_however_it_is_spelt(sqlite_db: Database, tmp_path: Path,
                                                             labels: str) -> None:
    path = samples.write_format(tmp_path / "google.csv", samples.GOOGLE_HEADER, [{
        "First Name": "Ana", "Last Name": "Silva", "E-mail 1 - Value": "ana@example.pt",
        "Labels": labels}])
    _import(sqlite_db, path)
    tags = {t for t in _only(sqlite_db, "silva").draft.tags if not t.startswith("import ")}
    assert "Regulars" in tags
    assert not {t for t in tags if "contacts" in t.casefold() or "starred" in t.casefold()}


@pytest.mark.parametrize(("header", "columns"), [
    (samples.GOOGLE_HEADER, ("First Name", "Middle Name", "Last Name", "E-mail 1 - Value")),
    (samples.GOOGLE_LEGACY_HEADER, ("Given Name", "Additional Name", "Family Name",
                                    "E-mail 1 - Value")),
], ids=["current", "legacy"])
def test_a_google_contact_keeps_the_middle_name(sqlite_db: Database, tmp_path: Path,
                                                header: str, columns: tuple[str, ...]) -> None:
    values = ("Mary", "Ann", "Jones", "mary@example.com")
    path = samples.write_format(tmp_path / "google.csv", header, [dict(zip(columns, values))])
    _import(sqlite_db, path)
    draft = _only(sqlite_db, "jones").draft
    assert (draft.first_name, draft.last_name) == ("Mary Ann", "Jones")


def test_an_outlook_export_that_words_it_home_country_region_keeps_the_country(
        sqlite_db: Database, tmp_path: Path) -> None:
    header = samples.OUTLOOK_HEADER.replace("Home Country", "Home Country/Region")
    path = samples.write_format(tmp_path / "outlook.csv", header, [{
        "First Name": "Lena", "Last Name": "Vogel", "E-mail Address": "lena@example.de",
        "Home Country/Region": "Germany"}])
    summary = _import(sqlite_db, path)
    assert summary.source.format == "outlook"
    assert _only(sqlite_db, "vogel").draft.country == "Germany"


# Shopify (legacy)

def _shopify_customers(header: str) -> list[dict[str, str]]:
    marketing = "Accepts Email Marketing" if "Accepts Email" in header else "Accepts Marketing"
    return [
        {"Customer ID": "'6940095564", "First Name": "Russel", "Last Name": "Winfield",
         "Email": "russel.winfield@example.com", marketing: "yes", "Company": "Company HQ",
         "Address1": "105 Victoria St", "City": "Toronto", "Province": "Ontario",
         "Province Code": "ON", "Country": "Canada", "Country Code": "CA", "Zip": "'M5C1N7",
         "Phone": "'+16135550135", "Total Spent": "25.00", "Total Orders": "2",
         "Tags": "vip, wholesale", "Note": "Loves ice pops", "Tax Exempt": "no"},
        {"Customer ID": "'6940095565", "First Name": "Ann", "Last Name": "Lee",
         "Email": "ann@example.com", marketing: "no", "Address1": "1 Main St",
         "City": "Springfield", "Province": "Illinois", "Province Code": "IL",
         "Country": "United States", "Country Code": "US", "Zip": "'02134",
         "Total Spent": "0.00", "Total Orders": "0", "Tax Exempt": "no"},
    ]


@pytest.mark.parametrize("header", [SHOPIFY_2019_HEADER, SHOPIFY_2023_HEADER],
                         ids=["accepts-marketing", "customer-id-and-sms"])
def test_a_shopify_legacy_export_imports_every_customer_with_address_and_money(
        sqlite_db: Database, tmp_path: Path, header: str) -> None:
    path = samples.write_format(tmp_path / "customers_export.csv", header,
                                _shopify_customers(header))
    summary = _import(sqlite_db, path)
    assert (summary.source.format, summary.created, summary.rejected) == (
        "shopify-legacy", 2, 0), summary.problems
    detail = _only(sqlite_db, "winfield")
    draft = detail.draft
    assert (draft.organisation, draft.street, draft.city, draft.postal_code) == (
        "Company HQ", "105 Victoria St", "Toronto", "M5C1N7")
    assert (draft.region, draft.country, draft.phone) == ("Ontario", "Canada", "+16135550135")
    assert (detail.lifetime_value_minor, detail.visit_count) == (2500, 2)
    assert {"vip", "wholesale"} <= set(draft.tags)
    assert _only(sqlite_db, "ann@example.com").draft.postal_code == "02134"


# Every format

@pytest.mark.parametrize("header", [
    samples.GOOGLE_HEADER, samples.GOOGLE_LEGACY_HEADER, samples.OUTLOOK_HEADER,
    samples.SHOPIFY_HEADER, SHOPIFY_2023_HEADER, samples.SQUARE_HEADER,
    samples.MAILCHIMP_HEADER, HUBSPOT_WITH_COMPANY_HEADER, THUNDERBIRD_HEADER,
], ids=["google", "google-legacy", "outlook", "shopify", "shopify-legacy", "square",
        "mailchimp", "hubspot", "thunderbird"])
def test_every_format_names_each_column_it_does_not_import(sqlite_db: Database, tmp_path: Path,
                                                           header: str) -> None:
    names = samples.rows_for(header, [])[0]
    first = {"First Name": "Ann", "Given Name": "Ann", "Email": "ann@example.com"}
    path = samples.write_format(tmp_path / "export.csv", header, [first])
    summary = _import(sqlite_db, path)
    imported = [name for name, field in zip(names, summary.source.mapping) if field]
    assert summary.source.unmapped_columns
    assert sorted(imported + list(summary.source.unmapped_columns)) == sorted(names)
    assert summary.as_report()["unmapped_columns"] == list(summary.source.unmapped_columns)


def test_a_spreadsheet_with_two_columns_of_one_name_is_still_refused_with_the_name(
        sqlite_db: Database, tmp_path: Path) -> None:
    path = samples.write_csv(tmp_path / "sheet.csv", [["Name", "Email", "E-mail"],
                                                      ["Ann", "a@example.com", "b@example.com"]])
    with pytest.raises(ImportRefused) as refused:
        _import(sqlite_db, path)
    assert (refused.value.code, refused.value.detail) == (p.DUPLICATE_HEADER, "E-mail")


# The exporters' own ids

@pytest.mark.parametrize(("header", "id_column", "email_column", "second_id"), [
    (samples.SHOPIFY_HEADER, "Customer ID", "Email", "'7123456789"),
    (samples.SHOPIFY_HEADER, "Customer ID", "Email", "7123456789"),  # saved again by Excel
    (SHOPIFY_2023_HEADER, "Customer ID", "Email", "'7123456789"),
    (HUBSPOT_WITH_COMPANY_HEADER, "Record ID - Contact", "Email", "7123456789"),
    (samples.HUBSPOT_HEADER, "Record ID", "Email", "7123456789"),
    (samples.SQUARE_HEADER, "Square Customer ID", "Email Address", "7123456789"),
], ids=["shopify", "shopify-resaved", "shopify-legacy", "hubspot-with-company", "hubspot",
        "square"])
def test_a_customer_whose_email_changed_is_found_again_by_the_programs_own_id(
        db: Database, tmp_path: Path, header: str, id_column: str, email_column: str,
        second_id: str) -> None:
    first_id = "'7123456789" if header.startswith("Customer ID") else "7123456789"
    record = {id_column: first_id, "First Name": "Noor", "Last Name": "Haddad",
              email_column: "noor@old.example.com"}
    first = samples.write_format(tmp_path / "first.csv", header, [record])
    assert _import(db, first).created == 1
    record.update({id_column: second_id, email_column: "noor@new.example.com"})
    again = _import(db, samples.write_format(tmp_path / "again.csv", header, [record]))
    # Matched by the id alone: no postcode, and the email is another.
    assert (again.created, again.skipped) == (0, 1)
    assert count_customers(db.raw(), ListQuery()) == 1
