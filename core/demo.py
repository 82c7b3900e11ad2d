"""Demo data: a database full of realistic customers and their history, for trying the app.

Rows are made by core/demo_maker.py and written in bulk with ids chosen there, so
100,000 customers take seconds, not minutes, and referrals and interactions point at
customers without asking the database for ids. One transaction: a cancelled or failed
run leaves the database as it was.
"""
from __future__ import annotations

import datetime as dt
import logging
import operator
import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import Date, DateTime, Table, func, insert, select, text
from sqlalchemy.orm import Session

from core import demo_data
from core.customer_stats import refresh_customer_stats
from core.db import Database
from core.demo_maker import Batch, DemoMaker
from core.jobs import CancelCheck, Cancelled, Progress, never_cancelled, no_progress
from core.models import BusinessProfile, Customer, CustomerTag, Interaction, Moment, Tag
from core.profile import BusinessProfileData, get_business_profile, save_business_profile

log = logging.getLogger(__name__)

CHUNK_SIZE = 5_000

DEMO_PROFILE = BusinessProfileData(
    name="Maple & Rye Bakery", street="412 Alder Street", city="Portland", postal_code="97205",
    country="United States", phone="+15035550142", email="hello@maplerye.example.com",
    signature_name="Hannah Whitfield", region="US", locale="en_US", currency="USD",
)

_FTS_INSERT_TRIGGER = "customers_fts_ai"


def generate_demo(
    db: Database,
    *,
    customers: int,
    seed: int = 1,
    progress: Progress = no_progress,
    is_cancelled: CancelCheck = never_cancelled,
    today: dt.date | None = None,
) -> int:
    """Add `customers` demo customers with moments, interactions, referrals, tags and a few
    duplicates; returns how many were added. Names and history depend only on `seed`
    (dates are counted back from `today`). Stores a demo business profile if there is none.
    Raises Cancelled, having written nothing, when `is_cancelled()` turns true."""
    if customers < 0:
        raise ValueError("customers must not be negative")
    today = today or dt.date.today()
    with db.unit_of_work() as session:
        profile = _ensure_profile(session)
        maker = DemoMaker(random.Random(seed), today, profile, _start_ids(session))
        maker.tag_ids = _ensure_tags(session, maker.next_tag_id)
        done = 0
        with _search_index_deferred(session, db.dialect, maker.next_customer_id):
            while done < customers:
                if is_cancelled():
                    raise Cancelled()
                count = min(CHUNK_SIZE, customers - done)
                _insert(session, maker.batch(count))
                done += count
                progress(done, customers)
        if is_cancelled():
            raise Cancelled()
        if db.dialect == "postgresql":
            # The tables were (nearly) empty when the planner last looked; it must not plan the
            # statistics update for empty tables.
            session.execute(text("ANALYZE customers, interactions"))
        refresh_customer_stats(session, None, today=today)
        if db.dialect == "postgresql":
            _reset_sequences(session)
    log.info("created %d demo customers (seed %d)", customers, seed)
    return customers


def _ensure_profile(session: Session) -> BusinessProfileData:
    if session.get(BusinessProfile, 1) is None:
        return save_business_profile(session, DEMO_PROFILE)
    return get_business_profile(session)


def _start_ids(session: Session) -> dict[str, int]:
    return {
        model.__tablename__: (session.scalar(select(func.max(model.id))) or 0) + 1
        for model in (Customer, Interaction, Moment, Tag)
    }


def _ensure_tags(session: Session, next_id: int) -> dict[str, int]:
    existing = session.execute(select(Tag.id, Tag.name))
    tag_ids = {name.casefold(): tag_id for tag_id, name in existing}
    new = []
    for name in demo_data.TAGS:
        if name not in tag_ids:
            tag_ids[name] = next_id
            new.append({"id": next_id, "name": name})
            next_id += 1
    if new:
        session.execute(insert(cast(Table, Tag.__table__)), new)
    return {name: tag_ids[name] for name in demo_data.TAGS}


def _insert(session: Session, batch: Batch) -> None:
    for table, rows in (
        (Customer.__table__, batch.customers),
        (CustomerTag.__table__, batch.customer_tags),
        (Interaction.__table__, batch.interactions),
        (Moment.__table__, batch.moments),
    ):
        if rows:
            _bulk_insert(session, table, rows)


def _bulk_insert(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """Many rows at once, by each driver's fastest path: COPY on PostgreSQL, executemany
    on SQLite, a Core insert() elsewhere.

    SQLAlchemy's per-row parameter processing costs a third of the insert time on SQLite;
    there we only need to write dates the way its Date and DateTime types store them.
    """
    dialect = session.get_bind().dialect.name
    columns = [c.name for c in table.columns if c.name in rows[0]]
    values = operator.itemgetter(*columns)
    if dialect == "postgresql":
        driver = session.connection().connection.driver_connection
        with driver.cursor() as cursor:  # type: ignore[union-attr]
            with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(values(row))
        return
    if dialect != "sqlite":
        session.execute(insert(table), rows)
        return
    dates = [c.name for c in table.columns if c.name in rows[0] and isinstance(c.type, Date)]
    stamps = [c.name for c in table.columns if c.name in rows[0] and isinstance(c.type, DateTime)]
    for row in rows:
        for name in dates:
            if row[name] is not None:
                row[name] = row[name].isoformat()
        for name in stamps:
            if row[name] is not None:
                row[name] = row[name].isoformat(sep=" ", timespec="microseconds")
    marks = ", ".join("?" * len(columns))
    session.connection().exec_driver_sql(
        f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})",
        [values(row) for row in rows],
    )


@contextmanager
def _search_index_deferred(session: Session, dialect: str, first_id: int) -> Iterator[None]:
    """On SQLite, index the new customers for search in one statement at the end.

    The FTS5 insert trigger (core/search/sqlite_fts.py) costs over 100 us a row, more than
    the row itself. The trigger is dropped and re-created inside this transaction, so a
    rollback or cancel puts it back, and no other connection ever sees it missing.
    """
    trigger_sql = None
    if dialect == "sqlite":
        trigger_sql = session.scalar(text(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"
        ), {"name": _FTS_INSERT_TRIGGER})
    if trigger_sql is None:
        yield
        return
    session.execute(text(f"DROP TRIGGER {_FTS_INSERT_TRIGGER}"))
    yield
    session.execute(text(
        "INSERT INTO customers_fts(rowid, search_text) "
        "SELECT id, search_text FROM customers WHERE id >= :first_id"
    ), {"first_id": first_id})
    session.execute(text(trigger_sql))


def _reset_sequences(session: Session) -> None:
    # Explicit ids do not move PostgreSQL's serial sequences; the next add_customer would clash.
    for table in ("customers", "interactions", "moments", "tags"):
        session.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table} "
            "HAVING max(id) IS NOT NULL"
        ))
