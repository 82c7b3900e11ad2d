"""Derived columns that make search, sorting and duplicate matching fast and accent-blind."""
from __future__ import annotations

from core.text import compact, digits, fold


def national_digits(e164: str) -> str:
    """The digits people dial at home (`07700 900123`), so either form finds the number."""
    if not e164:
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return ""
    return digits(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))


def name_postcode_key(first: str, last: str, postal_code: str) -> str:
    if not (first or last) or not postal_code:
        return ""
    return f"{fold(first)}|{fold(last)}|{compact(postal_code)}"


def customer_keys(
    *, first_name: str, last_name: str, organisation: str, email: str, phone: str,
    postal_code: str,
) -> dict[str, str]:
    """The folded columns stored beside a customer's own fields."""
    phone_digits = digits(phone)
    national = national_digits(phone)
    parts = [
        fold(first_name), fold(last_name), fold(organisation), fold(email),
        fold(postal_code), compact(postal_code), phone_digits,
        national if national != phone_digits else "",
    ]
    sort_name = f"{fold(last_name)} {fold(first_name)}".strip() or fold(organisation)
    return {
        "search_text": " ".join(p for p in parts if p),
        "sort_name": sort_name,
        "email_key": email.casefold(),
        "name_postcode_key": name_postcode_key(first_name, last_name, postal_code),
    }
