"""Derived columns that make search, sorting and duplicate matching fast and accent-blind."""
from __future__ import annotations

from core.text import compact, digits, fold


def name_postcode_key(first: str, last: str, postal_code: str) -> str:
    if not (first or last) or not postal_code:
        return ""
    return f"{fold(first)}|{fold(last)}|{compact(postal_code)}"


def customer_keys(
    *, first_name: str, last_name: str, organisation: str, email: str, phone: str,
    postal_code: str,
) -> dict[str, str]:
    """The folded columns stored beside a customer's own fields."""
    # Only the E.164 digits: core.text.search_tokens drops a typed trunk "0", so the
    # national form people dial at home is a substring of these (re-parsing the number
    # for its national digits cost most of this function's time).
    parts = [
        fold(first_name), fold(last_name), fold(organisation), fold(email),
        fold(postal_code), compact(postal_code), digits(phone),
    ]
    sort_name = f"{fold(last_name)} {fold(first_name)}".strip() or fold(organisation)
    return {
        "search_text": " ".join(p for p in parts if p),
        "sort_name": sort_name,
        "email_key": email.casefold(),
        "name_postcode_key": name_postcode_key(first_name, last_name, postal_code),
    }
