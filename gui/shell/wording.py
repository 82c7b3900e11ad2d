"""Small helpers for user-visible wording that Qt's tr() does not cover without a .qm file."""
from __future__ import annotations

from PySide6.QtCore import QLocale


def counted(n: int, one: str, many: str, locale: QLocale | None = None) -> str:
    """`one` for a single thing, else `many` with %1 replaced by the locale-formatted n.

    Both strings come from tr(), so a translation can change either; this avoids the
    literal "customer(s)" that %n shows when no English translation is installed.
    """
    return one if n == 1 else many.replace("%1", (locale or QLocale()).toString(n))
