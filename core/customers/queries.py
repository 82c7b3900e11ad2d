"""The customer list as pages of plain rows: filtered, searched and sorted in SQL.

Runs over a plain DB-API connection (`Database.raw()`), so the window can paint its
first rows before SQLAlchemy's ORM is even imported.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from core.kernel.text import (
    digits,
    fold,
    search_tokens,
    spelling_alternatives,
    umlauts_spelled_out,
)
from core.store.db import RawConnection
from core.store.dialects import SearchPlan, dialect_for, like_pattern

# Sort keys and the indexed column each one orders by.
SORT_COLUMNS = {
    "name": "c.sort_name",
    "email": "c.email_key",
    "phone": "c.phone",
    "city": "c.city",
    "postal_code": "c.postal_code",
    "stage": "c.stage",
    "visits": "c.visit_count",
    "value": "c.lifetime_value_minor",
    "last_visit": "c.last_interaction_on",
    "since": "c.customer_since",
    # No index can serve this one; a deliberate click on Tags pays ~0.4 s at 100,000.
    "tags": "(SELECT min(t.name) FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id"
            " WHERE ct.customer_id = c.id)",
    "organisation": "c.organisation",  # no index: sorting by it reads every customer
    "deleted": "c.deleted_at",  # the trash is small
}
# A search word finds the customers with a tag that starts with it, from this length on
# ("vip", "whole" for "wholesale"): shorter ones would match half the tags.
MIN_TAG_PREFIX = 3
# The fields a search looks in (matched_fields names them).
MATCH_NAME, MATCH_ORGANISATION, MATCH_EMAIL = "name", "organisation", "email"
MATCH_PHONE, MATCH_POSTCODE, MATCH_TAGS = "phone", "postal_code", "tags"
MATCH_CONTACTS = "contacts"  # a further email or phone
_ESCAPE = "\\"

_ROW_COLUMNS = (
    "c.id, c.first_name, c.last_name, c.organisation, c.email, c.phone, c.city, "
    "c.postal_code, c.stage, c.visit_count, c.lifetime_value_minor, c.last_interaction_on, "
    "c.customer_since, c.deleted_at"
)


@dataclass(frozen=True)
class ListQuery:
    text: str = ""
    stage: str | None = None
    tag_id: int | None = None
    sort: str = "name"
    descending: bool = False
    trash: bool = False  # True: only customers in the trash
    sent_template: str = ""  # only customers sent this card or letter ...
    sent_since: dt.date | None = None  # ... on or after this day
    sent_missing: bool = False  # True: only customers NOT sent it since then
    name_missing: bool = False  # only customers with no name and no organisation yet


@dataclass(frozen=True)
class ListRow:
    id: int
    first_name: str
    last_name: str
    organisation: str
    email: str
    phone: str
    city: str
    postal_code: str
    stage: str
    visit_count: int
    lifetime_value_minor: int
    last_interaction_on: dt.date | None
    customer_since: dt.date | None
    deleted_at: dt.datetime | None = None  # when it was moved to the trash

    @property
    def display_name(self) -> str:
        """The name, or the email of someone whose name is not known yet."""
        name = f"{self.first_name} {self.last_name}".strip()
        return name or self.organisation or self.email

    @property
    def name_missing(self) -> bool:
        return not (self.first_name or self.last_name or self.organisation)


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _as_datetime(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def tag_matches(token: str, tag_name: str) -> bool:
    """Whether a folded search word finds customers with this tag: the start of its name."""
    return len(token) >= MIN_TAG_PREFIX and fold(tag_name).startswith(token)


def _extra_conditions(raw: RawConnection, tokens: list[str]
                      ) -> tuple[list[str], list[str], dict[str, Any]]:
    """The tokens that are searched as usual, and a condition for each of the others: those
    that start a tag's name or are found in a further email or phone (kept beside the
    customer by an import or a merge). Such a word is in the usual fields, or there."""
    plain: list[str] = []
    conditions: list[str] = []
    params: dict[str, Any] = {}
    if not any(len(t) >= MIN_TAG_PREFIX for t in tokens):
        return tokens, conditions, params
    tags = [(int(r[0]), str(r[1])) for r in raw.execute("SELECT id, name FROM tags")]
    for token in tokens:
        tag_ids = [tag_id for tag_id, name in tags if tag_matches(token, name)]
        pattern = like_pattern(token)
        in_contacts = len(token) >= MIN_TAG_PREFIX and raw.scalar(
            "SELECT count(*) FROM (SELECT 1 FROM customer_contacts"
            f" WHERE lower(value) LIKE :p ESCAPE '{_ESCAPE}' LIMIT 1) AS hit", {"p": pattern})
        if not (tag_ids or in_contacts):
            plain.append(token)
            continue
        n = len(conditions)
        either = [f"c.search_text LIKE :g{n} ESCAPE '{_ESCAPE}'"]
        params[f"g{n}"] = pattern
        if tag_ids:
            marks = ", ".join(f":g{n}_{k}" for k in range(len(tag_ids)))
            either.append("EXISTS (SELECT 1 FROM customer_tags ct"
                          f" WHERE ct.customer_id = c.id AND ct.tag_id IN ({marks}))")
            params.update({f"g{n}_{k}": tag_id for k, tag_id in enumerate(tag_ids)})
        if in_contacts:
            either.append("c.id IN (SELECT cc.customer_id FROM customer_contacts cc"
                          f" WHERE lower(cc.value) LIKE :g{n} ESCAPE '{_ESCAPE}')")
        conditions.append(f"({' OR '.join(either)})")
    return plain, conditions, params


def _where(raw: RawConnection, query: ListQuery) -> tuple[str, dict[str, Any], str]:
    """WHERE clause, its parameters, and the ORDER BY clause for a list query."""
    search = dialect_for(raw.dialect)
    conditions = ["c.deleted_at IS NOT NULL" if query.trash else "c.deleted_at IS NULL"]
    params: dict[str, Any] = {}
    if query.stage:
        conditions.append("c.stage = :stage")
        params["stage"] = query.stage
    if query.tag_id is not None:
        conditions.append(
            "EXISTS (SELECT 1 FROM customer_tags ct WHERE ct.customer_id = c.id "
            "AND ct.tag_id = :tag_id)"
        )
        params["tag_id"] = query.tag_id
    if query.name_missing:
        conditions.append("c.first_name = '' AND c.last_name = '' AND c.organisation = ''")
    if query.sent_template:
        since = dt.datetime.combine(query.sent_since or dt.date.min, dt.time())
        conditions.append(
            ("NOT " if query.sent_missing else "")
            + "EXISTS (SELECT 1 FROM print_batch_items i JOIN print_batches b ON b.id = i.batch_id"
            " WHERE i.customer_id = c.id AND b.template_name = :sent_template"
            " AND i.status = 'sent' AND i.status_changed_at >= :sent_since)"
        )
        params["sent_template"] = query.sent_template
        params["sent_since"] = search.datetime_param(since)
    tokens = search_tokens(query.text) if query.text.strip() else []
    plain, extra_conditions, extra_params = _extra_conditions(raw, tokens)
    alternatives = spelling_alternatives(query.text) if plain else {}
    plan = search.plan(raw, plain, alternatives) if plain else SearchPlan()
    conditions += plan.conditions + extra_conditions
    params.update(plan.params)
    params.update(extra_params)
    column = search.order_term(SORT_COLUMNS.get(query.sort, SORT_COLUMNS["name"]), plan)
    direction = "DESC" if query.descending else "ASC"
    return " AND ".join(conditions), params, f"{column} {direction}, c.id {direction}"


def count_customers(raw: RawConnection, query: ListQuery) -> int:
    where, params, _ = _where(raw, query)
    return int(raw.scalar(f"SELECT count(*) FROM customers c WHERE {where}", params))


def fetch_customers(
    raw: RawConnection, query: ListQuery, *, offset: int = 0, limit: int = 100
) -> list[ListRow]:
    """One page of the list, in the query's order."""
    where, params, order = _where(raw, query)
    params.update(limit=limit, offset=offset)
    rows = raw.execute(
        f"SELECT {_ROW_COLUMNS} FROM customers c WHERE {where} "
        f"ORDER BY {order} LIMIT :limit OFFSET :offset",
        params,
    )
    return [_list_row(r) for r in rows]


def fetch_ids(raw: RawConnection, query: ListQuery, *, limit: int | None = None) -> list[int]:
    """The ids the query matches, in order (all of them unless `limit`)."""
    where, params, order = _where(raw, query)
    sql = f"SELECT c.id FROM customers c WHERE {where} ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return [r[0] for r in raw.execute(sql, params)]


def matching_ids(raw: RawConnection, query: ListQuery, customer_ids: Sequence[int]) -> set[int]:
    """Which of these customers the query's list shows now (after a change to them, the
    list re-reads just their rows when none of them came or went)."""
    if not customer_ids:
        return set()
    where, params, _ = _where(raw, query)
    marks, id_params = _id_params(customer_ids)
    params.update(id_params)
    rows = raw.execute(f"SELECT c.id FROM customers c WHERE {where} AND c.id IN ({marks})",
                       params)
    return {int(r[0]) for r in rows}


def fetch_rows(raw: RawConnection, customer_ids: Sequence[int]) -> list[ListRow]:
    """The list rows of these customers, in the order given (the list view pages by ids)."""
    if not customer_ids:
        return []
    marks, params = _id_params(customer_ids)
    rows = raw.execute(f"SELECT {_ROW_COLUMNS} FROM customers c WHERE c.id IN ({marks})", params)
    by_id = {int(r[0]): r for r in rows}
    return [_list_row(by_id[i]) for i in customer_ids if i in by_id]


def _list_row(r: Sequence[Any]) -> ListRow:
    return ListRow(
        id=r[0], first_name=r[1], last_name=r[2], organisation=r[3], email=r[4], phone=r[5],
        city=r[6], postal_code=r[7], stage=r[8], visit_count=r[9], lifetime_value_minor=r[10],
        last_interaction_on=_as_date(r[11]), customer_since=_as_date(r[12]),
        deleted_at=_as_datetime(r[13]),
    )


def matched_fields(row: ListRow, tags: Sequence[str], text: str, contacts: Sequence[str] = ()
                   ) -> list[tuple[str, frozenset[str]]]:
    """Each word of a search box entry, with the fields of `row` it was found in (as the
    search finds it: case, accents and spelled-out umlauts alike), so that the list can
    show why a customer is there."""
    def folded(value: str) -> str:
        return f"{fold(value)} {umlauts_spelled_out(value)}"

    postal = fold(row.postal_code)
    fields = {
        MATCH_NAME: f"{folded(row.first_name)} {folded(row.last_name)}",
        MATCH_ORGANISATION: folded(row.organisation),
        MATCH_EMAIL: fold(row.email),
        MATCH_PHONE: digits(row.phone),
        MATCH_POSTCODE: f"{postal} {postal.replace(' ', '')}",
    }
    found = []
    alternatives = spelling_alternatives(text)
    for token in search_tokens(text):
        spellings = (token, alternatives.get(token, token))
        where = {name for name, value in fields.items()
                 if any(spelling in value for spelling in spellings)}
        if any(tag_matches(token, tag) for tag in tags):
            where.add(MATCH_TAGS)
        if len(token) >= MIN_TAG_PREFIX and any(token in value.lower() for value in contacts):
            where.add(MATCH_CONTACTS)
        found.append((token, frozenset(where)))
    return found


def _id_params(customer_ids: Sequence[int]) -> tuple[str, dict[str, int]]:
    marks = ", ".join(f":i{n}" for n in range(len(customer_ids)))
    return marks, {f"i{n}": int(cid) for n, cid in enumerate(customer_ids)}


def search_customers(raw: RawConnection, text: str, *, limit: int = 20) -> list[ListRow]:
    """Customers matching `text` in name, email, phone (any formatting) or postcode."""
    return fetch_customers(raw, ListQuery(text=text), offset=0, limit=limit)


def tags_by_customer(raw: RawConnection, customer_ids: Sequence[int]) -> dict[int, list[str]]:
    if not customer_ids:
        return {}
    marks, params = _id_params(customer_ids)
    rows = raw.execute(
        "SELECT ct.customer_id, t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id "
        f"WHERE ct.customer_id IN ({marks}) ORDER BY t.name",
        params,
    )
    found: dict[int, list[str]] = {}
    for customer_id, name in rows:
        found.setdefault(int(customer_id), []).append(name)
    return found


def contacts_by_customer(raw: RawConnection, customer_ids: Sequence[int]
                         ) -> dict[int, list[str]]:
    """The further emails and phones of these customers (beyond those on their rows)."""
    if not customer_ids:
        return {}
    marks, params = _id_params(customer_ids)
    found: dict[int, list[str]] = {}
    for customer_id, value in raw.execute(
            "SELECT customer_id, value FROM customer_contacts "
            f"WHERE customer_id IN ({marks}) ORDER BY id", params):
        found.setdefault(int(customer_id), []).append(str(value))
    return found


def all_tags(raw: RawConnection) -> list[tuple[int, str]]:
    return [(int(r[0]), r[1]) for r in raw.execute("SELECT id, name FROM tags ORDER BY name")]
