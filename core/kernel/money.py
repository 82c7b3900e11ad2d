"""Money: a whole number of the currency's minor units, with its ISO 4217 code.

Every amount is stored as integer minor units of the business currency, and each currency
has its own number of them: a yen has none (1250 yen is 1250), a euro two (12.50 EUR is
1250), a Kuwaiti dinar three (1.250 KWD is 1250). Babel knows each currency's exponent and
how a locale writes money; it is imported on first use, so importing this module costs
nothing at start.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from core.kernel.errors import RegularsError

DEFAULT_CURRENCY = "USD"
DEFAULT_LOCALE = "en_US"
MAX_AMOUNT = Decimal(10) ** 12  # in major units: more is a column mix-up, not money

# Reasons an amount is refused (InvalidAmount.reason).
EMPTY = "empty"
NOT_A_NUMBER = "not_a_number"
OUT_OF_RANGE = "out_of_range"
TOO_PRECISE = "too_precise"  # finer than the currency's minor unit (1.5 yen)

_NOT_NUMBER_PART = re.compile(r"[^\d,.]")
_NUMBER_PARTS = re.compile(r"[\d,.()\s\-\u2212]")


class InvalidAmount(RegularsError, ValueError):
    """`text` is not an amount of money, for `reason` (EMPTY, NOT_A_NUMBER, ...).

    Also a ValueError, so value parsers that report any ValueError keep working."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"{reason}: {text!r}")
        self.text = text
        self.reason = reason

    def __reduce__(self) -> tuple[object, ...]:
        return InvalidAmount, (self.text, self.reason)


@functools.lru_cache(maxsize=64)
def currency_exponent(currency: str) -> int:
    """How many decimals the currency's minor unit has (JPY 0, EUR 2, KWD 3); 2 when
    Babel does not know the code."""
    from babel.numbers import get_currency_precision

    return int(get_currency_precision(currency.upper()))


def read_amount(text: str, *, exponent: int = 2, decimal_mark: str | None = None) -> Decimal:
    """The amount in `1,250.50`, `1.250,50`, `$12`, `12.5 EUR`, `-3`, `(3.00)`, exactly.

    Both separators present: the later one is the decimal mark. A lone separator followed
    by three digits (`1,250`, `1.250`) is ambiguous: it groups thousands for a currency
    without decimals, and otherwise follows `decimal_mark` (a locale's) when given, else
    the common exporters' habit (a comma groups, a dot is decimal). Raises InvalidAmount.
    """
    stripped = text.strip()
    negative = stripped[:1] in ("-", "\u2212", "(") or stripped[-1:] == "-"
    digits = _NOT_NUMBER_PART.sub("", stripped)
    if not digits or digits.strip(",.") == "":
        raise InvalidAmount(text, EMPTY if not stripped else NOT_A_NUMBER)
    last_comma, last_dot = digits.rfind(","), digits.rfind(".")
    if last_comma >= 0 and last_dot >= 0:
        mark = "," if last_comma > last_dot else "."
    else:
        mark = "," if last_comma >= 0 else "."
        if digits.count(mark) > 1:
            mark = ""  # 1,250,000 or 1.250.000: only grouping
        elif mark in digits and len(digits) - digits.rfind(mark) - 1 == 3:
            if exponent == 0:
                mark = ""
            elif decimal_mark is not None:
                mark = mark if mark == decimal_mark else ""
            elif mark == ",":
                mark = ""
    group = "." if mark == "," else ","
    number = digits.replace(group, "")
    if mark == ",":
        number = number.replace(",", ".")
    elif not mark:
        number = number.replace(".", "")
    try:
        amount = Decimal(number)
    except InvalidOperation as exc:
        raise InvalidAmount(text, NOT_A_NUMBER) from exc
    if amount > MAX_AMOUNT:
        raise InvalidAmount(text, OUT_OF_RANGE)
    return -amount if negative else amount


def to_minor(amount: Decimal, exponent: int, *, exact: bool = True) -> int:
    """Minor units of `amount`; when not `exact`, rounded half-even to the minor unit
    (an imported 12.345 USD), else InvalidAmount(TOO_PRECISE)."""
    minor = amount.scaleb(exponent)
    whole = minor.to_integral_value()
    if exact and whole != minor:
        raise InvalidAmount(str(amount), TOO_PRECISE)
    return int(whole)


def plain_amount(minor: int, exponent: int) -> str:
    """`minor` units as a plain number in major units, as files carry it: 1250 yen is
    `1250`, 1250 cents `12.50`, 1250 fils `1.250`. No Babel: exports call it per row."""
    if exponent == 0:
        return str(minor)
    whole, part = divmod(abs(minor), 10 ** exponent)
    return f"{'-' if minor < 0 else ''}{whole}.{part:0{exponent}d}"


@functools.lru_cache(maxsize=16)
def _babel_locale(locale: str) -> Any:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse(DEFAULT_LOCALE)


@functools.lru_cache(maxsize=16)
def _currency_marks(currency: str, locale: str) -> frozenset[str]:
    """How a currency may be written beside an amount: its code and its signs."""
    from babel.numbers import get_currency_symbol

    return frozenset({currency, currency.lower(),
                      *(str(get_currency_symbol(currency, _babel_locale(name)))
                        for name in (locale, DEFAULT_LOCALE, "en_GB", "ja_JP", "zh_CN"))})


def locale_name(locale: str) -> str:
    """The Babel name of `locale` (`ja_JP`), or the default for one Babel does not know."""
    return str(_babel_locale(locale))


def format_minor(minor: int, currency: str, locale: str) -> str:
    """`minor` units of `currency` as `locale` writes money: ¥1,250, 12,50 €, KWD 1.250."""
    from babel.numbers import format_currency

    amount = Decimal(minor).scaleb(-currency_exponent(currency))
    text = str(format_currency(amount, currency.upper(), locale=_babel_locale(locale)))
    _FORMATTED.add((currency, locale))
    return text


# (currency, locale) pairs whose Babel data is loaded: formatting them again is cheap.
_FORMATTED: set[tuple[str, str]] = set()


def formats_ready(currency: str, locale: str) -> bool:
    """Whether `format_minor` for this pair is cheap now (its Babel data is loaded)."""
    return (currency, locale) in _FORMATTED


@dataclass(frozen=True, slots=True)
class Money:
    """An amount: integer `minor` units of the ISO 4217 `currency`."""

    minor: int
    currency: str = DEFAULT_CURRENCY

    @property
    def exponent(self) -> int:
        return currency_exponent(self.currency)

    @classmethod
    def of(cls, amount: Decimal, currency: str, *, exact: bool = True) -> Money:
        """`amount` in major units (1250 yen, 12.50 euros). Raises InvalidAmount."""
        return cls(to_minor(amount, currency_exponent(currency), exact=exact), currency)

    @classmethod
    def parse(cls, text: str, currency: str, *, locale: str | None = None) -> Money:
        """What a person typed or a file held, in `currency`: `¥1,250`, `1.250,50 €`,
        `-12.50`. The locale settles `1,250`-like text. Raises InvalidAmount."""
        mark = None
        if locale is not None:
            from babel.numbers import get_decimal_symbol

            mark = str(get_decimal_symbol(_babel_locale(locale)))
        # A person's typo (12.5x) is refused; only the currency's own code or sign may stand
        # beside the number.
        rest = _NUMBER_PARTS.sub("", text)
        if rest and rest not in _currency_marks(currency.upper(), locale or DEFAULT_LOCALE):
            raise InvalidAmount(text, NOT_A_NUMBER)
        exponent = currency_exponent(currency)
        return cls(to_minor(read_amount(text, exponent=exponent, decimal_mark=mark), exponent),
                   currency)

    def to_decimal(self) -> Decimal:
        """The amount in major units: Money(1250, "EUR") is Decimal("12.50")."""
        return Decimal(self.minor).scaleb(-self.exponent)

    def format(self, locale: str = DEFAULT_LOCALE) -> str:
        return format_minor(self.minor, self.currency, locale)
