"""Dates on Today as the shop writes them: "14 Dec" in Britain, "Dec 14" in the US."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QLocale


def _babel_locale(locale: QLocale) -> Any:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(locale.name())
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en_US")


def day_and_month(locale: QLocale, month: int, day: int) -> str:
    """A day of every year, spelled out in the locale's order: "February 29" in the US,
    "29 February" in Britain (Babel: for the settings dialog, off the start-up path)."""
    from babel.dates import format_skeleton

    # 2000 is a leap year: 29 February exists in it.
    return str(format_skeleton("MMMMd", dt.date(2000, month, day), locale=_babel_locale(locale)))


def short_date_formatter(locale: QLocale) -> Callable[[dt.date], str]:
    """Day and abbreviated month in the order of the business locale's short date format
    (Qt's own data: no Babel on the way to Today's first paint), with the year only when it
    is not this year's."""
    short = locale.dateFormat(QLocale.FormatType.ShortFormat)
    day_first = short.find("d") < short.find("M")
    this_year = dt.date.today().year

    def written(day: dt.date) -> str:
        pattern = "d MMM" if day_first else "MMM d"
        if day.year != this_year:
            pattern += " yyyy" if day_first else ", yyyy"
        return locale.toString(QDate(day.year, day.month, day.day), pattern)

    return written
