"""Issue 10, the rest of the formats: Thunderbird in German, French, Spanish, Italian and
Dutch, HubSpot's Associated Company, Shopify's legacy export whole, and the headers people
type in six languages."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.customers.queries import ListQuery, fetch_customers, search_customers
from core.customers.services import get_customer
from core.customers.types import CustomerDetail, PartialDate
from core.interchange.formats import _THUNDERBIRD_LOCALISED, detect_format
from core.interchange.importing import ImportOptions, ImportSummary, run_import
from core.store.db import Database

from tests.core.interchange import samples

TODAY = dt.date(2026, 11, 22)


def _import(db: Database, path: Path) -> ImportSummary:
    return run_import(db, path, options=ImportOptions(today=TODAY))


def _only(db: Database, text: str) -> CustomerDetail:
    (row,) = search_customers(db.raw(), text)
    with db.unit_of_work() as session:
        return get_customer(session, row.id)


# Thunderbird, as its German, French, Spanish, Italian and Dutch builds write the header
# (its address book field names, importMsgs.properties 2100-2136).

@pytest.mark.parametrize("language", sorted(_THUNDERBIRD_LOCALISED))
def test_a_thunderbird_export_from_a_translated_thunderbird_imports_every_field(
        sqlite_db: Database, tmp_path: Path, language: str) -> None:
    names = _THUNDERBIRD_LOCALISED[language]
    values = {0: "Jürgen", 1: "Weiß", 2: "Jürgen Weiß", 4: "juergen@example.de",
              5: "jw@work.example.de", 6: "+49 30 1234567", 10: "+49 170 1234567",
              11: "Lindenstraße 5", 12: "Hinterhaus", 13: "Berlin", 14: "Berlin",
              15: "10115", 16: "Deutschland", 19: "Potsdam", 25: "Bäckerei Weiß",
              28: "1970", 29: "3", 30: "22", 35: "mag Roggenbrot"}
    row = [values.get(column, "") for column in range(len(names))]
    path = samples.write_csv(tmp_path / f"thunderbird-{language}.csv", [list(names), row])
    summary = _import(sqlite_db, path)
    assert (summary.source.format, summary.created, summary.rejected) == (
        "thunderbird", 1, 0), summary.problems
    detail = _only(sqlite_db, "juergen@example.de")
    draft = detail.draft
    assert (draft.first_name, draft.last_name, draft.organisation) == (
        "Jürgen", "Weiß", "Bäckerei Weiß")
    assert (draft.street, draft.city, draft.postal_code, draft.country) == (
        "Lindenstraße 5, Hinterhaus", "Berlin", "10115", "Deutschland")
    assert draft.phone == "+49301234567"
    assert draft.birthday == PartialDate(3, 22, 1970)
    assert draft.notes == "mag Roggenbrot"
    assert "Potsdam" not in summary.source.mapping  # the work city is not the home one


def test_a_german_thunderbird_birth_day_column_is_the_day_not_a_birthday(
        sqlite_db: Database, tmp_path: Path) -> None:
    names = list(_THUNDERBIRD_LOCALISED["de"])
    detected = detect_format(names)
    assert detected.name == "thunderbird"
    assert detected.mapping[names.index("Geburtstag")] == "birth_day"
    assert detected.mapping[names.index("Primäre E-Mail-Adresse")] == "email"


# HubSpot

HUBSPOT_ASSOCIATED_HEADER = (
    "Record ID,First Name,Last Name,Email,Phone Number,Contact owner,Lifecycle Stage,"
    "Associated Company,Create Date"
)


def test_a_hubspot_contact_takes_its_associated_company_when_the_export_has_no_company_name(
        sqlite_db: Database, tmp_path: Path) -> None:
    path = samples.write_format(tmp_path / "hubspot.csv", HUBSPOT_ASSOCIATED_HEADER, [
        {"Record ID": "501", "First Name": "Ola", "Last Name": "Berg",
         "Email": "ola@example.com", "Contact owner": "Dana", "Lifecycle Stage": "lead",
         "Associated Company": "Acme Wholesale"}])
    summary = _import(sqlite_db, path)
    assert (summary.source.format, summary.created) == ("hubspot", 1)
    assert "Associated Company" not in summary.source.unmapped_columns
    assert _only(sqlite_db, "ola@example.com").draft.organisation == "Acme Wholesale"


def test_a_hubspot_company_name_column_wins_over_the_associated_company() -> None:
    header = HUBSPOT_ASSOCIATED_HEADER.split(",") + ["Company Name"]
    mapping = detect_format(header).mapping
    assert mapping[header.index("Company Name")] == "organisation"
    assert mapping[header.index("Associated Company")] == ""


# Shopify's legacy customer export (Shopify help, "Customer CSV file"): First Name, Last
# Name, Email, Company, Address1, Address2, City, Province, Province Code, Country,
# Country Code, Zip, Phone, Accepts Marketing, Total Spent, Total Orders, Tags, Note,
# Tax Exempt.

def _legacy_row(n: int) -> dict[str, str]:
    shape = n % 7
    row = {"First Name": f"Kund{n}", "Last Name": f"Müller-{n}", "Accepts Marketing": "no",
           "Total Spent": f"{n * 3}.50", "Total Orders": str(n % 5), "Tax Exempt": "no"}
    if shape != 1:
        row["Email"] = f"kunde{n}@example.com"
    if shape in (1, 2):
        row["Phone"] = f"'+1613555{n:04d}"
    if shape == 3:
        row.update({"First Name": "", "Last Name": "", "Company": f"Firma {n}"})
    if shape == 4:
        row.update({"Address1": f"{n} Queen St", "Address2": "Unit 2", "City": "Ottawa",
                    "Province": "Ontario", "Province Code": "ON", "Country": "Canada",
                    "Country Code": "CA", "Zip": "'K1A 0B1", "Phone": f"(613) 555-{n:04d}",
                    "Tags": "vip, \"wholesale, east\"", "Note": "line one\nline two"})
    if shape == 5:
        row.update({"First Name": "", "Last Name": "", "Accepts Marketing": "yes",
                    "Total Spent": "1,234.56"})
    if shape == 6:
        row.update({"Phone": "12", "Email": f"kunde{n}@example.com",
                    "Total Spent": "n/a"})
    return row


def test_every_row_of_a_709_customer_shopify_legacy_export_arrives(sqlite_db: Database,
                                                                    tmp_path: Path) -> None:
    path = samples.write_format(tmp_path / "customers_export.csv",
                                samples.SHOPIFY_LEGACY_HEADER,
                                [_legacy_row(n) for n in range(709)])
    summary = _import(sqlite_db, path)
    assert (summary.source.format, summary.created, summary.rejected) == (
        "shopify-legacy", 709, 0), summary.first_rejection
    assert len(fetch_customers(sqlite_db.raw(), ListQuery(), limit=1000)) == 709
    again = _import(sqlite_db, path)
    assert (again.created, again.rejected) == (0, 0)


# Headers people type, in six languages

@pytest.mark.parametrize(("header", "field"), [
    ("Notiz", "notes"), ("Memo", "notes"), ("Bemerkungen", "notes"), ("Observaciones", "notes"),
    ("Osservazioni", "notes"), ("Opmerking", "notes"), ("Notes internes", "notes"),
    ("Street Address 1", "street"), ("Street Address 2", "street2"),
    ("Straße und Hausnummer", "street"), ("Adresse ligne 1", "street"),
    ("Adresse ligne 2", "street2"), ("Línea de dirección 1", "street"),
    ("Indirizzo riga 2", "street2"), ("Adresregel 1", "street"), ("Adresszeile 2", "street2"),
    ("Firmenname", "organisation"), ("Raison sociale", "organisation"),
    ("Ragione sociale", "organisation"), ("Bedrijfsnaam", "organisation"),
    ("Mobiltelefon", "phone"), ("Numéro de téléphone", "phone"), ("Teléfono móvil", "phone"),
    ("Numero di telefono", "phone"), ("GSM", "phone"), ("Wohnort", "city"),
    ("Localité", "city"), ("Comune", "city"), ("Gemeente", "city"),
    ("Adresse électronique", "email"), ("Indirizzo email", "email"),
    ("Kategorien", "tags"), ("Groepen", "tags"), ("Geb.-Datum", "birthday"),
])
def test_a_spreadsheet_header_in_one_of_six_languages_is_mapped(header: str, field: str
                                                                ) -> None:
    detected = detect_format(["Vorname", "E-Mail", header])
    assert detected.mapping[2] == field


def test_a_square_style_spreadsheet_keeps_its_memo_and_both_street_lines(
        sqlite_db: Database, tmp_path: Path) -> None:
    path = samples.write_csv(tmp_path / "kunden.csv", [
        ["Name", "E-Mail", "Street Address 1", "Street Address 2", "Memo", "Notiz"],
        ["Eva Roth", "eva@example.com", "Hauptstr. 1", "2. OG", "zahlt bar", "mag Tee"]])
    summary = _import(sqlite_db, path)
    assert summary.source.unmapped_columns == ()
    draft = _only(sqlite_db, "eva@example.com").draft
    assert draft.street == "Hauptstr. 1, 2. OG"
    assert draft.notes == "zahlt bar\nmag Tee"
