"""The phone shortcut gives exactly what phonenumbers.parse gives, or steps aside."""
from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.phone_parsing import _plain_number
from core.validation import normalize_phone

REGIONS = sorted(phonenumbers.SUPPORTED_REGIONS)
CALLING_CODES = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)


def _full(value: str, region: str) -> tuple[str, object]:
    """What the unshortened path says: the number's core fields, or the kind of error."""
    try:
        number = phonenumbers.parse(value, region or None)
    except phonenumbers.NumberParseException as exc:
        return "error", exc.error_type
    return "number", (number.country_code, number.national_number,
                      bool(number.italian_leading_zero), number.extension)


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
    shortcut = _plain_number(value, region)
    if shortcut is None:
        return
    expected = _full(value, region)
    assert expected == ("number", (shortcut.country_code, shortcut.national_number, False,
                                   None)), (value, region)


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


EXAMPLES = {region: example for region in REGIONS if (
    example := phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE))}


@pytest.mark.parametrize("region", sorted(EXAMPLES))
def test_a_typical_mobile_of_every_region_agrees(region: str) -> None:
    example = EXAMPLES[region]
    for style in (phonenumbers.PhoneNumberFormat.NATIONAL,
                  phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                  phonenumbers.PhoneNumberFormat.E164):
        _agrees(phonenumbers.format_number(example, style), region)


def test_plain_numbers_take_the_shortcut_and_prefixed_ones_do_not() -> None:
    assert _plain_number("(555) 200-0001", "US") is not None
    assert _plain_number("+1 555 200 0001", "GB") is not None
    assert _plain_number("+49 30 1234567", "US") is not None
    # Trunk prefix, international prefix, Italy's kept zero, letters: the full parse.
    for value, region in [("020 7946 0000", "GB"), ("011 44 20 7946 0000", "US"),
                          ("+39 06 1234 5678", "US"), ("1-800-FLOWERS", "US"),
                          ("555 200 0001 ext. 12", "US"), ("15552000001", "US")]:
        assert _plain_number(value, region) is None, value


def test_normalised_results_are_unchanged() -> None:
    cases = {("(555) 200-0001", "US"): "+15552000001",
             ("020 7946 0000", "GB"): "+442079460000",
             ("+39 06 1234 5678", "US"): "+390612345678",
             ("030 1234567", "DE"): "+49301234567",
             ("15552000001", "US"): "+15552000001"}
    for (value, region), e164 in cases.items():
        assert normalize_phone(value, region) == e164
    with pytest.raises(ValueError):
        normalize_phone("555 20", "US")  # too short for the US
