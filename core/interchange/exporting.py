"""What every export shares: customers streamed in chunks, and files written safely."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.customer_types import display_name
from core.interchange.models import CustomerContact, table_of
from core.jobs import CancelCheck, Cancelled
from core.models import Customer, CustomerTag, Tag
from core.validation import PartialDate

CHUNK = 1000
T = TypeVar("T")


@dataclass(frozen=True)
class CustomerExport:
    id: int
    first_name: str
    last_name: str
    organisation: str
    email: str
    phone: str
    street: str
    city: str
    region: str
    postal_code: str
    country: str
    notes: str
    birthday: str  # YYYY-MM-DD, --MM-DD, or ""
    tags: tuple[str, ...]
    other_emails: tuple[str, ...]
    other_phones: tuple[str, ...]

    @property
    def display_name(self) -> str:
        return display_name(self.first_name, self.last_name, self.organisation)


_COLUMNS = ("id", "first_name", "last_name", "organisation", "email", "phone", "street", "city",
            "region", "postal_code", "country", "notes", "birthday_month", "birthday_day",
            "birthday_year")


def export_ids(session: Session, customer_ids: Sequence[int] | None) -> list[int]:
    """The ids to export, in order: the ones given, or every live customer by name."""
    if customer_ids is not None:
        return list(dict.fromkeys(customer_ids))
    c = table_of(Customer).c
    return list(session.scalars(
        select(c.id).where(c.deleted_at.is_(None)).order_by(c.sort_name, c.id)))


def _grouped(rows: Any) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = {}
    for key, *rest in rows:
        found.setdefault(key, []).append(rest[0] if len(rest) == 1 else tuple(rest))
    return found


def iter_export_rows(
    session: Session, customer_ids: Sequence[int] | None, is_cancelled: CancelCheck
) -> Iterator[tuple[CustomerExport, int, int]]:
    """(row, rows done, total) for each customer, fetched a chunk at a time."""
    ids = export_ids(session, customer_ids)
    table = table_of(Customer)
    columns = [table.c[n] for n in _COLUMNS]
    done = 0
    for start in range(0, len(ids), CHUNK):
        if is_cancelled():
            raise Cancelled()
        chunk = ids[start : start + CHUNK]
        rows = {r[0]: r for r in session.execute(select(*columns).where(table.c.id.in_(chunk)))}
        tags = _grouped(session.execute(
            select(CustomerTag.customer_id, Tag.name).join(Tag, Tag.id == CustomerTag.tag_id)
            .where(CustomerTag.customer_id.in_(chunk)).order_by(Tag.name)))
        contacts = _grouped(session.execute(
            select(CustomerContact.customer_id, CustomerContact.kind, CustomerContact.value)
            .where(CustomerContact.customer_id.in_(chunk)).order_by(CustomerContact.id)))
        for customer_id in chunk:
            row = rows.get(customer_id)
            if row is None:
                continue
            done += 1
            month, day, year = row[12], row[13], row[14]
            extra = contacts.get(customer_id, [])
            yield CustomerExport(
                *row[:12],  # type: ignore[misc]  # id and the eleven text columns
                birthday=PartialDate(month, day, year).iso() if month and day else "",
                tags=tuple(tags.get(customer_id, ())),
                other_emails=tuple(v for k, v in extra if k == "email"),
                other_phones=tuple(v for k, v in extra if k == "phone"),
            ), done, len(ids)


def write_atomically(path: Path, write: Callable[[Any], T], *, encoding: str,
                     newline: str | None = None) -> T:
    """Call write(handle) on a temporary file beside `path`, then rename it over `path`."""
    path = Path(path)
    handle_fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                            dir=path.parent or Path("."))
    try:
        with os.fdopen(handle_fd, "w", encoding=encoding, newline=newline) as handle:
            result = write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    return result
