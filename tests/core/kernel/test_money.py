"""Money in each currency's own minor units: yen have none, euros two, Kuwaiti dinars three."""
from __future__ import annotations

from decimal import Decimal

import pytest

from core.kernel.money import (
    NOT_A_NUMBER,
    TOO_PRECISE,
    InvalidAmount,
    Money,
    currency_exponent,
    plain_amount,
)


def test_each_currency_knows_its_minor_units() -> None:
    assert (currency_exponent("JPY"), currency_exponent("EUR"), currency_exponent("KWD")) == (0, 2, 3)
    assert currency_exponent("jpy") == 0


@pytest.mark.parametrize(("text", "currency", "minor"), [
    ("1250", "JPY", 1250), ("¥1,250", "JPY", 1250), ("1.250", "JPY", 1250),
    ("1,250.50", "EUR", 125050), ("1.250,50", "EUR", 125050), ("12,5 €", "EUR", 1250),
    ("EUR 1,250", "EUR", 125000), ("-12.50", "EUR", -1250), ("(3.00)", "EUR", -300),
    ("1.250", "KWD", 1250), ("KWD 1,250.500", "KWD", 1250500), ("0.005", "KWD", 5),
])
def test_typed_or_imported_amounts_become_minor_units(text: str, currency: str,
                                                      minor: int) -> None:
    assert Money.parse(text, currency) == Money(minor, currency)


def test_the_locale_settles_an_amount_that_reads_both_ways() -> None:
    assert Money.parse("1,250", "EUR", locale="de_DE").minor == 125
    assert Money.parse("1,250", "EUR", locale="en_US").minor == 125000


@pytest.mark.parametrize(("text", "currency", "reason"), [
    ("1250.5", "JPY", TOO_PRECISE), ("12.345", "EUR", TOO_PRECISE), ("abc", "EUR", NOT_A_NUMBER),
    ("12.5x", "EUR", NOT_A_NUMBER), ("$12", "EUR", NOT_A_NUMBER),
])
def test_amounts_a_currency_cannot_hold_are_refused_with_a_reason(text: str, currency: str,
                                                                  reason: str) -> None:
    with pytest.raises(InvalidAmount) as refused:
        Money.parse(text, currency)
    assert refused.value.reason == reason and refused.value.text == text


def test_minor_units_and_major_units_convert_both_ways() -> None:
    assert Money.of(Decimal(1250), "JPY").minor == 1250
    assert Money.of(Decimal("12.50"), "EUR").minor == 1250
    assert Money.of(Decimal("1.25"), "KWD").minor == 1250
    assert Money(1250, "KWD").to_decimal() == Decimal("1.250")
    assert Money(1250, "EUR").to_decimal() == Decimal("12.50")
    assert [plain_amount(1250, e) for e in (0, 2, 3)] == ["1250", "12.50", "1.250"]
    assert plain_amount(-5, 2) == "-0.05"


def test_amounts_are_written_the_way_the_locale_writes_money() -> None:
    assert Money(1250, "JPY").format("en_US") == "¥1,250"
    assert Money(125050, "EUR").format("de_DE") == "1.250,50\xa0€"
    assert Money(1250, "EUR").format("en_IE") == "€12.50"
    assert Money(1250, "KWD").format("en_US") == "KWD1.250"  # three decimals, CLDR spacing
    assert Money(1250, "JPY").format("not a locale") == "¥1,250"  # the default locale
