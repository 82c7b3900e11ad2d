"""Results that arrive for a widget already gone (a record closed while its lists were
being read) are dropped, instead of reaching a deleted Qt object."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject

from core.kernel.changes import Changes


def listening_changed_for(changes: Changes, customer_id: int) -> bool:
    """Whether `changes` touched this customer's complaints, promises or meetings (or,
    without customer ids, anyone's)."""
    return changes.listening and (not changes.customer_ids
                                  or customer_id in changes.customer_ids)


def while_alive(owner: QObject, show: Callable[[Any], object]) -> Callable[[Any], None]:
    def deliver(result: Any) -> None:
        if shiboken6.isValid(owner):
            show(result)

    return deliver
