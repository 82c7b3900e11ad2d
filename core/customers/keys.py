"""Derived columns that make search, sorting and duplicate matching fast and accent-blind."""
from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from core.kernel.text import digits, fold, umlauts_spelled_out

# Names, organisations and postcodes repeat across customers (imports and the demo fold
# hundreds of thousands of them); emails and phones rarely do, so they are not cached.
_fold_repeating = lru_cache(maxsize=20_000)(fold)
KEY_COLUMNS = ("search_text", "sort_name", "email_key", "name_postcode_key")  # in this order


def name_postcode_key(first: str, last: str, postal_code: str) -> str:
    if not (first or last) or not postal_code:
        return ""
    postal = _fold_repeating(postal_code).replace(" ", "")
    return f"{_fold_repeating(first)}|{_fold_repeating(last)}|{postal}"


def customer_keys(
    *, first_name: str, last_name: str, organisation: str, email: str, phone: str,
    postal_code: str,
) -> dict[str, str]:
    """The folded columns stored beside a customer's own fields."""
    return customer_keys_of({"first_name": first_name, "last_name": last_name,
                             "organisation": organisation, "email": email, "phone": phone,
                             "postal_code": postal_code})


def customer_keys_of(values: Mapping[str, Any]) -> dict[str, str]:
    """`customer_keys` of a row that holds (at least) those six fields."""
    first_name, last_name = values["first_name"], values["last_name"]
    postal_code, phone = values["postal_code"], values["phone"]
    first, last = _fold_repeating(first_name), _fold_repeating(last_name)
    organisation = _fold_repeating(values["organisation"])
    postal = _fold_repeating(postal_code)
    postal_compact = postal.replace(" ", "")
    # Only the E.164 digits: core.kernel.text.search_tokens drops a typed trunk "0", so the
    # national form people dial at home is a substring of these (re-parsing the number
    # for its national digits cost most of this function's time). Stored numbers are
    # E.164: "+" and digits.
    phone_digits = phone[1:] if phone[:1] == "+" and phone[1:].isdigit() else digits(phone)
    email = values["email"]
    email_key = email.casefold()
    # A plain ASCII address (the usual one: printable, no spaces) folds to its key.
    plain = email.isascii() and email.isprintable() and " " not in email
    folded_email = email_key if plain else fold(email)
    parts: tuple[str, ...] = (first, last, organisation, folded_email, postal,
                              postal_compact if postal_compact != postal else "", phone_digits)
    organisation_name = values["organisation"]
    if not (first_name.isascii() and last_name.isascii() and organisation_name.isascii()):
        parts += tuple(umlauts_spelled_out(name)
                       for name in (first_name, last_name, organisation_name))
    return {
        "search_text": " ".join([p for p in parts if p]),
        # Someone known only by email sorts among the names by it, as the list shows them.
        "sort_name": f"{last} {first}".strip() or organisation or folded_email,
        "email_key": email_key,
        "name_postcode_key": f"{first}|{last}|{postal_compact}"
        if (first_name or last_name) and postal_code else "",
    }
