"""One source row as it will be stored: values cleaned and checked, problems named.

Emails and phones go through core.customers.validation. Checking an address costs tens of
microseconds, most of it on the domain, so domains are checked once per import and plain
ASCII local parts (the common case) are checked against the RFC 5322 dot-atom form here;
anything unusual takes the full check.
"""
from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from core.customers.errors import NAME_REQUIRED
from core.customers.types import (
    KEY_COLUMNS,
    MAX_LENGTHS,
    PartialDate,
    customer_keys_of,
    e164,
    needs_checking_text,
    normalize_email,
)
from core.interchange.errors import RowRejected
from core.interchange.formula_guard import unguarded
from core.interchange.own_fields import OWN_FIELDS as _OWN_FIELDS
from core.interchange.own_fields import own_values
from core.interchange.problems import (
    DROPPED_VALUE,
    NAME_MISSING,
    OTHER_CURRENCY,
    TOO_LONG_DROPPED,
)
from core.interchange.values import (
    EMPTY_MARK_MAX,
    EMPTY_MARKS,
    country_region,
    is_empty_mark,
    labels_to_tags,
    other_currency,
    parse_birthday,
    parse_consent,
    parse_count,
    parse_money,
    split_full_name,
    split_multi,
    split_tags,
    strip_text_marker,
)
from core.kernel.errors import Problem

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_DOT_ATOM = re.compile(rf"^{_ATOM}(?:\.{_ATOM})*$")
_SIMPLE_FIELDS = ("first_name", "last_name", "organisation", "city", "region", "country")
# The customer columns in every CleanRecord's `values`.
VALUE_FIELDS = (*_SIMPLE_FIELDS, "street", "postal_code", "notes", "email", "phone",
                "birthday_month", "birthday_day", "birthday_year", "needs_checking")
_NOTHING = ("",)
# The text a CSV export may have guarded against formulas (core.interchange.formula_guard).
_GUARDED_FIELDS = (*_SIMPLE_FIELDS, "street", "notes")
# The text fields a file can fill (the import itself names the source).
_LIMITED_FIELDS = tuple(name for name in MAX_LENGTHS if name in VALUE_FIELDS)
_limited = operator.itemgetter(*_LIMITED_FIELDS)
_LIMITS = tuple(MAX_LENGTHS[name] for name in _LIMITED_FIELDS)
T = TypeVar("T")
MAX_OPENING_ORDERS = 1000  # a hostile "Total Orders" must not create millions of rows
KEPT_CHARS = 200  # of a value left out: reported, and kept for a person to check


# A record's `row()`: the customer columns it inserts, in this order.
ROW_FIELDS = (*VALUE_FIELDS, *KEY_COLUMNS)
_KEYS_AT = len(VALUE_FIELDS)
_row_values = operator.itemgetter(*VALUE_FIELDS)
_row_keys = operator.itemgetter(*KEY_COLUMNS)
# core.interchange.matching's MATCH_ORDER: email key, phone, name and postcode key.
_match_in_row = operator.itemgetter(ROW_FIELDS.index("email_key"), VALUE_FIELDS.index("phone"),
                                    ROW_FIELDS.index("name_postcode_key"))
_EXTRAS = ("extra_emails", "extra_phones", "tags", "spent_minor", "orders", "email_consent",
           "sms_consent", "warnings", "external_id", "own")


class CleanRecord:
    """A row ready to store: `values` holds customer columns, `keys` their derived columns
    (core.customers.keys), filled in after cleaning (core.interchange.cleaning).

    A record that a cleaning helper sent arrives as one tuple (see CleanedBatch), and its
    dicts are only made if something asks for them: most records go straight from that
    tuple into an INSERT (`row()`).
    """

    __slots__ = ("line", "_values", "_keys", "_row", *_EXTRAS)

    def __init__(self, line: int, values: dict[str, Any],
                 keys: dict[str, str] | None = None) -> None:
        self.line = line
        self._values: dict[str, Any] | None = values
        self._keys: dict[str, str] | None = keys if keys is not None else {}
        self._row: tuple[Any, ...] | None = None
        self._no_extras()

    def _no_extras(self) -> None:
        self.extra_emails: list[str] = []
        self.extra_phones: list[str] = []
        self.tags: list[str] = []
        self.spent_minor: int | None = None
        self.orders: int | None = None
        self.email_consent: bool | None = None
        self.sms_consent: bool | None = None
        # The source's own id of the row (core.interchange.external_ids), or "".
        self.external_id = ""
        # Our own export's further fields, read (core.interchange.own_fields), or None.
        self.own: dict[str, Any] | None = None
        self.warnings: list[Problem] = []

    @classmethod
    def from_row(cls, line: int, row: tuple[Any, ...]) -> CleanRecord:
        """A record (without extras) from its `row()`."""
        record = cls.__new__(cls)
        record.line, record._row, record._values, record._keys = line, row, None, None
        record._no_extras()
        return record

    def _dicts(self) -> None:
        """Make `values` and `keys` from the row; from now on they are the record."""
        if self._values is None and self._row is not None:
            self._values = dict(zip(VALUE_FIELDS, self._row))
            self._keys = dict(zip(KEY_COLUMNS, self._row[_KEYS_AT:]))
            self._row = None

    @property
    def values(self) -> dict[str, Any]:
        self._dicts()
        assert self._values is not None
        return self._values

    @property
    def keys(self) -> dict[str, str]:
        self._dicts()
        assert self._keys is not None
        return self._keys

    @keys.setter
    def keys(self, keys: dict[str, str]) -> None:
        self._dicts()
        self._keys = keys

    def fill_keys(self) -> None:
        """Derive `keys` from `values` (core.customers.keys), once cleaning is done."""
        self._keys = customer_keys_of(self.values)

    def row(self) -> tuple[Any, ...]:
        """The values and keys in ROW_FIELDS order (keys must have been filled in)."""
        if self._row is not None:
            return self._row
        values: tuple[Any, ...] = _row_values(self.values) + _row_keys(self.keys)
        return values

    def match_keys(self) -> tuple[str, str, str]:
        """The keys duplicates are matched by, in core.interchange.matching's MATCH_ORDER."""
        if self._row is not None:
            return _match_in_row(self._row)  # type: ignore[no-any-return]
        return self.keys["email_key"], self.values["phone"], self.keys["name_postcode_key"]

    def extras(self) -> tuple[Any, ...] | None:
        """Everything besides the row, or None when the record has nothing more (as most)."""
        if (self.extra_emails or self.extra_phones or self.tags or self.warnings
                or self.spent_minor is not None or self.orders is not None
                or self.email_consent is not None or self.sms_consent is not None
                or self.external_id or self.own is not None):
            return tuple(getattr(self, name) for name in _EXTRAS)
        return None

    def set_extras(self, extras: tuple[Any, ...]) -> None:
        for name, value in zip(_EXTRAS, extras):
            setattr(self, name, value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CleanRecord):
            return NotImplemented
        return (self.line, self.values, self.keys, self.extras()) == (
            other.line, other.values, other.keys, other.extras())

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"CleanRecord(line={self.line}, values={self.values}, keys={self.keys})"


class Remembered(Generic[T]):
    """A check's results and refusals (ValueError) for the values it has seen, at most
    10,000 of them, so that memory stays bounded on a huge file."""

    _REFUSED = object()

    def __init__(self, check: Callable[[str], T]) -> None:
        self._check = check
        self._seen: dict[str, Any] = {}

    def __call__(self, value: str) -> T:
        found = self._seen.get(value, self)  # `self`: not seen yet
        if found is self:
            if len(self._seen) >= 10_000:
                self._seen.clear()
            try:
                found = self._check(value)
            except ValueError:
                found = self._REFUSED
            self._seen[value] = found
        if found is self._REFUSED:
            raise ValueError(value)
        return found  # type: ignore[no-any-return]


class RecordCleaner:
    """Cleans raw rows (field -> values) for one import; remembers what it already checked."""

    def __init__(self, *, region: str, day_first: bool, money_exponent: int = 2,
                 empty_marks_removed: bool = True, currency: str = "") -> None:
        self.region = region
        self.day_first = day_first
        # The business currency's decimals (core.kernel.money.currency_exponent), resolved
        # once per import by the caller: 0 for yen, so a Total Spent of 1250 stays 1250.
        self.money_exponent = money_exponent
        # The business's currency ("EUR"): an amount in another is reported, not converted.
        self.currency = currency
        self._domains: dict[str, str | None] = {}
        # core.customers.validation.normalize_phone's work; numbers rarely repeat, so none is kept.
        self.phone: Callable[[str], str] = functools.partial(e164, region=region)
        # Birthdays repeat across a file's rows: each is parsed once.
        self.birthday: Callable[[str], PartialDate] = Remembered(
            lambda value: parse_birthday(value, day_first=day_first))
        # The phone check of each country a row names (see phone_check).
        self._phones: dict[str, Callable[[str], str]] = {"": self.phone}
        # CSV rows come without "null", "N/A", ... (raw_row_builder); cards need it here.
        self.empty_marks_removed = empty_marks_removed

    def phone_check(self, country: str) -> Callable[[str], str]:
        """The phone check of a row in `country`: "020 7946 0958" read as a number of the
        row's own country first (a London one on a GB row), then of the business's."""
        found = self._phones.get(country)
        if found is None:
            region = country_region(country)
            if not region or region == self.region:
                found = self.phone
            else:
                found = functools.partial(_phone_of, first=region, then=self.region)
            if len(self._phones) >= 1000:
                self._phones = {"": self.phone}
            self._phones[country] = found
        return found

    def email(self, value: str) -> str:
        """The normalised address; raises ValueError like core.customers.validation.normalize_email."""
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

    def clean(self, line: int, raw: dict[str, list[str]]) -> CleanRecord:
        """The row as it will be stored. A bad value (a phone "12", an email without "@",
        a birthday that does not exist, a name too long for its field) is left out of its
        field, kept in `needs_checking` and reported as a warning. Raises RowRejected only
        when nothing identifies anyone: no name, organisation, email or phone."""
        # This runs for every row of a large file: fields are looked up inline, and the
        # usual single email and phone skip the general multi-value path.
        if not self.empty_marks_removed:
            raw = without_empty_marks(raw)
        get = raw.get
        values: dict[str, Any] = {name: (get(name) or _NOTHING)[0] for name in _SIMPLE_FIELDS}
        if not (values["first_name"] or values["last_name"]) and "full_name" in raw:
            values["first_name"], values["last_name"] = split_full_name(raw["full_name"][0])
        street = get("street")
        street2 = get("street2")
        values["street"] = (f"{street[0]}, {street2[0]}" if street and street2
                            else (street or street2 or _NOTHING)[0])
        postal_code = get("postal_code")
        values["postal_code"] = strip_text_marker(postal_code[0]).strip() if postal_code else ""
        notes = get("notes")
        values["notes"] = "\n".join(notes) if notes else ""
        for name in _GUARDED_FIELDS:  # our own export's "'- prefers mornings"
            if values[name][:1] == "'":
                values[name] = unguarded(values[name])
        record = CleanRecord(line, values)
        warnings = record.warnings
        if (found := _only(raw, "email", "other_email")) is not None:
            values["email"] = self._one(line, found, "email", self.email, warnings)
        else:
            values["email"] = self._checked(
                line, _candidates(raw, "email", "other_email", False), "email", self.email,
                record.extra_emails, warnings)
        phone = self._phones.get(values["country"]) or self.phone_check(values["country"])
        if (found := _only(raw, "phone", "other_phone")) is not None:
            values["phone"] = self._one(line, strip_text_marker(found).strip(), "phone", phone,
                                        warnings)
        else:
            values["phone"] = self._checked(
                line, _candidates(raw, "phone", "other_phone", True), "phone", phone,
                record.extra_phones, warnings)
        values["birthday_month"] = values["birthday_day"] = values["birthday_year"] = None
        if (birthday := get("birthday")) and (text := strip_text_marker(birthday[0])):
            try:
                date = self.birthday(text)
                values["birthday_month"], values["birthday_day"] = date.month, date.day
                values["birthday_year"] = date.year
            except ValueError:
                warnings.append(Problem("birthday", DROPPED_VALUE, text[:KEPT_CHARS], line))
        if "total_spent" in raw or "total_orders" in raw:
            self._money(line, raw, record, warnings)
        if "tags" in raw or "labels" in raw:
            for value in raw.get("tags", ()):
                record.tags.extend(split_tags(unguarded(value)))
            for value in raw.get("labels", ()):
                record.tags.extend(labels_to_tags(value))
            record.tags = list(dict.fromkeys(t[:100] for t in record.tags))
        if consent := get("email_consent"):
            record.email_consent = parse_consent(consent[0])
        if consent := get("sms_consent"):
            record.sms_consent = parse_consent(consent[0])
        if external_id := get("external_id"):
            record.external_id = strip_text_marker(external_id[0])  # Shopify's '7123
        if not _OWN_FIELDS.isdisjoint(raw):
            record.own = own_values(line, raw, warnings, currency=self.currency)
        values["needs_checking"] = ""
        if any(map(operator.gt, map(len, _limited(values)), _LIMITS)):
            for name, limit in zip(_LIMITED_FIELDS, _LIMITS):
                if len(values[name]) > limit:
                    warnings.append(Problem(name, TOO_LONG_DROPPED, values[name][:KEPT_CHARS],
                                            line))
                    values[name] = ""
        if warnings:
            values["needs_checking"] = needs_checking_text(
                Problem(w.field, w.code, w.detail) for w in warnings)
        if not (values["first_name"] or values["last_name"] or values["organisation"]):
            if not (values["email"] or values["phone"]):
                raise RowRejected([*warnings, Problem("first_name", NAME_REQUIRED, "", line)])
            warnings.append(Problem("first_name", NAME_MISSING,
                                    values["email"] or values["phone"], line))
        return record

    @staticmethod
    def _one(line: int, value: str, name: str, check: Any, warnings: list[Problem]) -> str:
        """`_checked` of a single value (the usual case)."""
        if not value:
            return ""
        try:
            return str(check(value))
        except ValueError:
            warnings.append(Problem(name, DROPPED_VALUE, value[:KEPT_CHARS], line))
            return ""

    @staticmethod
    def _checked(line: int, candidates: list[str], name: str, check: Any,
                 extras: list[str], warnings: list[Problem]) -> str:
        """The first good value; later ones kept as extras. Bad ones are left out, each
        with a warning."""
        primary = ""
        for value in candidates:
            value = value.strip()
            if not value:
                continue
            try:
                cleaned = check(value)
            except ValueError:
                warnings.append(Problem(name, DROPPED_VALUE, value[:KEPT_CHARS], line))
                continue
            if not primary:
                primary = cleaned
            elif cleaned != primary and cleaned not in extras:
                extras.append(cleaned)
        return primary

    def _money(self, line: int, raw: dict[str, list[str]], record: CleanRecord,
               warnings: list[Problem]) -> None:
        first = _first_values(raw)
        if (spent := first("total_spent")) and other_currency(spent, self.currency):
            warnings.append(Problem("total_spent", OTHER_CURRENCY, spent[:50], line))
        elif spent:
            try:
                record.spent_minor = parse_money(spent, self.money_exponent)
            except ValueError:
                warnings.append(Problem("total_spent", DROPPED_VALUE, spent[:50], line))
        if orders := first("total_orders"):
            try:
                record.orders = min(parse_count(orders), MAX_OPENING_ORDERS)
            except ValueError:
                warnings.append(Problem("total_orders", DROPPED_VALUE, orders[:50], line))


def _phone_of(value: str, *, first: str, then: str) -> str:
    """The number read in region `first`, or else in region `then` (see phone_check)."""
    try:
        return e164(value, first)
    except ValueError:
        return e164(value, then)


def without_empty_marks(raw: dict[str, list[str]]) -> dict[str, list[str]]:
    """The raw row without values that only say "nothing here" (null, N/A, -, none)."""
    kept: dict[str, list[str]] = {}
    for name, found in raw.items():
        values = [v for v in found if not is_empty_mark(v.strip())]
        if values:
            kept[name] = values
    return kept


@dataclass(frozen=True)
class CheckedRow:
    """One source row after checking: `record` is None when the row is rejected."""

    line: int
    raw: dict[str, list[str]]
    record: CleanRecord | None
    problems: tuple[Problem, ...]


def check_rows(rows: Iterable[tuple[int, dict[str, list[str]]] | Problem],
               cleaner: RecordCleaner) -> Iterator[CheckedRow]:
    """Each source row cleaned, or rejected with its problems (malformed rows included)."""
    for item in rows:
        if isinstance(item, Problem):
            yield CheckedRow(item.line or 0, {}, None, (item,))  # a row's always has one
            continue
        line, raw = item
        try:
            record = cleaner.clean(line, raw)
        except RowRejected as rejected:
            yield CheckedRow(line, raw, None, tuple(rejected.problems))
            continue
        yield CheckedRow(line, raw, record, tuple(record.warnings))


def _only(raw: dict[str, list[str]], name: str, other: str) -> str | None:
    """The one value of field `name` when it is all there is of it (no `other` values, no
    Google multi-value), "" when there is none, or None when _candidates must decide."""
    found = raw.get(name)
    if found is None:
        return None if other in raw else ""
    if len(found) == 1 and other not in raw and ":::" not in found[0]:
        return found[0]
    return None


def _candidates(raw: dict[str, list[str]], name: str, other: str, text_marked: bool
                ) -> list[str]:
    """The values of field `name` and then `other`, Google's ` ::: ` multi-values split;
    with `text_marked`, spreadsheets' text markers taken off (see strip_text_marker)."""
    found = raw.get(name)
    if other in raw:
        found = (found or []) + raw[other]
    elif not found:
        return []
    elif len(found) == 1 and ":::" not in found[0]:  # the usual case
        return [strip_text_marker(found[0])] if text_marked else found
    if any(":::" in value for value in found):
        found = [v for value in found for v in split_multi(value)]
    if text_marked:
        found = [strip_text_marker(v) for v in found]
    return found


def _first_values(raw: dict[str, list[str]]) -> Callable[[str], str]:
    """name -> the row's first value for that field, or ""."""
    get = raw.get
    return lambda name: (get(name) or _NOTHING)[0]


def raw_row_builder(mapped: list[tuple[int, str]]
                    ) -> Callable[[list[str]], dict[str, list[str]]]:
    """A function from one CSV row's values to its raw row: field -> non-empty values, in
    column order. `mapped` holds the (column, field) pairs of the columns imported."""
    names = [name for _, name in mapped]
    if not mapped or len(set(names)) < len(names):
        return lambda values: raw_from_row(values, mapped)
    # Each field from one column (the usual case): one comprehension over the columns.
    picked = operator.itemgetter(*[column for column, _ in mapped])
    # Values that only say "nothing here" (null, N/A, -, none) are left out: they are
    # short, so a longer value is kept without looking further.
    if len(mapped) == 1:
        name = names[0]
        return lambda values: {name: [v]} if (v := picked(values).strip()) and (
            len(v) > EMPTY_MARK_MAX or v.lower() not in EMPTY_MARKS) else {}
    return lambda values: {name: [v] for name, value in zip(names, picked(values))
                           if value and (v := value.strip()) and (
                               len(v) > EMPTY_MARK_MAX or v.lower() not in EMPTY_MARKS)}


def raw_from_row(values: list[str], mapped: list[tuple[int, str]]) -> dict[str, list[str]]:
    """Field -> non-empty values of one CSV row, in column order (see raw_row_builder)."""
    raw: dict[str, list[str]] = {}
    for column, name in mapped:
        value = values[column]
        if value:
            value = value.strip()
            if value and not is_empty_mark(value):
                found = raw.get(name)
                if found is None:
                    raw[name] = [value]
                else:
                    found.append(value)
    return raw
