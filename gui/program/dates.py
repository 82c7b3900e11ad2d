"""Dates on Today as the shop writes them: "14 Dec" in Britain, "Dec 14" in the US."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QLocale


def short_date_formatter(locale: QLocale) -> Callable[[dt.date], str]:
    """Day and month in the business locale's order (Babel's "MMMd" skeleton), with the
    year only when it is not this year's."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import format_skeleton

    try:
        babel_locale = Locale.parse(locale.name())
    except (ValueError, UnknownLocaleError):
        babel_locale = Locale.parse("en_US")
    this_year = dt.date.today().year

    def short(day: dt.date) -> str:
        skeleton = "MMMd" if day.year == this_year else "yMMMd"
        return str(format_skeleton(skeleton, day, locale=babel_locale))

    return short
