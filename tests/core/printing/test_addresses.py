"""Addresses print the way each country writes them, on real labels, envelopes and letters."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from core.printing.addresses import PostalAddress, address_lines, country_code
from core.printing.formats import get_label_sheet, get_page_format
from core.printing.recipients import _SampleCustomer, recipient_from
from core.printing.render import ItemsJob, render_items_bytes, render_labels
from core.printing.types import Recipient
from core.settings.types import BusinessProfileData

from tests.core.printing.helpers import TODAY, page_texts

PORTLAND = BusinessProfileData(
    name="Rose City Cycles", street="1220 SW Morrison St", city="Portland", state="OR",
    postal_code="97205", country="United States", phone="+15035550142",
    email="hello@rosecity.example", signature_name="Dana Park", region="US",
    locale="en_US",
)



def _fields(**fields: str) -> dict[str, str]:
    return fields


# (customer fields, the lines the label must show, in order)
ADDRESSES = {
    "US": (_fields(first_name="Ann", last_name="Lee", street="742 Evergreen Terrace",
                city="Springfield", region="OR", postal_code="97477", country=""),
           ["Ann Lee", "742 Evergreen Terrace", "Springfield, OR 97477"]),
    "GB": (_fields(first_name="Jane", last_name="Smith", street="10 Downing Street",
                city="London", region="", postal_code="sw1a 2aa", country="United Kingdom"),
           ["Jane Smith", "10 Downing Street", "London", "SW1A 2AA", "UNITED KINGDOM"]),
    "DE": (_fields(first_name="Jürgen", last_name="Müller", street="Hauptstraße 5",
                city="Berlin", region="", postal_code="10115", country="Deutschland"),
           ["Jürgen Müller", "Hauptstraße 5", "10115 Berlin", "GERMANY"]),
    "FR": (_fields(first_name="Élodie", last_name="Martin", street="12 rue de Rivoli",
                city="Paris", region="", postal_code="75001", country="FR"),
           ["Élodie Martin", "12 rue de Rivoli", "75001 Paris", "FRANCE"]),
    "JP": (_fields(first_name="太郎", last_name="山田", street="千代田1-1", city="千代田区",
                region="東京都", postal_code="100-0001", country="Japan"),
           ["〒100-0001", "東京都", "千代田区千代田1-1", "JAPAN"]),
    "BR": (_fields(first_name="Ana", last_name="Souza", street="Praça da Sé, 100",
                city="São Paulo", region="SP", postal_code="01001-000", country="Brasil"),
           ["Ana Souza", "Praça da Sé, 100", "São Paulo-SP", "01001-000", "BRAZIL"]),
}


def _recipient(fields: dict[str, str], profile: BusinessProfileData = PORTLAND) -> Recipient:
    customer = dataclasses.replace(_SampleCustomer(), **fields)
    return recipient_from(customer, profile, TODAY)


def _in_order(text: str, lines: list[str]) -> bool:
    """Each line appears in the text, each one after the one before."""
    at = 0
    for line in lines:
        found = text.find(line, at)
        if found < 0:
            return False
        at = found + len(line)
    return True


@pytest.mark.parametrize("country", sorted(ADDRESSES))
def test_a_label_shows_the_address_as_its_country_writes_it(country: str,
                                                            tmp_path: Path) -> None:
    fields, expected = ADDRESSES[country]
    out = tmp_path / "labels.pdf"
    render_labels([_recipient(fields)], out, sheet=get_label_sheet("avery-5160"))
    text = page_texts(out)[0]
    assert _in_order(text, expected), text
    if country == "US":
        assert "97477 Springfield" not in text
        assert "UNITED STATES" not in text  # no country line for the shop's own country


def test_a_japanese_label_ends_with_the_name_as_japan_writes_it(tmp_path: Path) -> None:
    fields, _ = ADDRESSES["JP"]
    lines = _recipient(fields).address
    assert lines[0] == "〒100-0001"
    assert "山田" in lines[-2] and lines[-1] == "JAPAN"


def test_the_letterhead_writes_the_shops_address_and_phone_as_at_home() -> None:
    job = ItemsJob("Thank you", "Dear {first_name},", get_page_format("letter-us"), PORTLAND,
                   (_recipient(ADDRESSES["DE"][0]),))
    text = page_texts(render_items_bytes(job))[0]
    assert "Portland, OR 97205" in text
    assert "97205 Portland" not in text
    assert "(503) 555-0142" in text
    assert "+15035550142" not in text
    assert _in_order(text, ADDRESSES["DE"][1])  # the window shows the German address


def test_an_envelope_puts_the_shops_address_and_the_customers_in_their_formats() -> None:
    job = ItemsJob("", "", get_page_format("envelope-10"), PORTLAND,
                   (_recipient(ADDRESSES["GB"][0]),))
    text = page_texts(render_items_bytes(job))[0]
    assert _in_order(text, ["Rose City Cycles", "1220 SW Morrison St", "Portland, OR 97205"])
    assert _in_order(text, ADDRESSES["GB"][1])


def test_a_phone_abroad_is_written_internationally() -> None:
    berlin = dataclasses.replace(PORTLAND, region="DE", phone="+15035550142", country="",
                                 state="")
    job = ItemsJob("Hi", "Hello", get_page_format("letter-a4"), berlin,
                   (_recipient(ADDRESSES["US"][0], berlin),))
    text = page_texts(render_items_bytes(job))[0]
    assert "+1 503-555-0142" in text


def test_the_business_phone_merge_field_reads_as_dialled_at_home() -> None:
    assert _recipient(ADDRESSES["US"][0]).value_map()["business_phone"] == "(503) 555-0142"


@pytest.mark.parametrize(("typed", "code"), [
    ("de", "DE"), ("DE", "DE"), ("Germany", "DE"), ("Deutschland", "DE"),
    ("Allemagne", "DE"), ("  united   states ", "US"), ("USA", "US"), ("UK", "GB"),
    ("日本", "JP"), ("Atlantis", None), ("", None), ("XX", None),
])
def test_countries_are_recognised_as_people_type_them(typed: str, code: str | None) -> None:
    assert country_code(typed) == code


def test_an_unknown_country_keeps_its_name_on_the_last_line() -> None:
    lines = address_lines(PostalAddress("Ann", street="1 Sea Road", city="Poseidonia",
                                        postal_code="123", country="Atlantis"),
                          home_country="US")
    assert lines == ("Ann", "1 Sea Road", "123 Poseidonia", "ATLANTIS")


def test_the_country_line_is_in_the_shops_language() -> None:
    lines = address_lines(PostalAddress("Ann Lee", street="1 Main St", city="Portland",
                                        region="OR", postal_code="97205", country="US"),
                          home_country="DE", locale="de_DE")
    assert lines == ("Ann Lee", "1 Main St", "Portland, OR 97205", "VEREINIGTE STAATEN")


def test_an_organisation_known_only_by_its_name_prints_once() -> None:
    lines = address_lines(PostalAddress("Acme Ltd", "Acme Ltd", "1 Main St", "Portland",
                                        "OR", "97205"), home_country="US")
    assert lines == ("Acme Ltd", "1 Main St", "Portland, OR 97205")
