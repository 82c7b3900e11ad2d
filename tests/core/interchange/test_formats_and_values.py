"""Recognising exporters from their headers and understanding the values they write."""
from __future__ import annotations

import csv

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.customers.validation import PartialDate, normalize_email
from core.interchange.formats import detect_format
from core.interchange.records import RecordCleaner, raw_from_row, raw_row_builder
from core.interchange.sniffing import detect_delimiter, detect_encoding
from core.interchange.values import (
    labels_to_tags,
    parse_birthday,
    parse_consent,
    parse_money,
    split_multi,
    strip_text_marker,
)

from tests.core.interchange import samples


def _header(line: str) -> list[str]:
    return next(csv.reader([line]))


@pytest.mark.parametrize(("header", "label"), [
    (samples.GOOGLE_HEADER, "google-current"),
    (samples.GOOGLE_LEGACY_HEADER, "google-legacy"),
    (samples.OUTLOOK_HEADER, "outlook"),
    (samples.SHOPIFY_HEADER, "shopify-current"),
    (samples.SHOPIFY_LEGACY_HEADER, "shopify-legacy"),
    (samples.SQUARE_HEADER, "square"),
    (samples.MAILCHIMP_HEADER, "mailchimp"),
    (samples.HUBSPOT_HEADER, "hubspot"),
])
def test_each_exporter_is_recognised_from_its_documented_header(header: str, label: str) -> None:
    detected = detect_format(_header(header))
    assert detected.label == label
    assert "email" in detected.mapping
    assert {"first_name", "last_name"} <= set(detected.mapping) or "full_name" in detected.mapping


@pytest.mark.parametrize(("header", "expected"), [
    ("Vorname;Nachname;E-Mail;Telefon;Straße;PLZ;Ort;Geburtstag",
     ["first_name", "last_name", "email", "phone", "street", "postal_code", "city",
      "birthday"]),
    ("Prénom,Nom,Courriel,Téléphone,Code postal,Ville",
     ["first_name", "last_name", "email", "phone", "postal_code", "city"]),
    ("Nombre,Apellidos,Correo electrónico,Teléfono,Código postal,Ciudad",
     ["first_name", "last_name", "email", "phone", "postal_code", "city"]),
    ("Nome,Cognome,Email,Telefono,CAP,Città",
     ["first_name", "last_name", "email", "phone", "postal_code", "city"]),
    ("Voornaam,Achternaam,E-mailadres,Telefoonnummer,Postcode,Woonplaats",
     ["first_name", "last_name", "email", "phone", "postal_code", "city"]),
])
def test_spreadsheet_headers_in_six_languages_are_mapped(header: str, expected: list[str]
                                                         ) -> None:
    delimiter = detect_delimiter(header + "\n")
    detected = detect_format(header.split(delimiter))
    assert detected.name == "generic"
    assert list(detected.mapping) == expected


def test_a_format_can_be_forced_when_the_header_is_partial() -> None:
    detected = detect_format(["First Name", "Last Name", "Email", "Total Spent"], "shopify")
    assert detected.name == "shopify"
    assert detected.mapping[3] == "total_spent"


@pytest.mark.parametrize(("text", "day_first", "expected"), [
    ("1990-05-12", False, PartialDate(5, 12, 1990)),
    ("5/12/1990", False, PartialDate(5, 12, 1990)),
    ("5/12/1990", True, PartialDate(12, 5, 1990)),
    ("25/12/1990", False, PartialDate(12, 25, 1990)),
    ("12.05.1990", False, PartialDate(5, 12, 1990)),
    ("--05-12", False, PartialDate(5, 12)),
    ("--0512", False, PartialDate(5, 12)),
    ("05-12", False, PartialDate(5, 12)),
    ("05/12", False, PartialDate(5, 12)),
    ("29.02.", False, PartialDate(2, 29)),
    ("1604-02-29", False, PartialDate(2, 29)),
])
def test_birthdays_are_read_with_and_without_year(text: str, day_first: bool,
                                                   expected: PartialDate) -> None:
    assert parse_birthday(text, day_first=day_first) == expected


@pytest.mark.parametrize("text", ["1990-02-30", "13/13/1990", "yesterday", "29.02.2023", ""])
def test_impossible_birthdays_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_birthday(text)


@pytest.mark.parametrize(("text", "cents"), [
    ("123.45", 12345), ("$1,234.50", 123450), ("1.234,50 €", 123450), ("12", 1200),
    ("0.10", 10), ("1,5", 150),
])
def test_money_becomes_integer_cents(text: str, cents: int) -> None:
    assert parse_money(text) == cents


def test_shopify_apostrophes_google_multi_values_and_labels() -> None:
    assert strip_text_marker("'02134") == "02134"
    assert strip_text_marker('="+4930123456"') == "+4930123456"
    assert split_multi("a@x.com ::: b@y.com") == ["a@x.com", "b@y.com"]
    assert labels_to_tags("* myContacts ::: Stammkunden ::: * starred") == ["Stammkunden"]
    assert parse_consent("SUBSCRIBED") is True and parse_consent("no") is False
    assert parse_consent("maybe") is None


def test_encoding_detection_tells_utf8_utf16_and_cp1252_apart() -> None:
    text = "Vorname;Nachname\nJürgen;Strauß\n"
    assert detect_encoding(text.encode("utf-8"), complete=True) == ("utf-8", False)
    assert detect_encoding(text.encode("utf-8-sig"), complete=True) == ("utf-8-sig", True)
    assert detect_encoding(text.encode("utf-16"), complete=True) == ("utf-16", True)
    assert detect_encoding(text.encode("cp1252"), complete=True)[0] == "cp1252"


_LOCAL = st.text(alphabet="abcXYZ019._+-'!é", min_size=1, max_size=70)
_DOMAIN = st.sampled_from(["example.com", "Example.ORG", "müller.de", "x.test", "a..b.com",
                           "localhost", "xn--mller-kva.de", "mail.co.uk"])


@settings(max_examples=200, deadline=None)
@given(local=_LOCAL, domain=_DOMAIN)
def test_fast_email_check_agrees_with_core_validation(local: str, domain: str) -> None:
    address = f"{local}@{domain}"
    try:
        expected: str | None = normalize_email(address)
    except ValueError:
        expected = None
    try:
        got: str | None = RecordCleaner(region="US", day_first=False).email(address)
    except ValueError:
        got = None
    assert got == expected


@given(st.lists(st.sampled_from(["", " ", "a", " b ", "é\n", "x,y"]), min_size=4, max_size=4),
       st.sampled_from([("first_name", "email", "", "phone"), ("phone", "", "phone", "notes"),
                        ("", "", "", "city"), ("notes", "notes", "notes", "notes")]))
def test_the_fast_raw_row_agrees_with_the_general_one(values: list[str],
                                                      mapping: tuple[str, ...]) -> None:
    mapped = [(column, name) for column, name in enumerate(mapping) if name]
    assert raw_row_builder(mapped)(values) == raw_from_row(values, mapped)
