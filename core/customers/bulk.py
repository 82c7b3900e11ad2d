"""Customers written and read in bulk, for the areas that move many at once (the import,
its undo, the demo, printing's recipients).

They get plain rows in and out of the customers area's tables here, one call per batch,
so no other area touches the customers models. Each function runs the statement its
caller ran before it moved here: the import's timing depends on keeping them set-based.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Index, Table, bindparam, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from core.customers.models import Customer, CustomerTag, Interaction, Moment, Tag
from core.customers.types import AddressRow
from core.store.bulk_insert import bulk_insert, bulk_insert_tuples
from core.store.damage import execute_naming_damage

_CUSTOMERS = cast(Table, Customer.__table__)
_CUSTOMER_TAGS = cast(Table, CustomerTag.__table__)
_INTERACTIONS = cast(Table, Interaction.__table__)
_MOMENTS = cast(Table, Moment.__table__)
_TAGS = cast(Table, Tag.__table__)


def count_all_customers(session: Session) -> int:
    """Every customer row, the trashed ones too."""
    return int(session.scalar(select(func.count()).select_from(_CUSTOMERS)) or 0)


def customer_exists(session: Session, customer_id: int) -> bool:
    """Whether the row is there (trashed or not): a foreign key may point at it."""
    return session.get(Customer, customer_id) is not None


def read_tag_ids(session: Session) -> dict[str, int]:
    """Every tag's id by its case-folded name (the oldest, if two fold alike).

    Tags are compared here, in Python, and never with SQL's lower(): SQLite's folds only
    ASCII letters, so "Ärzte" and "ärzte" would be one tag on PostgreSQL and two on SQLite
    (and adding "Ärzte" again would hit the unique name). A shop has tens of tags, not
    thousands: reading them all costs nothing."""
    found: dict[str, int] = {}
    for tag_id, name in session.execute(select(Tag.id, Tag.name).order_by(Tag.id)):
        found.setdefault(name.casefold(), tag_id)
    return found


def find_tag_id(session: Session, name: str) -> int | None:
    """The id of the tag called `name` (in any case, "ÄRZTE" for "Ärzte"), if there is one."""
    return read_tag_ids(session).get(name.casefold())


def add_tag(session: Session, name: str) -> int:
    """A new tag's id."""
    return int(session.execute(insert(Tag).values(name=name).returning(Tag.id)).scalar_one())


def insert_customer_tags(session: Session, rows: list[dict[str, Any]]) -> None:
    """Tags given to customers ({"customer_id", "tag_id"})."""
    bulk_insert(session, _CUSTOMER_TAGS, rows)


def insert_interactions(session: Session, rows: list[dict[str, Any]]) -> None:
    """Interactions as column dicts (the import's opening history)."""
    bulk_insert(session, _INTERACTIONS, rows)


def insert_tags(session: Session, rows: list[dict[str, Any]]) -> None:
    """Tags with their ids chosen by the caller ({"id", "name"})."""
    session.execute(insert(_TAGS), rows)


def next_ids(session: Session) -> dict[str, int]:
    """The next free id of customers, interactions, moments and tags, by table name."""
    return {
        model.__tablename__: (session.scalar(select(func.max(model.id))) or 0) + 1
        for model in (Customer, Interaction, Moment, Tag)
    }


def insert_customer_rows(session: Session, columns: list[str], rows: list[tuple[Any, ...]],
                         *, shared: dict[str, Any]) -> None:
    """New customers as tuples of `columns`, each with the `shared` values too."""
    bulk_insert_tuples(session, _CUSTOMERS, columns, rows, shared=shared)


def insert_customer_batch(
    session: Session, *, customers: list[dict[str, Any]] | None = None,
    customer_tags: list[dict[str, Any]] | None = None,
    interactions: list[dict[str, Any]] | None = None,
    moments: list[dict[str, Any]] | None = None,
) -> None:
    """Rows of customers and what hangs off them, ids chosen by the caller; empty lists
    are skipped."""
    for table, rows in ((_CUSTOMERS, customers), (_CUSTOMER_TAGS, customer_tags),
                        (_INTERACTIONS, interactions), (_MOMENTS, moments)):
        if rows:
            bulk_insert(session, table, rows)


def tag_customer_ranges(session: Session, tag_id: int, ranges: list[int]) -> None:
    """Give a tag to every customer whose id is in one of `ranges`: inclusive
    [first, last, first, last, ...] runs (those who have it already keep one)."""
    for start in range(0, len(ranges), 2):
        session.execute(text(
            "INSERT INTO customer_tags (customer_id, tag_id) SELECT id, :tag FROM customers"
            " WHERE id BETWEEN :first AND :last ON CONFLICT DO NOTHING"),
            {"tag": tag_id, "first": ranges[start], "last": ranges[start + 1]})


def tag_ids_of_customers(session: Session, customer_ids: list[int]) -> dict[int, set[int]]:
    """The tags these customers have already, in one query per 900 of them."""
    found: dict[int, set[int]] = {}
    for start in range(0, len(customer_ids), 900):
        for customer_id, tag_id in session.execute(
            select(CustomerTag.customer_id, CustomerTag.tag_id).where(
                CustomerTag.customer_id.in_(customer_ids[start : start + 900]))):
            found.setdefault(customer_id, set()).add(tag_id)
    return found


def remove_customer_tags(session: Session, customer_id: int, tag_ids: list[int]) -> None:
    session.execute(delete(CustomerTag).where(
        CustomerTag.customer_id == customer_id, CustomerTag.tag_id.in_(tag_ids)))


def read_customer_fields(session: Session, customer_ids: list[int], fields: Sequence[str]
                         ) -> dict[int, dict[str, Any]]:
    """`fields` (and "id") of these customers, by id."""
    columns = [_CUSTOMERS.c[n] for n in ("id", *fields)]
    return {row["id"]: dict(row) for row in session.execute(
        select(*columns).where(_CUSTOMERS.c.id.in_(customer_ids))).mappings()}


def read_customer_row(session: Session, customer_id: int) -> dict[str, Any] | None:
    """Every column of one customer, or None."""
    row = session.execute(select(_CUSTOMERS).where(_CUSTOMERS.c.id == customer_id)
                          ).mappings().first()
    return None if row is None else dict(row)


def update_customer_row(session: Session, customer_id: int, values: Mapping[str, Any]) -> None:
    """Set columns of one customer as given (derived keys included: the caller computes
    them with customer_keys_of)."""
    session.execute(update(_CUSTOMERS).where(_CUSTOMERS.c.id == customer_id).values(**values))


def update_customer_rows(session: Session, rows: Iterable[tuple[int, Mapping[str, Any]]]
                         ) -> None:
    """Set the same columns of many customers in one executemany: `rows` are
    (id, values) pairs whose values all name the same columns. Each record's version goes
    up, so an editor open on one of them merges the import's change (core.kernel.edits)."""
    params = [{"b_id": customer_id, **{f"v_{n}": v for n, v in values.items()}}
              for customer_id, values in rows]
    if not params:
        return
    names = [k[2:] for k in params[0] if k != "b_id"]
    session.execute(
        update(_CUSTOMERS).where(_CUSTOMERS.c.id == bindparam("b_id"))
        .values({**{n: bindparam(f"v_{n}") for n in names},
                 "version": _CUSTOMERS.c.version + 1}), params)


def customer_sort_indexes(columns: Iterable[str]) -> list[Index]:
    """The customer list's sort indexes on these columns (for an import that sets them
    aside while it writes)."""
    names = {f"ix_customers_{column}" for column in columns}
    return [index for index in _CUSTOMERS.indexes if index.name in names]


_MAILING_COLUMNS = [_CUSTOMERS.c[n] for n in (
    "id", "first_name", "last_name", "organisation", "street", "city", "region",
    "postal_code", "country", "customer_since", "visit_count", "no_mail")]


def mailing_rows(session: Session, *, customer_ids: Sequence[int] = (),
                 tag_id: int | None = None, stage: str = "") -> list[AddressRow]:
    """Live customers for a mailing: those ids in their order, or those with the tag, or
    in the stage, or (none given) everyone; the last three by sort name."""
    query = select(*_MAILING_COLUMNS).where(_CUSTOMERS.c.deleted_at.is_(None))
    if customer_ids:
        ids = list(dict.fromkeys(customer_ids))
        by_id = {row.id: AddressRow(*row) for row in execute_naming_damage(
            session, query.where(_CUSTOMERS.c.id.in_(ids)), table="customers")}
        return [by_id[i] for i in ids if i in by_id]
    if tag_id is not None:
        query = query.join(_CUSTOMER_TAGS, _CUSTOMER_TAGS.c.customer_id == _CUSTOMERS.c.id
                           ).where(_CUSTOMER_TAGS.c.tag_id == tag_id)
    elif stage:
        query = query.where(_CUSTOMERS.c.stage == stage)
    return [AddressRow(*row) for row in execute_naming_damage(
        session, query.order_by(_CUSTOMERS.c.sort_name, _CUSTOMERS.c.id), table="customers")]

