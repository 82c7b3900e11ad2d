"""One source row as it will be stored: values cleaned and checked, problems named.

Emails and phones go through core.validation. Checking an address costs tens of
microseconds, most of it on the domain, so domains are checked once per import and plain
ASCII local parts (the common case) are checked against the RFC 5322 dot-atom form here;
anything unusual takes the full check.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from core.customers import MAX_LENGTHS
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
from core.validation import (
    INVALID_DATE,
    INVALID_EMAIL,
    INVALID_PHONE,
    NAME_REQUIRED,
    TOO_LONG,
    normalize_email,
    normalize_phone,
)

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_DOT_ATOM = re.compile(rf"^{_ATOM}(?:\.{_ATOM})*$")
_SIMPLE_FIELDS = ("first_name", "last_name", "organisation", "city", "region", "country")
MAX_OPENING_ORDERS = 1000  # a hostile "Total Orders" must not create millions of rows


@dataclass
class CleanRecord:
    """A row ready to store: `values` holds customer columns, `keys` their derived columns
    (core.customer_keys), filled in by the writer just before matching."""

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
                if len(self._domains) >= 50_000:
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
            if len(self._phones) >= 50_000:  # memory stays bounded on a huge file
                self._phones.clear()
            try:
                found = normalize_phone(value, self.region)
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
        values: dict[str, Any] = {name: _first(raw, name) for name in _SIMPLE_FIELDS}
        if not (values["first_name"] or values["last_name"]) and raw.get("full_name"):
            values["first_name"], values["last_name"] = split_full_name(raw["full_name"][0])
        street = [v for v in (_first(raw, "street"), _first(raw, "street2")) if v]
        values["street"] = ", ".join(street)
        values["postal_code"] = strip_text_marker(_first(raw, "postal_code")).strip()
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
        if birthday := strip_text_marker(_first(raw, "birthday")):
            try:
                date = parse_birthday(birthday, day_first=self.day_first)
                values["birthday_month"], values["birthday_day"] = date.month, date.day
                values["birthday_year"] = date.year
            except ValueError:
                problems.append(RowProblem(line, "birthday", INVALID_DATE, birthday))
        self._money(line, raw, record, problems)
        for value in raw.get("tags", ()):
            record.tags.extend(split_tags(value))
        for value in raw.get("labels", ()):
            record.tags.extend(labels_to_tags(value))
        record.tags = list(dict.fromkeys(t[:100] for t in record.tags))
        record.email_consent = parse_consent(_first(raw, "email_consent"))
        record.sms_consent = parse_consent(_first(raw, "sms_consent"))
        for name, limit in MAX_LENGTHS.items():
            text = values.get(name) or ""
            if len(text) > limit:
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
    def _money(line: int, raw: dict[str, list[str]], record: CleanRecord,
               problems: list[RowProblem]) -> None:
        if spent := _first(raw, "total_spent"):
            try:
                record.spent_minor = parse_money(spent)
            except ValueError:
                problems.append(RowProblem(line, "total_spent", INVALID_MONEY, spent[:50]))
        if orders := _first(raw, "total_orders"):
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


def _first(raw: dict[str, list[str]], name: str) -> str:
    found = raw.get(name)
    return found[0] if found else ""


def raw_from_row(values: list[str], mapping: tuple[str, ...]) -> dict[str, list[str]]:
    """Field -> non-empty values of one CSV row, in column order."""
    raw: dict[str, list[str]] = {}
    for value, name in zip(values, mapping):
        if name and value:
            value = value.strip()
            if value:
                raw.setdefault(name, []).append(value)
    return raw
