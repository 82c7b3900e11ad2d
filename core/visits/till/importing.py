"""Importing visits and purchases from a till export: one transaction, all or nothing.

`import_visits` streams the file in batches of entries (an order's rows make one), finds
each entry's customer (matching.py), creates customers for the unmatched or skips them as
asked, stores each purchase once (an order id already imported, or a row with no id whose
customer, date, amount and note are already there, is counted as already imported), and
at the end refreshes the statistics and `customer_since` in set-based SQL. A refused file,
a cancel or a crash leaves the database as it was: the caller's unit of work rolls back.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Table, text
from sqlalchemy.orm import Session

from core.customers.services import insert_customer_rows, refresh_customer_stats
from core.customers.types import customer_keys_of, normalize_email
from core.interchange.errors import ImportRefused
from core.interchange.services import (
    OWN_SOURCE,
    CsvStream,
    add_customer_external_ids,
    finish_import_run,
    open_csv,
    sniff_file,
    start_import_run,
)
from core.kernel.changes import Changes
from core.kernel.errors import Problem
from core.kernel.jobs import (
    CancelCheck,
    Cancelled,
    Progress,
    collector_paused,
    never_cancelled,
    no_progress,
)
from core.kernel.money import currency_exponent
from core.settings.services import get_business_profile
from core.store.base import Base
from core.store.bulk_insert import bulk_insert_tuples
from core.store.changes import note_changes
from core.store.db import Database
from core.store.dialects import dialect_of
from core.store.job_locks import IMPORT_CUSTOMERS, IMPORT_VISITS, take_job_locks
from core.visits.till.formats import AUTO, FORMATS, Detected, detect_till_format
from core.visits.till.matching import CustomerFinder, EntryKeys, name_parts
from core.visits.till.rows import OTHER_CURRENCY, WARNING_CODES, Entry, EntryReader

log = logging.getLogger(__name__)

CREATE, SKIP = "create", "skip"
UNMATCHED_CHOICES = (CREATE, SKIP)
BATCH_ENTRIES = 2_000
MAX_KEPT_PROBLEMS = 10_000
MAX_LISTED_UNMATCHED = 500
READING_SHARE = 0.9
# Whole-file refusals (ImportRefused.code), beside the interchange area's.
NO_DATE_COLUMN = "no_date_column"
NO_CUSTOMER_COLUMN = "no_customer_column"
UNDECODABLE_ROW = "undecodable"
_IDENTIFYING = frozenset({"customer_ref", "customer_ref_alt", "email", "phone", "name",
                          "first_name", "last_name"})
_BUSINESS = "('visit', 'purchase')"
_DAY_FIRST_NOT = frozenset({"US", "PH", "CA", "FM", "MH", "PW"})


@dataclass(frozen=True)
class VisitImportOptions:
    format: str = AUTO  # auto, or one of formats.FORMATS
    encoding: str = "auto"
    delimiter: str = "auto"
    unmatched: str = SKIP  # create customers for rows that match no one, or skip them
    day_first: bool | None = None  # None: the business region's habit
    today: dt.date | None = None


@dataclass(frozen=True)
class UnmatchedRow:
    """A row that matched no customer, as the file names the person."""

    line: int
    name: str
    email: str
    phone: str
    occurred_on: dt.date | None


@dataclass(frozen=True)
class VisitImportSummary:
    run_id: int | None
    file: str
    format: str
    encoding: str
    delimiter: str
    rows: int  # data rows read
    purchases: int  # stored now
    visits: int  # stored now (no amount)
    refunds: int  # stored now
    matched: int  # entries whose customer was found
    created: int  # customers created for entries that matched no one
    skipped: int  # entries left out: unmatched (when skipping), no customer named, voided
    already_imported: int
    rejected: int  # entries that could not be read
    unmatched: int  # entries that matched no one (created for, or skipped)
    anonymous: int  # entries that name no customer (a walk-in sale)
    other_currency: int  # kept without their amount
    customers: int  # customers whose history changed
    problems: tuple[Problem, ...]
    problem_total: int
    unmatched_rows: tuple[UnmatchedRow, ...] = ()
    dry_run: bool = False

    def as_report(self) -> dict[str, object]:
        """The JSON report of `main.py import visits --report`."""
        return {
            "file": self.file, "format": self.format, "encoding": self.encoding,
            "delimiter": self.delimiter, "dry_run": self.dry_run, "import_id": self.run_id,
            "counts": {"rows": self.rows, "purchases": self.purchases, "visits": self.visits,
                       "refunds": self.refunds, "matched": self.matched,
                       "created": self.created, "skipped": self.skipped,
                       "already_imported": self.already_imported,
                       "rejected": self.rejected, "unmatched": self.unmatched,
                       "no_customer": self.anonymous, "other_currency": self.other_currency},
            "problem_total": self.problem_total,
            "problems": [{"line": p.line, "field": p.field, "reason": p.code,
                          "detail": p.detail, "rejected": is_rejection(p)}
                         for p in self.problems],
            "unmatched_rows": [{"line": u.line, "name": u.name, "email": u.email,
                                "phone": u.phone} for u in self.unmatched_rows],
        }


def is_rejection(problem: Problem) -> bool:
    """Whether this problem kept its row out (rather than only its amount)."""
    return problem.code not in WARNING_CODES


@dataclass
class _Counts:
    rows: int = 0
    purchases: int = 0
    visits: int = 0
    refunds: int = 0
    matched: int = 0
    created: int = 0
    skipped: int = 0
    already: int = 0
    rejected: int = 0
    unmatched: int = 0
    anonymous: int = 0
    other_currency: int = 0
    problem_total: int = 0
    problems: list[Problem] = field(default_factory=list)
    unmatched_rows: list[UnmatchedRow] = field(default_factory=list)
    created_ranges: list[int] = field(default_factory=list)

    def problem(self, problem: Problem) -> None:
        self.problem_total += 1
        if len(self.problems) < MAX_KEPT_PROBLEMS:
            self.problems.append(problem)


@dataclass(frozen=True)
class OpenedFile:
    """A till export opened for reading: its format and the stream at its first row."""

    path: Path
    stream: CsvStream
    detected: Detected
    encoding: str
    delimiter: str


def open_till_file(path: Path, options: VisitImportOptions) -> OpenedFile:
    """Sniff, read the header and recognise the format; raises ImportRefused."""
    if options.format not in (AUTO, *FORMATS):
        raise ValueError(f"unknown format {options.format!r}")
    sniffed = sniff_file(path, encoding=options.encoding, delimiter=options.delimiter)
    stream = open_csv(path, encoding=sniffed.encoding, delimiter=sniffed.delimiter)
    try:
        header = stream.read_header()
        detected = detect_till_format(header, options.format)
        if not (detected.has("date") or detected.has("date_alt")):
            raise ImportRefused(NO_DATE_COLUMN, line=1, file=str(path))
        if not _IDENTIFYING & set(detected.mapping):
            raise ImportRefused(NO_CUSTOMER_COLUMN, line=1, file=str(path))
    except BaseException:
        stream.close()
        raise
    return OpenedFile(path, stream, detected, sniffed.encoding, sniffed.delimiter)


def import_visits(session: Session, path: Path, *,
                  options: VisitImportOptions = VisitImportOptions(),
                  progress: Progress = no_progress,
                  is_cancelled: CancelCheck = never_cancelled) -> VisitImportSummary:
    """Import a till export's visits and purchases into the session's transaction, record
    it in the import history (undo takes its visits out again and its new customers to
    the trash), and refresh the statistics of every customer it touched.

    Raises ImportRefused (the file as a whole) or Cancelled; the caller rolls back."""
    if options.unmatched not in UNMATCHED_CHOICES:
        raise ValueError(f"unknown choice for unmatched rows {options.unmatched!r}")
    # Another desk's till import first; and its customer import too when this one may
    # create customers (it must find the ones that import brings).
    kinds = (IMPORT_VISITS, IMPORT_CUSTOMERS) if options.unmatched == CREATE \
        else (IMPORT_VISITS,)
    take_job_locks(session, *kinds, is_cancelled=is_cancelled)
    profile = get_business_profile(session)
    today = options.today or dt.date.today()
    opened = open_till_file(path, options)
    try:
        day_first = options.day_first
        if day_first is None:
            day_first = opened.detected.day_first if opened.detected.day_first is not None \
                else profile.region.upper() not in _DAY_FIRST_NOT
        reader = EntryReader(opened.detected, currency=profile.currency,
                             exponent=currency_exponent(profile.currency),
                             day_first=day_first, today=today)
        writer = _Writer(session, opened, options, profile.currency, profile.region)
        total = max(1, opened.stream.total_bytes)
        with collector_paused():
            for batch in _batches(reader.entries(_rows(opened.stream, writer.counts))):
                if is_cancelled():
                    raise Cancelled()
                writer.write(batch)
                progress(int(READING_SHARE * opened.stream.bytes_read), total)
        writer.counts.rows = reader.rows
        writer.finish(today)
        progress(total, total)
    finally:
        opened.stream.close()
    return writer.summary()


def run_visit_import(db: Database, path: Path, *,
                     options: VisitImportOptions = VisitImportOptions(),
                     dry_run: bool = False, progress: Progress = no_progress,
                     is_cancelled: CancelCheck = never_cancelled) -> VisitImportSummary:
    """The import as a long job with its own unit of work; `dry_run` counts what it would
    do (the preview), then rolls back."""
    try:
        with db.unit_of_work() as session:
            summary = import_visits(session, path, options=options, progress=progress,
                                    is_cancelled=is_cancelled)
            if dry_run:
                raise _RolledBack(replace(summary, run_id=None, dry_run=True))
            return summary
    except _RolledBack as rolled_back:
        return rolled_back.summary


class _RolledBack(Exception):
    def __init__(self, summary: VisitImportSummary) -> None:
        super().__init__("dry run")
        self.summary = summary


def _rows(stream: CsvStream, counts: _Counts) -> Iterator[tuple[int, list[str]]]:
    for row in stream.rows():
        if row.undecodable:
            counts.rejected += 1
            counts.problem(Problem("row", UNDECODABLE_ROW, stream.encoding, row.line))
            continue
        yield row.line, row.values


def _batches(entries: Iterator[Entry]) -> Iterator[list[Entry]]:
    batch: list[Entry] = []
    for entry in entries:
        batch.append(entry)
        if len(batch) >= BATCH_ENTRIES:
            yield batch
            batch = []
    if batch:
        yield batch


def _interactions() -> Table:
    return Base.metadata.tables["interactions"]


class _Writer:
    """Writes the batches of one import run."""

    def __init__(self, session: Session, opened: OpenedFile, options: VisitImportOptions,
                 currency: str, region: str) -> None:
        self.session = session
        self.opened = opened
        self.options = options
        self.currency = currency.upper()
        self.source = opened.detected.source
        if not self.source.isalnum():  # it goes into SQL as a literal (our own names)
            raise ValueError(f"unexpected source {self.source!r}")
        self.finder = CustomerFinder(session, self.source, region)
        self.counts = _Counts()
        self.run_id = start_import_run(
            session, file_name=opened.path.name, format=opened.detected.format,
            encoding=opened.encoding, delimiter=opened.delimiter,
            on_duplicate=f"{options.unmatched}-unmatched")
        self.now = dt.datetime.now().replace(microsecond=0)
        self._allocate_ids = dialect_of(session).id_allocator(session.connection(), "customers")
        # The people this import created, by what named them: found again in a later batch
        # even when the database cannot tell them apart (a name that two customers share).
        # It grows with the new people, not with the file.
        self._created: dict[str, int] = {}

    def write(self, entries: list[Entry]) -> None:
        counts = self.counts
        usable: list[Entry] = []
        for entry in entries:
            for problem in entry.problems:
                counts.problem(problem)
            if entry.rejected:
                counts.rejected += 1
            elif entry.voided:
                counts.skipped += 1
            elif not entry.identified:
                counts.anonymous += 1
                counts.skipped += 1
            else:
                if entry.currency and entry.currency != self.currency \
                        and entry.amount_minor is not None:
                    counts.other_currency += 1
                    counts.problem(Problem("currency", OTHER_CURRENCY, entry.currency,
                                           entry.line))
                    if entry.refund:
                        counts.skipped += 1
                        continue
                    entry.amount_minor = None  # flagged, never converted
                usable.append(entry)
        if not usable:
            return
        keys = [self.finder.keys(entry) for entry in usable]
        found = self.finder.find(keys)
        customer_ids: list[int | None] = []
        waiting: list[int] = []
        for index, (entry, match) in enumerate(zip(usable, found)):
            if match is not None:
                counts.matched += 1
                customer_ids.append(match[0])
                continue
            counts.unmatched += 1
            customer_ids.append(None)
            if len(counts.unmatched_rows) < MAX_LISTED_UNMATCHED:
                first, last = name_parts(entry)
                counts.unmatched_rows.append(UnmatchedRow(
                    entry.line, f"{first} {last}".strip(), entry.email, entry.phone,
                    entry.occurred_on))
            if self.options.unmatched == CREATE:
                waiting.append(index)
            else:
                counts.skipped += 1
        if waiting:
            self._create(usable, keys, waiting, customer_ids)
        self._store(usable, customer_ids)

    def _create(self, entries: list[Entry], keys: list[EntryKeys], waiting: list[int],
                customer_ids: list[int | None]) -> None:
        """One new customer per person among the unmatched entries of the batch."""
        people: dict[str, list[int]] = {}
        for index in waiting:
            identity = keys[index].identity()
            if (earlier := self._created.get(identity)) is not None:
                customer_ids[index] = earlier  # one the import created (a name two share)
            else:
                people.setdefault(identity, []).append(index)
        if not people:
            return
        ids = self._allocate_ids(len(people))
        rows: list[tuple[Any, ...]] = []
        external: list[tuple[int, str, str]] = []
        for customer_id, indexes in zip(ids, people.values()):
            entry, key = entries[indexes[0]], keys[indexes[0]]
            first, last = (part[:200] for part in name_parts(entry))
            try:
                email = normalize_email(entry.email) if entry.email else ""
            except ValueError:
                email = ""
            values = {"first_name": first, "last_name": last, "organisation": "",
                      "email": email, "phone": key.phone, "postal_code": ""}
            derived = customer_keys_of(values)
            rows.append((customer_id, first, last, email, key.phone, entry.country[:100],
                         derived["search_text"], derived["sort_name"], derived["email_key"],
                         derived["name_postcode_key"]))
            if key.external is not None and key.external[0] != OWN_SOURCE:
                external.append((customer_id, *key.external))
            for index in indexes:
                customer_ids[index] = customer_id
            self._created[key.identity()] = customer_id
        insert_customer_rows(
            self.session, ["id", "first_name", "last_name", "email", "phone", "country",
                           "search_text", "sort_name", "email_key", "name_postcode_key"],
            rows, shared={
                "organisation": "", "street": "", "city": "", "region": "",
                "postal_code": "", "notes": "", "needs_checking": "",
                "source": self.source, "customer_since": None, "stage": "prospect",
                "visit_count": 0, "lifetime_value_minor": 0, "no_mail": False,
                "no_email": False, "no_birthday_cards": False, "created_at": self.now,
                "updated_at": self.now})
        add_customer_external_ids(self.session, external)
        self.counts.created += len(ids)
        _extend_ranges(self.counts.created_ranges, ids)

    def _store(self, entries: list[Entry], customer_ids: list[int | None]) -> None:
        """The entries with a customer, each once: those already stored are counted."""
        keyed: dict[str, tuple[int, Entry]] = {}
        for entry, customer_id in zip(entries, customer_ids):
            if customer_id is None:
                continue
            key = _external_id(entry, customer_id)
            if key in keyed:
                self.counts.already += 1
                continue
            keyed[key] = (customer_id, entry)
        if not keyed:
            return
        connection = self.session.connection()
        select = ("SELECT external_id, id FROM interactions WHERE source = "
                  f"'{self.source}' AND external_id ")
        for sql, params in dialect_of(connection).key_lookups(select, sorted(keyed)):
            for external_id, _ in connection.exec_driver_sql(sql, params):
                if keyed.pop(external_id, None) is not None:
                    self.counts.already += 1
        rows = []
        for external_id, (customer_id, entry) in keyed.items():
            kind = entry.kind
            rows.append((customer_id, kind, entry.occurred_on, entry.amount_minor,
                         entry.full_note(), external_id))
            if kind == "purchase":
                self.counts.purchases += 1
            elif kind == "visit":
                self.counts.visits += 1
            else:
                self.counts.refunds += 1
        if rows:
            bulk_insert_tuples(
                self.session, _interactions(),
                ["customer_id", "kind", "occurred_on", "amount_minor", "note", "external_id"],
                rows, shared={"source": self.source, "import_run_id": self.run_id})

    def finish(self, today: dt.date) -> None:
        """customer_since and the statistics of every customer the import touched, in
        set-based statements; then the history row's counts."""
        session, run = self.session, {"run": self.run_id}
        touched = [row[0] for row in session.execute(text(
            "SELECT DISTINCT customer_id FROM interactions WHERE import_run_id = :run"), run)]
        first_visit = ("(SELECT min(i.occurred_on) FROM interactions i WHERE"
                       f" i.customer_id = customers.id AND i.kind IN {_BUSINESS})")
        in_run = ("id IN (SELECT customer_id FROM interactions WHERE import_run_id = :run"
                  f" AND kind IN {_BUSINESS})")
        # What undo puts back: customer_since before and after, where it moves.
        session.execute(text(
            "INSERT INTO import_changes (run_id, customer_id, before, after, added_tag_ids)"
            " SELECT :run, id, '{\"customer_since\": ' || CASE WHEN customer_since IS NULL"
            " THEN 'null' ELSE '\"' || CAST(customer_since AS TEXT) || '\"' END || '}',"
            f" '{{\"customer_since\": \"' || CAST({first_visit} AS TEXT) || '\"}}', '[]'"
            f" FROM customers WHERE {in_run} AND (customer_since IS NULL"
            f" OR customer_since > {first_visit})"), run)
        session.execute(text(
            f"UPDATE customers SET customer_since = {first_visit} WHERE {in_run}"
            f" AND (customer_since IS NULL OR customer_since > {first_visit})"), run)
        live = session.execute(text(
            "SELECT count(*) FROM customers WHERE deleted_at IS NULL")).scalar_one()
        # Most customers touched: one statement over everyone costs less than chunks.
        refresh_customer_stats(session, None if len(touched) > live // 2 else touched,
                               today=today)
        counts = self.counts
        self.touched = len(touched)
        finish_import_run(
            session, self.run_id, created=counts.created,
            updated=len(touched) - counts.created, skipped=counts.skipped + counts.already,
            rejected=counts.rejected, created_ranges=counts.created_ranges,
            problems=counts.problems, problem_total=counts.problem_total)
        note_changes(session, Changes(customers=True, interactions=True, imports=True))
        log.info("visit import %s of %s: %s", self.run_id, self.opened.path.name,
                 {k: v for k, v in vars(counts).items() if isinstance(v, int)})

    def summary(self) -> VisitImportSummary:
        c, opened = self.counts, self.opened
        return VisitImportSummary(
            self.run_id, str(opened.path), opened.detected.format, opened.encoding,
            opened.delimiter, c.rows, c.purchases, c.visits, c.refunds, c.matched, c.created,
            c.skipped, c.already, c.rejected, c.unmatched, c.anonymous, c.other_currency,
            getattr(self, "touched", 0), tuple(c.problems), c.problem_total,
            tuple(c.unmatched_rows))


def _external_id(entry: Entry, customer_id: int) -> str:
    """The entry's key among the source's: its order id (a refund's apart), or for a row
    with none, its customer, date, amount and note."""
    if entry.order_id:
        return f"{entry.order_id}/refund" if entry.refund else entry.order_id
    digest = hashlib.sha1(f"{customer_id}|{entry.occurred_on}|{entry.amount_minor}|"
                          f"{entry.full_note()}".encode(), usedforsecurity=False)
    return f"~{digest.hexdigest()}"


def _extend_ranges(ranges: list[int], ids: list[int]) -> None:
    """Add ids to [first, last, first, last, ...] runs, joining consecutive ones."""
    for customer_id in ids:
        if ranges and ranges[-1] == customer_id - 1:
            ranges[-1] = customer_id
        else:
            ranges.extend((customer_id, customer_id))


@dataclass(frozen=True)
class TillPreview:
    """How a till export was read, before anything is imported: its format, encoding and
    separator, the field each column gives ("" for none) and its first rows as written."""

    format: str
    encoding: str
    delimiter: str
    header: tuple[str, ...]
    mapping: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (line, values)

    def columns_for(self, *fields: str) -> tuple[str, ...]:
        """The header names of the columns that give any of `fields`, in file order."""
        return tuple(name for name, given in zip(self.header, self.mapping)
                     if given in fields)


def preview_till_file(path: Path, options: VisitImportOptions = VisitImportOptions(), *,
                      rows: int = 12) -> TillPreview:
    """The first rows of a till export and how they will be read; raises ImportRefused."""
    opened = open_till_file(path, options)
    try:
        first: list[tuple[int, tuple[str, ...]]] = []
        for row in opened.stream.rows():
            first.append((row.line, tuple(row.values)))
            if len(first) >= rows:
                break
        return TillPreview(opened.detected.format, opened.encoding, opened.delimiter,
                           tuple(opened.stream.header), opened.detected.mapping, tuple(first))
    finally:
        opened.stream.close()
