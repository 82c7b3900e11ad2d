"""Understanding the values exporters write: dates, money, consent, multi-values, apostrophes."""
from __future__ import annotations

import functools
import re

from core.customers.types import PartialDate, date_exists
from core.kernel.money import OUT_OF_RANGE, InvalidAmount, read_amount, to_minor

GOOGLE_SEPARATOR = " ::: "
# Google's system groups, compared folded and without spaces (`* myContacts`,
# `* My Contacts`, `*myContacts`).
_SYSTEM_LABELS = frozenset({"*mycontacts", "mycontacts", "*starred", "*othercontacts"})
_TAG_SPLIT = re.compile(r"\s*[,;]\s*")

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$")
_YEARLESS_ISO = re.compile(r"^--(\d{1,2})-?(\d{2})$")
_MONTH_DAY = re.compile(r"^(\d{1,2})[-/](\d{1,2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2,4})?$")
_SLASHED = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{2,4})(?: .*)?$")
_TRUE = frozenset({"yes", "y", "true", "1", "subscribed", "opted_in", "opted in", "ja", "oui",
                   "sí", "si", "x", "marketing contact", "confirmed"})
# What exporters write for "nothing here" (compared folded): such a value is left empty.
EMPTY_MARKS = frozenset({"null", "n/a", "-", "none"})
EMPTY_MARK_MAX = max(map(len, EMPTY_MARKS))
# Countries as people and exporters write them, besides ISO codes and the names below.
_COUNTRY_ALIASES = {"uk": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
                    "great britain": "GB", "usa": "US", "u.s.a.": "US", "u.s.": "US",
                    "united states of america": "US", "america": "US", "deutschland": "DE",
                    "holland": "NL", "the netherlands": "NL", "österreich": "AT",
                    "schweiz": "CH", "suisse": "CH", "españa": "ES", "italia": "IT"}
_COUNTRY_NAME_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt")
_FALSE = frozenset({"no", "n", "false", "0", "unsubscribed", "opted_out", "opted out",
                    "nein", "non", "cleaned", "non-marketing contact", "not_subscribed",
                    "never_subscribed"})


def is_empty_mark(value: str) -> bool:
    """Whether a stripped, non-empty value only says "nothing here": null, N/A, -, none."""
    return len(value) <= EMPTY_MARK_MAX and value.lower() in EMPTY_MARKS


@functools.lru_cache(maxsize=512)
def country_region(country: str) -> str:
    """The two-letter region a country is written as ("GB", "gb", "UK", "United Kingdom",
    "Deutschland"), for reading its phone numbers; "" when it names no country we know."""
    import phonenumbers

    text = country.strip()
    if len(text) == 2 and text.isalpha():
        region = text.upper()
        if region == "UK":
            return "GB"
        return region if region in phonenumbers.SUPPORTED_REGIONS else ""
    key = text.casefold()
    return _COUNTRY_ALIASES.get(key) or _country_names().get(key, "")


@functools.cache
def _country_names() -> dict[str, str]:
    """Folded country names in a few languages -> region (Babel's names; loaded once)."""
    import phonenumbers
    from babel import Locale

    names: dict[str, str] = {}
    for language in _COUNTRY_NAME_LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if code in phonenumbers.SUPPORTED_REGIONS:
                names.setdefault(name.casefold(), code)
    return names


def strip_text_marker(value: str) -> str:
    """Undo the tricks spreadsheets need to keep a value as text: `'0123` and `="0123"`."""
    marker = value[:1]
    if marker != "'" and marker != "=":  # the usual case, tested first
        return value
    if marker == "'":
        return value[1:]
    if value.startswith('="') and value.endswith('"') and len(value) >= 3:
        return value[2:-1]
    return value


def split_multi(value: str) -> list[str]:
    """Google's ` ::: ` multi-values, as separate values."""
    if ":::" not in value:  # GOOGLE_SEPARATOR, however it is spaced
        return [value] if value else []
    return [v.strip() for v in value.split(":::") if v.strip()]


def split_tags(value: str) -> list[str]:
    return [t for t in _TAG_SPLIT.split(value.strip()) if t]


def labels_to_tags(value: str) -> list[str]:
    """Google's `* myContacts ::: Friends` labels, without the system groups."""
    tags = []
    for label in split_multi(value):
        if "".join(label.casefold().split()) in _SYSTEM_LABELS:
            continue
        tags.append(label.lstrip("* ").strip())
    return [t for t in tags if t]


def _two_digit_year(year: int) -> int:
    return year + (1900 if year >= 30 else 2000) if year < 100 else year


def _partial(month: int, day: int, year: int | None) -> PartialDate:
    if not date_exists(month, day, year):
        raise ValueError("no such date")
    return PartialDate(month, day, year)


def parse_birthday(value: str, *, day_first: bool = False) -> PartialDate:
    """A birthday in any common form, with or without year. Raises ValueError.

    `day_first` settles `03/04/1990` (and year-less `03/04`); unambiguous dates such as
    `25/12/1990` are read the only way they can be.
    """
    text = value.strip()
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
        # Google writes an unknown year as 0000 or 1604 (an Apple convention).
        return _partial(month, day, None if year in (0, 1604) else year)
    if match := _YEARLESS_ISO.match(text):
        return _partial(int(match[1]), int(match[2]), None)
    if match := _DOTTED.match(text):
        dotted_year = _two_digit_year(int(match[3])) if match[3] else None
        return _partial(int(match[2]), int(match[1]), dotted_year)
    for pattern, has_year in ((_SLASHED, True), (_MONTH_DAY, False)):
        if match := pattern.match(text):
            first, second = int(match[1]), int(match[2])
            slashed_year = _two_digit_year(int(match[3])) if has_year else None
            month, day = (second, first) if day_first else (first, second)
            if month > 12 >= day:
                month, day = day, month
            return _partial(month, day, slashed_year)
    raise ValueError("unrecognised date")


def parse_money(value: str, exponent: int = 2) -> int:
    """Minor units of `1,234.56`, `1.234,50`, `$12`, `12.5 EUR` in a currency with `exponent`
    decimals (0 for yen: `1250` is 1250, not 125000), rounded to the minor unit. The import
    resolves the exponent once (core.kernel.money.currency_exponent), never per row.
    Raises ValueError (an InvalidAmount) for text that is no amount or a negative one."""
    amount = read_amount(value, exponent=exponent)
    if amount < 0:
        raise InvalidAmount(value, OUT_OF_RANGE)
    return to_minor(amount, exponent, exact=False)


# What an amount may say about its currency besides its digits: a code ("12.50 USD") or a
# sign; a sign several currencies use names all of them ("$" any dollar).
_CURRENCY_CODE = re.compile(r"(?<![A-Za-z])([A-Za-z]{3})(?![A-Za-z])")
_CURRENCY_SIGNS = {
    "€": frozenset({"EUR"}), "£": frozenset({"GBP", "GIP", "FKP", "SHP"}),
    "¥": frozenset({"JPY", "CNY"}), "₹": frozenset({"INR"}), "₩": frozenset({"KRW"}),
    "₽": frozenset({"RUB"}), "₺": frozenset({"TRY"}), "₪": frozenset({"ILS"}),
    "zł": frozenset({"PLN"}), "kr": frozenset({"SEK", "NOK", "DKK", "ISK"}),
    "R$": frozenset({"BRL"}), "Fr.": frozenset({"CHF"}),
    "$": frozenset({"USD", "CAD", "AUD", "NZD", "MXN", "SGD", "HKD", "ARS", "CLP", "COP",
                    "TWD", "BRL", "UYU"}),
}
_PLAIN_AMOUNT = re.compile(r"^[\d\s.,'()+-]*$")


def other_currency(value: str, currency: str) -> str | None:
    """The currency an amount names ("12.50 USD", "€12") when it cannot be `currency` (the
    business's), or None: amounts are never converted, and one in another currency is not
    the business's money."""
    if _PLAIN_AMOUNT.match(value) or not currency:
        return None
    wanted = currency.upper()
    if found := _CURRENCY_CODE.search(value):
        code = found[1].upper()
        return None if code == wanted else code
    for sign, currencies in _CURRENCY_SIGNS.items():
        if sign in value:
            return None if wanted in currencies else sign
    return None


def parse_count(value: str) -> int:
    text = value.strip().replace(",", "")
    if not text.isdigit():
        raise ValueError("not a whole number")
    return int(text)


def parse_consent(value: str) -> bool | None:
    """True, False, or None when the value says nothing we understand."""
    text = value.strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def split_full_name(value: str) -> tuple[str, str]:
    parts = value.strip().rsplit(" ", 1)
    return (parts[0], parts[1]) if len(parts) == 2 else ("", parts[0])
