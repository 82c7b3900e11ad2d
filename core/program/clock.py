"""The shop's day. The program works in local dates with no time of day, so a daylight-
saving change or a time zone can never move an occasion by a day: the only place a clock
is read is here, turning an instant into the shop's local date."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def shop_today(now: dt.datetime | None = None, zone: str | None = None) -> dt.date:
    """The local date at `now` (default: this moment) in `zone` (default: the computer's)."""
    instant = now or dt.datetime.now(dt.UTC)
    if instant.tzinfo is None:
        return instant.date()  # already local
    local = instant.astimezone(ZoneInfo(zone)) if zone else instant.astimezone()
    return local.date()
