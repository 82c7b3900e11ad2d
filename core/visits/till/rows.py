"""Reading a till export's rows into entries: one purchase (or visit, or refund) each.

The rows of one order (Shopify writes one per line item) come one after another with the
same order id, and become one entry. A row gives its problems as the kernel's `Problem`
(field, code, detail, line); a row that cannot be read is left out with its problems.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from core.kernel.errors import Problem
from core.kernel.money import InvalidAmount, read_amount, to_minor
from core.visits.till.formats import Detected

# Row problem codes (Problem.code). Rejections leave the row out ...
MISSING_DATE = "missing_date"
INVALID_DATE = "invalid_date"
FUTURE_DATE = "future_date"
INVALID_AMOUNT = "invalid_amount"
# ... warnings keep it.
OTHER_CURRENCY = "other_currency"  # detail: the currency; the visit is kept without amount
NO_CUSTOMER = "no_customer"  # nothing names a customer (a walk-in sale): skipped
VOIDED = "voided"  # a cancelled or voided order: skipped
WARNING_CODES = frozenset({OTHER_CURRENCY, NO_CUSTOMER, VOIDED})

MAX_NOTE = 500
_REFUND_WORDS = ("refund", "return", "erstattung", "remboursement", "reembolso")
_VOID_WORDS = ("voided", "void", "cancelled", "canceled", "failed")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])")
_NUMERIC = re.compile(r"^(\d{1,4})[./-](\d{1,2})[./-](\d{2,4})(?:$|[T ,])")
_MONTHS = {name: number for number, names in enumerate((
    ("jan", "january", "januar", "janvier", "enero"), ("feb", "february", "februar",
    "février", "fevrier", "febrero"), ("mar", "march", "märz", "maerz", "mars", "marzo"),
    ("apr", "april", "avril", "abril"), ("may", "mai", "mayo"), ("jun", "june", "juni",
    "juin", "junio"), ("jul", "july", "juli", "juillet", "julio"), ("aug", "august", "août",
    "aout", "agosto"), ("sep", "sept", "september", "septembre", "septiembre"),
    ("oct", "october", "oktober", "octobre", "octubre"), ("nov", "november", "novembre",
    "noviembre"), ("dec", "december", "dezember", "décembre", "decembre", "diciembre"),
), start=1) for name in names}
_WORDS = re.compile(r"[^\W\d_]+|\d+")


@dataclass(slots=True)
class Entry:
    """One purchase, visit or refund as the file gives it, before it meets a customer."""

    line: int
    order_id: str = ""
    occurred_on: dt.date | None = None
    amount_minor: int | None = None
    refund: bool = False
    currency: str = ""
    customer_ref: str = ""
    customer_ref_alt: str = ""
    email: str = ""
    phone: str = ""
    first_name: str = ""
    last_name: str = ""
    name: str = ""
    country: str = ""
    note: str = ""
    items: list[str] = field(default_factory=list)
    voided: bool = False
    rejected: bool = False
    problems: list[Problem] = field(default_factory=list)

    @property
    def identified(self) -> bool:
        return bool(self.customer_ref or self.customer_ref_alt or self.email or self.phone
                    or self.name or self.first_name or self.last_name)

    @property
    def kind(self) -> str:
        """How it is stored: a refund as a note with a negative amount (it lowers the
        lifetime value and is no visit), a sale as a purchase, an appointment as a visit."""
        if self.refund:
            return "note"
        return "purchase" if self.amount_minor is not None else "visit"

    def full_note(self) -> str:
        parts = ([", ".join(dict.fromkeys(self.items))] if self.items else []) + (
            [self.note] if self.note else [])
        text = " · ".join(p for p in parts if p)
        if self.refund:
            text = f"Refund {self.order_id}".strip() + (f": {text}" if text else "")
        return text[:MAX_NOTE]


# A year of sales has a few hundred dates and prices, each written thousands of times.
@functools.lru_cache(maxsize=4096)
def parse_date(text: str, *, day_first: bool) -> dt.date:
    """A visit's date as tills write it: 2024-03-05, 2024-03-05 14:22:10 -0500,
    03/05/2024 (by `day_first`), 05.03.2024, Mar 5, 2024, 5 March 2024. Raises ValueError."""
    text = text.strip()
    if found := _ISO.match(text):
        year, month, day = (int(g) for g in found.groups())
        return dt.date(year, month, day)
    if found := _NUMERIC.match(text):
        first, second, third = found.groups()
        if len(first) == 4:
            return dt.date(int(first), int(second), int(third))
        year = int(third) + (2000 if len(third) == 2 else 0)
        dotted = "." in text[: found.end()]
        day_text, month_text = (first, second) if day_first or dotted else (second, first)
        return dt.date(year, int(month_text), int(day_text))
    words = _WORDS.findall(text.casefold())
    months = [_MONTHS[w] for w in words if w in _MONTHS]
    numbers = [int(w) for w in words if w.isdigit()]
    years = [n for n in numbers if n > 31]
    days = [n for n in numbers if n <= 31]
    if months and years and days:
        return dt.date(years[0], months[0], days[0])
    raise ValueError(text)


class EntryReader:
    """Turns a file's rows (line, values) into entries, grouping an order's rows."""

    def __init__(self, detected: Detected, *, currency: str, exponent: int, day_first: bool,
                 today: dt.date) -> None:
        self.detected = detected
        self.currency = currency.upper()
        self.exponent = exponent
        self.day_first = day_first
        self.latest = today + dt.timedelta(days=1)  # a till a time zone ahead
        self.columns = [(index, name) for index, name in enumerate(detected.mapping) if name]
        self.rows = 0

    def entries(self, rows: Iterable[tuple[int, list[str]]]) -> Iterator[Entry]:
        """Entries in file order; an order's consecutive rows make one."""
        current: Entry | None = None
        for line, values in rows:
            self.rows += 1
            fields = {name: values[index].strip() for index, name in self.columns
                      if index < len(values) and values[index].strip()}
            order_id = fields.get("order_id") or fields.get("order_id_alt", "")
            if current is not None and order_id and order_id == current.order_id \
                    and not self._is_refund(fields) and not current.refund:
                self._add_line(current, fields)
                continue
            if current is not None:
                yield current
            current = self._entry(line, order_id, fields)
        if current is not None:
            yield current

    def _is_refund(self, fields: dict[str, str]) -> bool:
        event = fields.get("event", "").casefold()
        return any(word in event for word in _REFUND_WORDS)

    def _entry(self, line: int, order_id: str, fields: dict[str, str]) -> Entry:
        entry = Entry(line, order_id[:200])
        entry.refund = self._is_refund(fields)
        status = fields.get("status", "").casefold()
        entry.voided = any(word in status for word in _VOID_WORDS) or bool(
            fields.get("cancelled"))  # Shopify's "Cancelled at": an order that never was
        self._read_date(entry, fields)
        entry.currency = fields.get("currency", "").upper()
        entry.customer_ref = fields.get("customer_ref", "")
        entry.customer_ref_alt = fields.get("customer_ref_alt", "")
        entry.email = fields.get("email", "")
        entry.phone = fields.get("phone") or fields.get("phone_alt", "")
        entry.name = fields.get("name", "")
        entry.first_name = fields.get("first_name", "")
        entry.last_name = fields.get("last_name", "")
        entry.country = fields.get("country", "")
        entry.note = fields.get("note", "")
        if item := fields.get("item"):
            entry.items.append(item)
        self._read_amount(entry, fields, first=True)
        return entry

    def _add_line(self, entry: Entry, fields: dict[str, str]) -> None:
        """Another row of the same order: its item, and what the first row left empty."""
        if item := fields.get("item"):
            entry.items.append(item)
        for name in ("email", "phone", "name", "first_name", "last_name", "country",
                     "customer_ref", "customer_ref_alt", "note", "currency"):
            if not getattr(entry, name) and fields.get(name):
                setattr(entry, name, fields[name].upper() if name == "currency"
                        else fields[name])
        if entry.occurred_on is None and not entry.rejected:
            entry.problems.clear()
            self._read_date(entry, fields)
        self._read_amount(entry, fields, first=False)

    def _read_date(self, entry: Entry, fields: dict[str, str]) -> None:
        text = fields.get("date") or fields.get("date_alt", "")
        if not text:
            self._reject(entry, "date", MISSING_DATE, "")
            return
        try:
            day = parse_date(text, day_first=self.day_first)
        except ValueError:
            self._reject(entry, "date", INVALID_DATE, text)
            return
        if day > self.latest:
            self._reject(entry, "date", FUTURE_DATE, text)
            return
        entry.occurred_on = day

    def _read_amount(self, entry: Entry, fields: dict[str, str], *, first: bool) -> None:
        text = fields.get("amount") or fields.get("amount_alt", "")
        refund_text = fields.get("refund", "")
        if not text and not refund_text:
            return
        if not first and self.detected.order_amount and entry.amount_minor is not None:
            return  # the order's total is on its first row; line items repeat nothing
        try:
            amount = self._minor(text, self.exponent) if text else 0
            refunded = abs(self._minor(refund_text, self.exponent)) if refund_text else 0
        except InvalidAmount as exc:
            field_name = "refund" if refund_text and exc.text == refund_text else "amount"
            self._reject(entry, field_name, INVALID_AMOUNT, exc.text)
            return
        if entry.refund:
            amount = -abs(amount)
        elif amount < 0 and not refunded:
            entry.refund = True  # a negative sale is money given back
        entry.amount_minor = (entry.amount_minor or 0) + amount - refunded

    @staticmethod
    @functools.lru_cache(maxsize=4096)
    def _minor(text: str, exponent: int) -> int:
        return to_minor(read_amount(text, exponent=exponent), exponent, exact=False)

    @staticmethod
    def _reject(entry: Entry, field_name: str, code: str, detail: str) -> None:
        entry.rejected = True
        entry.problems.append(Problem(field_name, code, detail, entry.line))
