"""The fields our own CSV export carries beyond the usual ones, written and read back.

An export imported into an empty database gives the same customers: customer since,
source and referrer, the opt-outs and consent, visits, lifetime value and last visit (as
opening history that adds up to them, so the stage follows), anniversaries and life
events. Other programs' files may carry some of these columns too (a `source` or
`customer_since` column); each is read the same way. The export's `stage` column is for
people reading the file: the stage follows from the visits, and is not imported.

Anniversaries and life events are JSON lists in one cell each, so that any note comes
back exactly: `[{"date": "--06-14", "note": "first date"}]`,
`[{"date": "2024-05-01", "event": "wedding", "note": ""}]`.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any, NamedTuple

from core.customers.types import LIFE_EVENTS, MAX_LENGTHS, PartialDate, date_exists
from core.interchange.formula_guard import unguarded
from core.interchange.problems import DROPPED_VALUE, OTHER_CURRENCY
from core.kernel.errors import Problem
from core.kernel.money import currency_exponent

# Fields a column can map to (our export's column names), read by own_values.
OWN_FIELDS = frozenset({
    "customer_since", "source", "referred_by", "no_mail", "no_email", "no_birthday_cards",
    "no_calls", "no_campaigns",
    "visit_count", "last_visit", "lifetime_value", "lifetime_value_currency",
    "anniversaries", "life_events",
})
FLAGS = ("no_mail", "no_email", "no_birthday_cards", "no_calls", "no_campaigns")
_YES = frozenset({"yes", "true", "1"})
_NO = frozenset({"no", "false", "0"})
MAX_MOMENTS = 100  # a hostile cell must not create thousands of rows
MAX_VISITS = 10_000  # likewise a hostile visit count
KEPT_CHARS = 200


class MomentValue(NamedTuple):
    kind: str  # anniversary, life_event
    life_event: str
    month: int
    day: int
    year: int | None
    note: str


def moments_cells(moments: Iterable[Any]) -> tuple[str, str]:
    """The anniversaries and life events cells of a customer's moments (exporting.Moment)."""
    anniversaries, events = [], []
    for moment in moments:
        if moment.kind == "life_event":
            events.append({"date": moment.date, "event": moment.life_event,
                           "note": moment.note})
        else:
            anniversaries.append({"date": moment.date, "note": moment.note})
    return (json.dumps(anniversaries, ensure_ascii=False) if anniversaries else "",
            json.dumps(events, ensure_ascii=False) if events else "")


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _partial(value: str) -> PartialDate:
    """`YYYY-MM-DD` or `--MM-DD`, as the export writes them."""
    if value.startswith("--") and len(value) == 7:
        month, day, year = int(value[2:4]), int(value[5:7]), None
    else:
        date = _date(value)
        month, day, year = date.month, date.day, date.year
    if not date_exists(month, day, year):
        raise ValueError(value)
    return PartialDate(month, day, year)


def _flag(value: str) -> bool:
    text = value.strip().casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(value)


def _count(value: str) -> int:
    count = int(value.strip())
    if not 0 <= count <= MAX_VISITS:
        raise ValueError(value)
    return count


def _minor(value: str, currency: str) -> int:
    """Minor units of a plain amount the export wrote (`12.50`, `1250` yen)."""
    from decimal import Decimal, InvalidOperation

    try:
        amount = Decimal(value.strip())
    except InvalidOperation as exc:
        raise ValueError(value) from exc
    minor = amount.scaleb(currency_exponent(currency) if currency else 2)
    if minor != minor.to_integral_value() or not 0 <= minor < 10**15:
        raise ValueError(value)
    return int(minor)


def _moments(value: str, kind: str) -> list[MomentValue]:
    found = json.loads(value)
    if not isinstance(found, list) or len(found) > MAX_MOMENTS:
        raise ValueError(value)
    moments = []
    for item in found:
        if not isinstance(item, dict) or not isinstance(item.get("date"), str):
            raise TypeError(value)
        date = _partial(item["date"])
        note = item.get("note", "")
        event = item.get("event", "") if kind == "life_event" else ""
        if not isinstance(note, str) or not isinstance(event, str) or (
                kind == "life_event" and event not in LIFE_EVENTS):
            raise ValueError(value)
        moments.append(MomentValue(kind, event, date.month, date.day, date.year, note))
    return moments


def own_values(line: int, raw: dict[str, list[str]], warnings: list[Problem], *,
               currency: str = "") -> dict[str, Any]:
    """Our own fields of a raw row, read; a value that cannot be read is left out with a
    warning (as any other bad value). A lifetime value in another currency than the
    business's (`currency`) is never converted: it is left out with a warning too."""
    first = {name: raw[name][0] for name in OWN_FIELDS if name in raw}
    values: dict[str, Any] = {}

    def read(name: str, parse: Any) -> None:
        if name in first:
            try:
                values[name] = parse(first[name])
            except (ValueError, TypeError):
                warnings.append(Problem(name, DROPPED_VALUE, first[name][:KEPT_CHARS], line))

    read("customer_since", _date)
    read("last_visit", _date)
    read("visit_count", _count)
    for name in FLAGS:
        read(name, _flag)
    if "source" in first:
        values["source"] = unguarded(first["source"])[:MAX_LENGTHS.get("source", 100)]
    if "referred_by" in first:
        values["referred_by"] = first["referred_by"]
    given = first.get("lifetime_value_currency", "").strip().upper()[:3]
    if given and currency and given != currency.upper() and "lifetime_value" in first:
        warnings.append(Problem("lifetime_value", OTHER_CURRENCY,
                                f"{first['lifetime_value'][:KEPT_CHARS]} {given}", line))
    else:
        read("lifetime_value", lambda text: _minor(text, given or currency))
    read("anniversaries", lambda text: _moments(text, "anniversary"))
    read("life_events", lambda text: _moments(text, "life_event"))
    return values


def opening_history(customer_id: int, values: dict[str, Any], *, today: dt.date, note: str
                    ) -> list[dict[str, Any]]:
    """Interactions that add up to the row's visits, lifetime value and last visit: that
    many visits on the last visit's day, the first carrying the value (with no visits, a
    note carries it, which counts toward the value and not as a visit)."""
    visits = values.get("visit_count", 0)
    value = values.get("lifetime_value") or None
    if not visits and not value:
        return []
    day = values.get("last_visit") or values.get("customer_since") or today
    if not visits:
        return [{"customer_id": customer_id, "kind": "note", "occurred_on": day,
                 "amount_minor": value, "note": note}]
    return [{"customer_id": customer_id, "kind": "visit", "occurred_on": day,
             "amount_minor": value if n == 0 else None, "note": note}
            for n in range(min(visits, MAX_VISITS))]
