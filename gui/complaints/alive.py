"""Results that arrive for a widget already gone (a record closed while its lists were
being read) are dropped, instead of reaching a deleted Qt object."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject


def while_alive(owner: QObject, show: Callable[[Any], object]) -> Callable[[Any], None]:
    def deliver(result: Any) -> None:
        if shiboken6.isValid(owner):
            show(result)

    return deliver
