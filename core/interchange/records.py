"""One source row as it will be stored: values cleaned and checked, problems named.

Emails and phones go through core.validation. Checking an address costs tens of
microseconds, most of it on the domain, so domains are checked once per import and plain
ASCII local parts (the common case) are checked against the RFC 5322 dot-atom form here;
anything unusual takes the full check.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from core.customer_keys import KEY_COLUMNS
from core.interchange.problems import DROPPED_VALUE, INVALID_MONEY, RowProblem
from core.interchange.values import (
    labels_to_tags,
    parse_birthday,
    parse_consent,
    parse_count,
    parse_money,
    split_full_name,
    split_multi,
    split_tags,
    strip_text_marker,
)
from core.phone_parsing import e164
from core.validation import (
    INVALID_DATE,
    INVALID_EMAIL,
    INVALID_PHONE,
    MAX_LENGTHS,
    NAME_REQUIRED,
    TOO_LONG,
    normalize_email,
)

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_DOT_ATOM = re.compile(rf"^{_ATOM}(?:\.{_ATOM})*$")
_SIMPLE_FIELDS = ("first_name", "last_name", "organisation", "city", "region", "country")
# The customer columns in every CleanRecord's `values`.
VALUE_FIELDS = (*_SIMPLE_FIELDS, "street", "postal_code", "notes", "source", "email", "phone",
                "birthday_month", "birthday_day", "birthday_year")
_NOTHING = ("",)
_LIMITS = tuple(MAX_LENGTHS.items())  # every one of them is a text field of every record
MAX_OPENING_ORDERS = 1000  # a hostile "Total Orders" must not create millions of rows


@dataclass
class CleanRecord:
    """A row ready to store: `values` holds customer columns, `keys` their derived columns
    (core.customer_keys), filled in after cleaning (core.interchange.cleaning)."""

    line: int
    values: dict[str, Any]
    keys: dict[str, str] = field(default_factory=dict)
    extra_emails: list[str] = field(default_factory=list)
    extra_phones: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    spent_minor: int | None = None
    orders: int | None = None
    email_consent: bool | None = None
    sms_consent: bool | None = None
    warnings: list[RowProblem] = field(default_factory=list)

    def __reduce__(self) -> tuple[object, ...]:
        # Sent from the cleaning process by the thousand: plain tuples load in a third of
        # the time of the dataclass default (whose dicts repeat every field name).
        return _rebuild_record, (
            self.line, tuple([self.values[name] for name in VALUE_FIELDS]),
            tuple(self.keys.values()), self.extra_emails, self.extra_phones, self.tags,
            self.spent_minor, self.orders, self.email_consent, self.sms_consent,
            self.warnings)


def _rebuild_record(line: int, values: tuple[Any, ...], keys: tuple[str, ...],
                    *rest: Any) -> CleanRecord:
    return CleanRecord(line, dict(zip(VALUE_FIELDS, values)), dict(zip(KEY_COLUMNS, keys)),
                       *rest)


class RowRejected(Exception):
    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(problems[0].code)
        self.problems = problems


class RecordCleaner:
    """Cleans raw rows (field -> values) for one import; remembers what it already checked."""

    def __init__(self, *, region: str, day_first: bool) -> None:
        self.region = region
        self.day_first = day_first
        self._domains: dict[str, str | None] = {}
        self._phones: dict[str, str | None] = {}

    def email(self, value: str) -> str:
        """The normalised address; raises ValueError like core.validation.normalize_email."""
        local, at, domain = value.rpartition("@")
        if at and len(value) <= 200 and len(local) <= 64 and _DOT_ATOM.match(local):
            key = domain.lower()
            if key not in self._domains:
                if len(self._domains) >= 10_000:
                    self._domains.clear()
                try:
                    self._domains[key] = normalize_email("x@" + domain).rpartition("@")[2]
                except ValueError:
                    self._domains[key] = None
            checked = self._domains[key]
            if checked is not None:
                return f"{local}@{checked}"
        return normalize_email(value)

    def phone(self, value: str) -> str:
        if value in self._phones:
            found = self._phones[value]
        else:
            if len(self._phones) >= 10_000:  # memory stays bounded on a huge file
                self._phones.clear()
            try:
                found = e164(value, self.region)  # core.validation.normalize_phone's work
            except ValueError:
                found = None
            self._phones[value] = found
        if found is None:
            raise ValueError(value)
        return found

    def clean(self, line: int, raw: dict[str, list[str]]) -> CleanRecord:
        """Raises RowRejected listing every problem that stops the row being stored."""
        problems: list[RowProblem] = []
        warnings: list[RowProblem] = []
        first = _first_values(raw)
        get = raw.get  # `first`, inlined for the six fields every row has
        values: dict[str, Any] = {name: (get(name) or _NOTHING)[0] for name in _SIMPLE_FIELDS}
        if not (values["first_name"] or values["last_name"]) and raw.get("full_name"):
            values["first_name"], values["last_name"] = split_full_name(raw["full_name"][0])
        street = [v for v in (first("street"), first("street2")) if v]
        values["street"] = ", ".join(street)
        values["postal_code"] = strip_text_marker(first("postal_code")).strip()
        values["notes"] = "\n".join(raw.get("notes", ()))
        values["source"] = ""
        record = CleanRecord(line, values, warnings=warnings)
        emails = [e for name in ("email", "other_email") for v in raw.get(name, ())
                  for e in split_multi(v)]
        values["email"] = self._checked(line, emails, "email", INVALID_EMAIL, self.email,
                                        record.extra_emails, problems, warnings)
        phones = [strip_text_marker(p) for name in ("phone", "other_phone")
                  for v in raw.get(name, ()) for p in split_multi(v)]
        values["phone"] = self._checked(line, phones, "phone", INVALID_PHONE, self.phone,
                                        record.extra_phones, problems, warnings)
        values["birthday_month"] = values["birthday_day"] = values["birthday_year"] = None
        if birthday := strip_text_marker(first("birthday")):
            try:
                date = parse_birthday(birthday, day_first=self.day_first)
                values["birthday_month"], values["birthday_day"] = date.month, date.day
                values["birthday_year"] = date.year
            except ValueError:
                problems.append(RowProblem(line, "birthday", INVALID_DATE, birthday))
        self._money(line, first, record, problems)
        for value in raw.get("tags", ()):
            record.tags.extend(split_tags(value))
        for value in raw.get("labels", ()):
            record.tags.extend(labels_to_tags(value))
        if record.tags:
            record.tags = list(dict.fromkeys(t[:100] for t in record.tags))
        if consent := first("email_consent"):
            record.email_consent = parse_consent(consent)
        if consent := first("sms_consent"):
            record.sms_consent = parse_consent(consent)
        for name, limit in _LIMITS:
            if len(values[name]) > limit:
                problems.append(RowProblem(line, name, TOO_LONG, str(limit)))
        if not (values["first_name"] or values["last_name"] or values["organisation"]):
            problems.append(RowProblem(line, "first_name", NAME_REQUIRED))
        if problems:
            raise RowRejected(problems)
        return record

    @staticmethod
    def _checked(line: int, candidates: list[str], name: str, code: str, check: Any,
                 extras: list[str], problems: list[RowProblem],
                 warnings: list[RowProblem]) -> str:
        """The first value checked (a bad one rejects the row); later ones kept as extras."""
        primary = ""
        for n, value in enumerate(candidates):
            value = value.strip()
            if not value:
                continue
            try:
                cleaned = check(value)
            except ValueError:
                if n == 0 or not primary:
                    problems.append(RowProblem(line, name, code, value[:200]))
                    return ""
                warnings.append(RowProblem(line, name, DROPPED_VALUE, value[:200], False))
                continue
            if not primary:
                primary = cleaned
            elif cleaned != primary and cleaned not in extras:
                extras.append(cleaned)
        return primary

    @staticmethod
    def _money(line: int, first: Callable[[str], str], record: CleanRecord,
               problems: list[RowProblem]) -> None:
        if spent := first("total_spent"):
            try:
                record.spent_minor = parse_money(spent)
            except ValueError:
                problems.append(RowProblem(line, "total_spent", INVALID_MONEY, spent[:50]))
        if orders := first("total_orders"):
            try:
                record.orders = min(parse_count(orders), MAX_OPENING_ORDERS)
            except ValueError:
                problems.append(RowProblem(line, "total_orders", INVALID_MONEY, orders[:50]))


@dataclass(frozen=True)
class CheckedRow:
    """One source row after checking: `record` is None when the row is rejected."""

    line: int
    raw: dict[str, list[str]]
    record: CleanRecord | None
    problems: tuple[RowProblem, ...]


def check_rows(rows: Iterable[tuple[int, dict[str, list[str]]] | RowProblem],
               cleaner: RecordCleaner) -> Iterator[CheckedRow]:
    """Each source row cleaned, or rejected with its problems (malformed rows included)."""
    for item in rows:
        if isinstance(item, RowProblem):
            yield CheckedRow(item.line, {}, None, (item,))
            continue
        line, raw = item
        try:
            record = cleaner.clean(line, raw)
        except RowRejected as rejected:
            yield CheckedRow(line, raw, None, tuple(rejected.problems))
            continue
        yield CheckedRow(line, raw, record, tuple(record.warnings))


def _first_values(raw: dict[str, list[str]]) -> Callable[[str], str]:
    """name -> the row's first value for that field, or ""."""
    get = raw.get
    return lambda name: (get(name) or _NOTHING)[0]


def raw_from_row(values: list[str], mapped: list[tuple[int, str]]) -> dict[str, list[str]]:
    """Field -> non-empty values of one CSV row, in column order; `mapped` holds the
    (column, field) pairs of the columns that are imported."""
    raw: dict[str, list[str]] = {}
    for column, name in mapped:
        value = values[column]
        if value:
            value = value.strip()
            if value:
                found = raw.get(name)
                if found is None:
                    raw[name] = [value]
                else:
                    found.append(value)
    return raw
