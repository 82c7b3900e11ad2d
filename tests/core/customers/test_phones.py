"""The phone shortcut gives exactly what phonenumbers gives, or steps aside."""
from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.customers.phones import _plain_number, e164

REGIONS = sorted(phonenumbers.SUPPORTED_REGIONS)
CALLING_CODES = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
EXAMPLES = {region: example for region in REGIONS if (
    example := phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE))}


def _by_phonenumbers(value: str, region: str) -> str | None:
    """The E.164 form by phonenumbers alone, or None where it refuses the number."""
    try:
        number = phonenumbers.parse(value, region or None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def _by_shortcut(value: str, region: str) -> str | None:
    try:
        return e164(value, region)
    except ValueError:
        return None


def _formatted(digits: str, style: int) -> str:
    """The same digits the way people write them: grouped, dashed, dotted, bracketed."""
    if style == 0 or len(digits) < 6:
        return digits
    if style == 1:
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    if style == 2:
        return ".".join(digits[i : i + 3] for i in range(0, len(digits), 3))
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def _agrees(value: str, region: str) -> None:
    assert _by_shortcut(value, region) == _by_phonenumbers(value, region), (value, region)


@settings(max_examples=3000, deadline=None)
@given(region=st.sampled_from(REGIONS), digits=st.text("0123456789", min_size=0, max_size=19),
       style=st.integers(0, 3))
def test_national_numbers_agree_with_phonenumbers(region: str, digits: str, style: int) -> None:
    _agrees(_formatted(digits, style), region)


@settings(max_examples=3000, deadline=None)
@given(code=st.sampled_from(CALLING_CODES), digits=st.text("0123456789", max_size=17),
       style=st.integers(0, 3), region=st.sampled_from(["US", "GB", "DE", ""]))
def test_international_numbers_agree_with_phonenumbers(code: int, digits: str, style: int,
                                                       region: str) -> None:
    _agrees(f"+{code} {_formatted(digits, style)}", region)


@pytest.mark.parametrize("region", sorted(EXAMPLES))
def test_a_typical_mobile_of_every_region_agrees(region: str) -> None:
    example = EXAMPLES[region]
    for style in (phonenumbers.PhoneNumberFormat.NATIONAL,
                  phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                  phonenumbers.PhoneNumberFormat.E164):
        written = phonenumbers.format_number(example, style)
        _agrees(written, region)
        _agrees(written[:-1], region)  # one digit short
        _agrees(written + "7", region)  # one digit long


def test_plain_numbers_take_the_shortcut_and_prefixed_ones_do_not() -> None:
    assert _plain_number("(555) 200-0001", "US") is not None
    assert _plain_number("+1 555 200 0001", "GB") is not None
    assert _plain_number("+49 30 1234567", "US") is not None
    # Trunk prefix, international prefix, Italy's kept zero, letters: the full parse.
    for value, region in [("020 7946 0000", "GB"), ("011 44 20 7946 0000", "US"),
                          ("+39 06 1234 5678", "US"), ("1-800-FLOWERS", "US"),
                          ("555 200 0001 ext. 12", "US"), ("15552000001", "US")]:
        assert _plain_number(value, region) is None, value


def test_results_by_either_path() -> None:
    cases = {("(555) 200-0001", "US"): "+15552000001",
             ("020 7946 0000", "GB"): "+442079460000",
             ("+39 06 1234 5678", "US"): "+390612345678",
             ("030 1234567", "DE"): "+49301234567",
             ("15552000001", "US"): "+15552000001"}
    for (value, region), expected in cases.items():
        assert e164(value, region) == expected
    for value in ("555 20", "+1 555 200 00011", "call me"):
        with pytest.raises(ValueError):
            e164(value, "US")
