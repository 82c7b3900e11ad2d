"""How long a complaint took, from its status history: pure functions, no database.

- Time to first response: from opening to the first move out of "open" (to in progress,
  waiting on the customer, resolved or closed).
- Time to resolve: from opening to resolution, less every stretch spent "waiting on the
  customer" (a helpdesk that counts the customer's silence as its own slowness measures
  the wrong thing).
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from core.complaints.types import OPEN, RESOLVED, WAITING, Spread, StatusChange

ZERO = dt.timedelta(0)


def first_response(opened_at: dt.datetime,
                   history: Sequence[StatusChange]) -> dt.timedelta | None:
    """Time to the first move out of "open"; None while it has not moved."""
    for change in sorted(history, key=lambda c: c.changed_at):
        if change.status != OPEN:
            return max(ZERO, change.changed_at - opened_at)
    return None


def waiting_time(history: Sequence[StatusChange], until: dt.datetime) -> dt.timedelta:
    """Time spent "waiting on the customer", up to `until`."""
    total = ZERO
    waiting_since: dt.datetime | None = None
    for change in sorted(history, key=lambda c: c.changed_at):
        at = min(change.changed_at, until)
        if waiting_since is not None:
            total += max(ZERO, at - waiting_since)
            waiting_since = None
        if change.status == WAITING:
            waiting_since = at
    if waiting_since is not None:
        total += max(ZERO, until - waiting_since)
    return total


def time_to_resolve(opened_at: dt.datetime,
                    history: Sequence[StatusChange]) -> dt.timedelta | None:
    """From opening to resolution less the time waiting on the customer; None unless it
    was resolved (a complaint closed without resolution has no time to resolve)."""
    resolved = [c.changed_at for c in history if c.status == RESOLVED]
    if not resolved:
        return None
    end = max(resolved)
    return max(ZERO, end - opened_at - waiting_time(history, end))


def spread(values: Sequence[dt.timedelta]) -> Spread:
    """The median (the middle value, or the mean of the two middle ones) and the 90th
    percentile (nearest rank: the value that 90% of them are at or below)."""
    if not values:
        return Spread(0, None, None)
    ordered = sorted(values)
    p90 = ordered[math.ceil(0.9 * len(ordered)) - 1]
    middle = len(ordered) // 2
    median = (ordered[middle] if len(ordered) % 2
              else (ordered[middle - 1] + ordered[middle]) / 2)
    return Spread(len(ordered), median, p90)
