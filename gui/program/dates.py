"""Dates on Today as the shop writes them: "14 Dec" in Britain, "Dec 14" in the US."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale


def _babel_locale(locale: QLocale) -> Any:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(locale.name())
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en_US")


def day_and_month(locale: QLocale, month: int, day: int) -> str:
    """A day of every year, spelled out in the locale's order: "February 29" in the US,
    "29 February" in Britain."""
    from babel.dates import format_skeleton

    # 2000 is a leap year: 29 February exists in it.
    return str(format_skeleton("MMMMd", dt.date(2000, month, day), locale=_babel_locale(locale)))


def short_date_formatter(locale: QLocale) -> Callable[[dt.date], str]:
    """Day and month in the business locale's order (Babel's "MMMd" skeleton), with the
    year only when it is not this year's."""
    from babel.dates import format_skeleton

    babel_locale = _babel_locale(locale)
    this_year = dt.date.today().year

    def short(day: dt.date) -> str:
        skeleton = "MMMd" if day.year == this_year else "yMMMd"
        return str(format_skeleton(skeleton, day, locale=babel_locale))

    return short
