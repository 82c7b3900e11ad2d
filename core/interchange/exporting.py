"""What every export shares: customers streamed in chunks, and files written safely."""
from __future__ import annotations

import os
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from sqlalchemy.orm import Session

from core.customers.types import display_name, partial_date_iso
from core.kernel.jobs import CancelCheck, Cancelled
from core.store.damage import is_undecodable, undecodable_row

CHUNK = 1000
T = TypeVar("T")


class Moment(NamedTuple):
    """An anniversary or life event as exports write it."""

    kind: str  # anniversary, life_event
    life_event: str  # wedding, new_baby, ... ("" for an anniversary)
    date: str  # YYYY-MM-DD or --MM-DD
    note: str


class CustomerExport(NamedTuple):
    """One customer as exports write it; a tuple, so a chunk of 1,000 costs little to build."""

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
    lifetime_value_minor: int = 0  # minor units of the business currency
    # The rest of the record, which the CSV export carries whole (see Moment below).
    customer_since: str = ""  # YYYY-MM-DD or ""
    source: str = ""
    referred_by_id: int | None = None
    no_mail: bool = False
    no_email: bool = False
    no_birthday_cards: bool = False
    no_calls: bool = False
    no_campaigns: bool = False
    stage: str = ""
    visit_count: int = 0
    last_visit: str = ""  # YYYY-MM-DD or ""
    email_consent: bool | None = None
    sms_consent: bool | None = None
    moments: tuple[Moment, ...] = ()

    @property
    def display_name(self) -> str:
        return display_name(self.first_name, self.last_name, self.organisation)


_COLUMNS = ("id", "first_name", "last_name", "organisation", "email", "phone", "street", "city",
            "region", "postal_code", "country", "notes", "birthday_month", "birthday_day",
            "birthday_year", "lifetime_value_minor", "customer_since", "source", "referred_by_id",
            "no_mail", "no_email", "no_birthday_cards", "no_calls", "no_campaigns", "stage",
            "visit_count",
            "last_interaction_on")
# The consent (at most one row a customer) comes in the same query: a statement with a
# thousand ids costs about a millisecond to parse, a join almost nothing.
_CUSTOMERS_SQL = (f"SELECT {', '.join('c.' + name for name in _COLUMNS)},"
                  " cc.email_marketing, cc.sms_marketing FROM customers c"
                  " LEFT JOIN customer_consents cc ON cc.customer_id = c.id"
                  " WHERE c.id IN ({ids})")
_TAGS_SQL = ("SELECT ct.customer_id, t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id"
             " WHERE ct.customer_id IN ({ids}) ORDER BY t.name")
_CONTACTS_SQL = ("SELECT customer_id, kind, value FROM customer_contacts"
                 " WHERE customer_id IN ({ids}) ORDER BY id")
# Whether a table has any rows: most shops keep no moments or extra contacts for most
# customers, and a database without any is not asked for them chunk by chunk.
_ANY_SQL = "SELECT EXISTS (SELECT 1 FROM {table})"
_MOMENTS_SQL = ("SELECT customer_id, kind, life_event, month, day, year, note FROM moments"
                " WHERE customer_id IN ({ids}) ORDER BY month, day, id")


class RawReader:
    """Queries on the DB-API connection behind a session, inside its transaction.

    SQLAlchemy's statement building and row objects cost more than the export itself
    (about 10 us a customer); plain cursors return plain tuples.
    """

    def __init__(self, session: Session) -> None:
        session.flush()  # the cursor bypasses autoflush: pending changes must be visible
        self._driver = session.connection().connection.driver_connection

    def rows(self, sql: str, ids: Sequence[int] = ()) -> list[Any]:
        """Rows of `sql`; `{ids}` in it becomes the ids, written as integer literals."""
        # Literals, not parameters: the same text runs on sqlite3 (?) and psycopg (%s),
        # and int() keeps anything but numbers out of the statement.
        statement = sql.format(ids=",".join(map(str, map(int, ids))))
        cursor = self._driver.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(statement)
            return list(cursor.fetchall())
        except Exception as exc:
            if is_undecodable(exc):
                # Every export query starts with the customer's id.
                raise undecodable_row(self._driver, statement, table="customers",
                                      field_name=_export_field) from exc
            raise
        finally:
            cursor.close()


def _export_field(column: str, row: dict[str, Any]) -> str:
    """A contact's value is named by its kind ("email"), a tag's name as tags."""
    if column == "value":
        return bytes(row.get("kind") or b"").decode("utf-8", "replace")
    return "tags" if column == "name" else column


def export_ids(session: Session, customer_ids: Sequence[int] | None) -> list[int]:
    """The ids to export, in order: the ones given, or every live customer by name."""
    if customer_ids is not None:
        return list(dict.fromkeys(customer_ids))
    return [row[0] for row in RawReader(session).rows(
        "SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY sort_name, id")]


def _grouped(rows: list[Any]) -> dict[int, list[Any]]:
    """Each customer's rows (without the id; the value alone of (id, value) rows)."""
    found: dict[int, list[Any]] = {}
    if rows and len(rows[0]) == 2:  # tags, the common case: no star-unpacking per row
        for key, value in rows:
            if (values := found.get(key)) is None:
                found[key] = [value]
            else:
                values.append(value)
        return found
    for key, *rest in rows:
        found.setdefault(key, []).append(tuple(rest))
    return found


def iter_export_chunks(
    session: Session, customer_ids: Sequence[int] | None, is_cancelled: CancelCheck
) -> Iterator[tuple[list[CustomerExport], int, int]]:
    """(rows, rows done, total) for each chunk of customers, in export order."""
    reader = RawReader(session)
    ids = export_ids(session, customer_ids)
    done = 0
    no_extra: list[tuple[str, str]] = []
    any_moments, any_contacts = (bool(reader.rows(_ANY_SQL.replace("{table}", table))[0][0])
                                 for table in ("moments", "customer_contacts"))
    moments: dict[int, list[Any]] = {}
    contacts: dict[int, list[Any]] = {}
    for start in range(0, len(ids), CHUNK):
        if is_cancelled():
            raise Cancelled()
        chunk = ids[start : start + CHUNK]
        rows = {r[0]: r for r in reader.rows(_CUSTOMERS_SQL, chunk)}
        tags = _grouped(reader.rows(_TAGS_SQL, chunk))
        if any_contacts:
            contacts = _grouped(reader.rows(_CONTACTS_SQL, chunk))
        if any_moments:
            moments = _grouped(reader.rows(_MOMENTS_SQL, chunk))
        found = []
        for customer_id in chunk:
            row = rows.get(customer_id)
            if row is None:
                continue
            month, day, year = row[12], row[13], row[14]
            extra = contacts.get(customer_id, no_extra)
            found.append(CustomerExport._make(row[:12] + (  # id and the eleven text columns
                partial_date_iso(month, day, year) if month and day else "",
                tuple(tags.get(customer_id, ())),
                tuple([v for k, v in extra if k == "email"]) if extra else (),
                tuple([v for k, v in extra if k == "phone"]) if extra else (),
                row[15], _iso(row[16]), row[17], row[18], bool(row[19]), bool(row[20]),
                bool(row[21]), bool(row[22]), bool(row[23]), row[24], row[25], _iso(row[26]),
                None if row[27] is None else bool(row[27]),
                None if row[28] is None else bool(row[28]),
                tuple([Moment(kind, event, partial_date_iso(month, day, year), note)
                       for kind, event, month, day, year, note in moments[customer_id]])
                if customer_id in moments else (),
            )))
        done += len(found)
        yield found, done, len(ids)


def _iso(value: Any) -> str:
    """A stored date as YYYY-MM-DD (SQLite's driver returns the text, psycopg a date)."""
    if value.__class__ is str:
        return value
    return "" if value is None else str(value.isoformat())


def iter_export_rows(
    session: Session, customer_ids: Sequence[int] | None, is_cancelled: CancelCheck
) -> Iterator[tuple[CustomerExport, int, int]]:
    """(row, rows done, total) for each customer, fetched a chunk at a time."""
    for rows, done, total in iter_export_chunks(session, customer_ids, is_cancelled):
        for n, row in enumerate(rows, start=done - len(rows) + 1):
            yield row, n, total


_umask_lock = threading.Lock()


def current_umask() -> int:
    """The process's umask, read without changing it where the system tells it (Linux);
    elsewhere set and put back at once, under a lock."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    with _umask_lock:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def file_mode_for(path: Path) -> int:
    """The permissions a file written at `path` gets: those of the file it replaces, or
    what the user's umask gives a new file (as `open` would), not mkstemp's owner-only."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~current_umask()


def write_atomically(path: Path, write: Callable[[Any], T], *, encoding: str,
                     newline: str | None = None) -> T:
    """Call write(handle) on a temporary file beside `path`, then rename it over `path`.
    The file keeps the permissions of the one it replaces (see file_mode_for)."""
    path = Path(path)
    mode = file_mode_for(path)
    handle_fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                            dir=path.parent or Path("."))
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(handle_fd, mode)
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
