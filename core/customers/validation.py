"""Field validation: emails (email-validator), phones (phonenumbers), dates that exist."""
from __future__ import annotations

import calendar
import json
from collections.abc import Iterable
from dataclasses import dataclass

from core.kernel.errors import Problem

# Problem codes; the GUI turns them into sentences.
INVALID_EMAIL = "invalid_email"
INVALID_PHONE = "invalid_phone"
INVALID_DATE = "invalid_date"
NAME_REQUIRED = "name_required"
TOO_LONG = "too_long"
UNKNOWN_CUSTOMER = "unknown_customer"
INVALID_AMOUNT = "invalid_amount"
INVALID_CHOICE = "invalid_choice"

# The longest text each customer field takes (the columns' sizes).
MAX_LENGTHS = {
    "first_name": 200, "last_name": 200, "organisation": 200, "email": 320, "phone": 40,
    "street": 300, "city": 200, "region": 200, "postal_code": 40, "country": 100,
    "notes": 100_000, "source": 100,
}


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date whose year may be unknown (birthdays often come without one)."""

    month: int
    day: int
    year: int | None = None

    def iso(self) -> str:
        """`YYYY-MM-DD`, or `--MM-DD` when the year is unknown (vCard/ISO 8601 style)."""
        return partial_date_iso(self.month, self.day, self.year)


def partial_date_iso(month: int, day: int, year: int | None) -> str:
    """PartialDate(month, day, year).iso() without building one (exports call it per row)."""
    if year is None:
        return f"--{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def date_exists(month: int, day: int, year: int | None) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    if year is None:
        # Without a year, 29 February is a real birthday.
        return day <= (29 if month == 2 else calendar.monthrange(2001, month)[1])
    if not 1 <= year <= 9999:
        return False
    return day <= calendar.monthrange(year, month)[1]


def check_partial_date(field: str, value: PartialDate | None, problems: list[Problem]) -> None:
    if value is not None and not date_exists(value.month, value.day, value.year):
        problems.append(Problem(field, INVALID_DATE, value.iso()))


def needs_checking_text(notes: Iterable[Problem]) -> str:
    """Values a customer was stored without (an import's bad phone, email or birthday),
    as the text of the customer's `needs_checking` column: "" when there are none."""
    found = [[note.field, note.code, note.detail] for note in notes]
    return json.dumps(found, ensure_ascii=False) if found else ""


def needs_checking_of(text: str) -> tuple[Problem, ...]:
    """The notes of a `needs_checking` column: (field, code, the value as it was given)."""
    if not text:
        return ()
    try:
        found = json.loads(text)
        return tuple(Problem(str(field), str(code), str(value)) for field, code, value in found)
    except (ValueError, TypeError):  # not ours: show it whole rather than lose it
        return (Problem("", "", text),)


def normalize_email(value: str) -> str:
    """The normalised address; raises ValueError with email-validator's reason."""
    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValueError(str(exc)) from exc
    return str(result.normalized)


def normalize_phone(value: str, region: str) -> str:
    """E.164 form (`+15551234567`); raises ValueError when it cannot be a phone number."""
    from core.customers.phones import e164  # phonenumbers loads on first use

    return e164(value, region)


def format_phone(e164: str, region: str) -> str:
    """How a stored number reads to people in the business's own country."""
    if not e164:
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    # Compare calling codes, not regions: numbers outside the allocation tables have no region.
    same_region = number.country_code == phonenumbers.country_code_for_region((region or "").upper())
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if same_region
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return str(phonenumbers.format_number(number, style))
