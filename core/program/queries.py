"""Today's list and a customer's reminders as plain rows over a DB-API connection
(`Database.raw()`), so the window paints Today before SQLAlchemy's ORM is imported; the
services read through the same functions.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from core.customers.types import display_name
from core.program.types import (
    DONE,
    DUE,
    MISSED,
    OVERDUE,
    SNOOZED,
    UPCOMING,
    ActionRow,
    JoinedOccasion,
    TodayCounts,
    TodayView,
    template_for,
)
from core.program.why import DateFormat, why_line
from core.store.db import RawConnection

OPEN = "open"
DONE_WEEK_DAYS = 7
ON_TIME_OVER_DAYS = 90
MISSED_SHOWN_DAYS = 30
DEFAULT_UPCOMING_DAYS = 7  # core.program.settings.ProgramSettings.upcoming_days

_COLUMNS = ("a.id, a.rule, a.gesture, a.customer_id, a.occasion_on, a.due_on, a.state,"
            " a.snoozed_until, a.joined_to_id, a.detail, a.note, a.completed_by,"
            " a.completed_at, c.first_name, c.last_name, c.organisation, c.email,"
            # Its card is printed (or printing) and the batch is not marked sent yet. The
            # printing area's items table, read here so that Today stays one query.
            " CASE WHEN a.state = 'open' AND EXISTS (SELECT 1 FROM print_batch_items i"
            " WHERE i.action_id = a.id AND i.status IN ('printing', 'printed'))"
            " THEN 1 ELSE 0 END")
_FROM = ("FROM program_actions a JOIN customers c ON c.id = a.customer_id"
         " WHERE c.deleted_at IS NULL AND ")
_TODAY = ("((a.state = 'open' AND COALESCE(a.snoozed_until, a.due_on) <= :horizon)"
          " OR (a.state = 'open' AND a.snoozed_until > :today)"
          " OR (a.state = 'missed' AND a.due_on >= :missed_since)"
          " OR (a.state IN ('done', 'skipped') AND a.completed_at >= :week_ago))")


# How each action in Today's view stands, in SQL (core.program.queries.state_on in Python).
_SHOWN = ("CASE WHEN a.state = 'open' AND a.snoozed_until > :today THEN 'snoozed'"
          " WHEN a.state = 'open' AND COALESCE(a.snoozed_until, a.due_on) < :today"
          " THEN 'overdue'"
          " WHEN a.state = 'open' AND COALESCE(a.snoozed_until, a.due_on) = :today THEN 'due'"
          " WHEN a.state = 'open' THEN 'upcoming' ELSE a.state END")
_NOT_JOINED = " AND NOT (a.state = 'open' AND a.joined_to_id IS NOT NULL)"


def read_today(raw: RawConnection, today: dt.date,
               format_date: DateFormat = dt.date.isoformat, *,
               per_section: int | None = None) -> TodayView:
    """Open actions due up to the coming week (overdue, due, upcoming, snoozed), missed ones
    of the last month, and those done or skipped this week. Actions made together with
    another (the per-customer cap) appear inside it, not on their own.

    `per_section` keeps each section to its first rows (oldest first), for the window: a
    big shop's first day can hold tens of thousands, which nobody works through in a day
    and which would cost the page its quick first paint. The counts are always whole."""
    horizon = today + dt.timedelta(days=_upcoming_days(raw))
    params: dict[str, Any] = {
        "today": today, "horizon": horizon,
        "missed_since": today - dt.timedelta(days=MISSED_SHOWN_DAYS),
        "week_ago": dt.datetime.combine(today - dt.timedelta(days=DONE_WEEK_DAYS - 1),
                                        dt.time.min)}
    if per_section is None:
        found = raw.execute(f"SELECT {_COLUMNS} {_FROM} {_TODAY} ORDER BY a.due_on, a.id",
                            params)
    else:
        params["limit"] = per_section
        found = raw.execute(
            f"SELECT * FROM (SELECT {_COLUMNS}, ROW_NUMBER() OVER (PARTITION BY {_SHOWN}"
            f" ORDER BY a.due_on, a.id) AS n {_FROM} {_TODAY}{_NOT_JOINED}) shown"
            " WHERE n <= :limit ORDER BY due_on, id", params)
        # The actions made with those listed (the others' leaders are not shown).
        listed = {row[0] for row in found}
        found += [row for row in raw.execute(
            f"SELECT {_COLUMNS} {_FROM} {_TODAY} AND a.state = 'open'"
            " AND a.joined_to_id IS NOT NULL", params) if row[8] in listed]
    totals = {state: int(count) for state, count in raw.execute(
        f"SELECT {_SHOWN}, count(*) {_FROM} {_TODAY}{_NOT_JOINED} GROUP BY 1", params)}
    counts = TodayCounts(
        due=totals.get(DUE, 0), overdue=totals.get(OVERDUE, 0),
        upcoming=totals.get(UPCOMING, 0), missed=totals.get(MISSED, 0),
        done_this_week=totals.get(DONE, 0), on_time_share=_on_time_share(raw, today))
    return TodayView(today, tuple(action_rows(found, today, format_date)), counts,
                     tuple(sorted(totals.items())))


def read_customer_actions(raw: RawConnection, customer_id: int, today: dt.date,
                          format_date: DateFormat = dt.date.isoformat) -> list[ActionRow]:
    """Every action of one customer, newest occasion first (their record's history)."""
    found = raw.execute(f"SELECT {_COLUMNS} {_FROM} a.customer_id = :customer"
                        " ORDER BY a.due_on, a.id", {"customer": customer_id})
    return sorted(action_rows(found, today, format_date), key=lambda row: row.occasion_on,
                  reverse=True)


def read_open_actions(raw: RawConnection, gestures: Sequence[str], due_by: dt.date,
                      today: dt.date) -> list[ActionRow]:
    """Open actions of these gestures due (or snoozed to) `due_by` at the latest, in Today's
    order; actions made together with another appear inside it."""
    marks = ", ".join(f":g{n}" for n in range(len(gestures)))
    params: dict[str, Any] = {f"g{n}": g for n, g in enumerate(gestures)}
    params["due_by"] = due_by
    found = raw.execute(
        f"SELECT {_COLUMNS} {_FROM} a.state = 'open' AND a.gesture IN ({marks})"
        " AND COALESCE(a.snoozed_until, a.due_on) <= :due_by ORDER BY a.due_on, a.id", params)
    return action_rows(found, today, dt.date.isoformat)


def action_rows(found: Sequence[Sequence[Any]], today: dt.date,
                format_date: DateFormat) -> list[ActionRow]:
    """Rows of _COLUMNS as ActionRows, each joined action inside the one it is made with."""
    listed = {int(row[0]) for row in found}
    joined: dict[int, list[JoinedOccasion]] = {}
    for row in found:
        if row[8] in listed and row[6] == OPEN:
            joined.setdefault(int(row[8]), []).append(
                JoinedOccasion(int(row[0]), row[1], _date(row[4]), row[9]))
    return [_action_row(row, today, format_date, tuple(joined.get(int(row[0]), ())))
            for row in found if not (row[8] in listed and row[6] == OPEN)]


def _action_row(r: Sequence[Any], today: dt.date, format_date: DateFormat,
                joined: tuple[JoinedOccasion, ...]) -> ActionRow:
    occasion_on, due_on, snoozed = _date(r[4]), _date(r[5]), _maybe_date(r[7])
    state, late = state_on(r[6], due_on, snoozed, today)
    rule, detail = r[1], r[9]
    return ActionRow(
        id=int(r[0]), rule=rule, gesture=r[2], template=template_for(rule, detail),
        customer_id=int(r[3]), customer_name=display_name(r[13], r[14], r[15]) or r[16],
        occasion_on=occasion_on, due_on=due_on, state=state, days_late=late, detail=detail,
        why=why_line(rule, r[2], occasion_on, due_on, detail, format_date),
        snoozed_until=snoozed, note=r[10] or "", completed_by=r[11] or "",
        completed_at=_maybe_datetime(r[12]), joined=joined, printed=bool(r[17]),
    )


def state_on(stored: str, due_on: dt.date, snoozed_until: dt.date | None,
             today: dt.date) -> tuple[str, int]:
    """How an action stands on `today`, and how many days late it is."""
    if stored != OPEN:
        late = (today - due_on).days if stored == MISSED else 0
        return stored, max(late, 0)
    if snoozed_until is not None and snoozed_until > today:
        return SNOOZED, 0
    due = snoozed_until or due_on
    if due < today:
        return OVERDUE, (today - due_on).days
    return (DUE, 0) if due == today else (UPCOMING, 0)


def _on_time_share(raw: RawConnection, today: dt.date) -> float | None:
    """Of the gestures due in the last 90 days and done, skipped or missed by now: the share
    done by their due day (skipped ones are not counted either way)."""
    rows = raw.execute(
        "SELECT state, due_on, completed_at FROM program_actions"
        " WHERE due_on >= :since AND due_on <= :today AND state IN ('done', 'missed')",
        {"since": today - dt.timedelta(days=ON_TIME_OVER_DAYS), "today": today})
    if not rows:
        return None
    on_time = 0
    for state, due_on, completed_at in rows:
        made = _maybe_datetime(completed_at)
        if state == DONE and made is not None and made.date() <= _date(due_on):
            on_time += 1
    return on_time / len(rows)


def _upcoming_days(raw: RawConnection) -> int:
    stored = raw.scalar("SELECT value FROM settings_sections WHERE key = 'program'")
    try:
        value = json.loads(stored).get("upcoming_days") if stored else None
    except (ValueError, AttributeError):
        value = None
    return value if isinstance(value, int) else DEFAULT_UPCOMING_DAYS


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _maybe_date(value: Any) -> dt.date | None:
    return None if value is None else _date(value)


def _maybe_datetime(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


__all__ = ["action_rows", "read_customer_actions", "read_open_actions", "read_today",
           "state_on"]
