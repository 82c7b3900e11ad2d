"""Birthdays, anniversaries and life events as yearly all-day events (iCalendar, RFC 5545).

A year-less birthday starts in 2000; 29 February repeats on the last day of February, so
the owner sees it every year. Titles come from `CalendarLabels`, which the GUI translates.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from core.customers.types import display_name
from core.interchange.exporting import CHUNK, RawReader, export_ids, write_atomically
from core.kernel.jobs import CancelCheck, Cancelled, never_cancelled

_NO_YEAR = 2000  # a leap year, so 29 February exists
_CUSTOMERS_SQL = ("SELECT id, first_name, last_name, organisation, birthday_month, birthday_day,"
                  " birthday_year FROM customers WHERE id IN ({ids})")
_MOMENTS_SQL = ("SELECT id, customer_id, kind, life_event, month, day, year, note FROM moments"
                " WHERE customer_id IN ({ids})")


@dataclass(frozen=True)
class CalendarLabels:
    birthday: str = "Birthday: {name}"
    anniversary: str = "Anniversary: {name}"
    life_event: str = "{event}: {name}"
    events: tuple[tuple[str, str], ...] = (
        ("wedding", "Wedding anniversary"), ("new_baby", "Baby's birthday"),
        ("retirement", "Retirement anniversary"), ("graduation", "Graduation anniversary"),
        ("other", "Life event"),
    )


@dataclass(frozen=True)
class YearlyEvent:
    uid: str
    title: str
    month: int
    day: int
    year: int | None
    note: str = ""


def _event(uid: str, title: str, month: int, day: int, year: int | None, note: str = ""
           ) -> YearlyEvent:
    return YearlyEvent(uid, title, month, day, year, note)


def yearly_events(session: Session, customer_ids: Sequence[int] | None = None, *,
                  labels: CalendarLabels = CalendarLabels(),
                  is_cancelled: CancelCheck = never_cancelled) -> Iterator[YearlyEvent]:
    """Every birthday and moment of the customers, as yearly events."""
    ids = export_ids(session, customer_ids)
    events = dict(labels.events)
    reader = RawReader(session)
    for start in range(0, len(ids), CHUNK):
        if is_cancelled():
            raise Cancelled()
        chunk = ids[start : start + CHUNK]
        names = {}
        for row in reader.rows(_CUSTOMERS_SQL, chunk):
            name = display_name(row[1], row[2], row[3])
            names[row[0]] = name
            if row[4] and row[5]:
                yield _event(f"birthday-{row[0]}@regulars", labels.birthday.format(name=name),
                             row[4], row[5], row[6])
        for moment in reader.rows(_MOMENTS_SQL, chunk):
            name = names.get(moment[1], "")
            if moment[2] == "anniversary":
                title = labels.anniversary.format(name=name)
            else:
                event = events.get(moment[3], events.get("other", moment[3]))
                title = labels.life_event.format(event=event, name=name)
            yield _event(f"moment-{moment[0]}@regulars", title, moment[4], moment[5],
                         moment[6], moment[7])


def _vevent(event: YearlyEvent, stamp: dt.datetime) -> Any:
    from icalendar import Event, vRecur

    item = Event()
    item.add("uid", event.uid)
    item.add("dtstamp", stamp)
    item.add("summary", event.title)
    start = dt.date(event.year or _NO_YEAR, event.month, event.day)
    rule: dict[str, Any] = {"freq": "yearly"}
    if (event.month, event.day) == (2, 29):
        rule.update(bymonth=2, bymonthday=-1)
    item.add("dtstart", start)
    item.add("rrule", vRecur(rule))
    item.add("transp", "TRANSPARENT")
    if event.note:
        item.add("description", event.note)
    return item


def export_calendar(
    session: Session, path: Path, *, customer_ids: Sequence[int] | None = None,
    labels: CalendarLabels = CalendarLabels(), is_cancelled: CancelCheck = never_cancelled,
) -> int:
    """Write the customers' yearly events to an .ics file; returns the number of events."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//Regulars//Customer moments//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Regulars")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    count = 0
    for event in yearly_events(session, customer_ids, labels=labels, is_cancelled=is_cancelled):
        calendar.add_component(_vevent(event, stamp))
        count += 1
    data = calendar.to_ical().decode("utf-8")
    write_atomically(path, lambda handle: handle.write(data), encoding="utf-8", newline="")
    return count
