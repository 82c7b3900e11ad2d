"""Importing customers from a CSV or vCard file: one transaction, all or nothing.

`import_customers` streams the file in batches, checks every row, matches duplicates
against the database and the file, writes with bulk inserts, records the run in the
import history, and refreshes statistics once at the end. A refused file, a cancel or a
crash leaves the database as it was: the caller's unit of work rolls back.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from core.customers.services import refresh_customer_stats
from core.desks.services import record_import_run
from core.interchange.cleaning import (
    CleanedBatch,
    CleaningProcesses,
    CsvPlan,
    cleaned_batches,
    csv_rows,
    helper_count,
    worth_a_helper,
)
from core.interchange.deferred_indexes import DeferredSortIndexes
from core.interchange.errors import ImportRefused
from core.interchange.formats import FORMATS, IGNORE, detect_format, program_name
from core.interchange.models import ImportRun
from core.interchange.outcomes import PossibleDuplicate, RowOutcome
from core.interchange.problems import (
    NO_ROWS,
    NO_USABLE_COLUMNS,
    UNREADABLE_FILE,
    is_rejection,
)
from core.interchange.reading import open_csv
from core.interchange.records import RecordCleaner
from core.interchange.sniffing import sniff_file
from core.interchange.writing import POLICIES, SKIP, BatchWriter, extend_ranges
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
from core.store.changes import note_changes
from core.store.db import Database, larger_page_cache
from core.store.dialects import dialect_for
from core.store.job_locks import IMPORT_CUSTOMERS, take_job_locks

log = logging.getLogger(__name__)

BATCH_SIZE = 1000
# The progress bar's share for reading and writing rows; indexing them for search and for
# the list's sorting takes most of the rest (a quarter of a large import's time).
READING_SHARE = 0.75
# The search index takes the new customers every so many rows, while the cleaning helpers
# keep both cores busy, rather than all of them at the end with one core idle. Each catch-up
# writes an index segment that FTS5 merges later, so not too often.
SEARCH_CATCH_UP_ROWS = 50_000
IMPORT_PAGE_CACHE_MB = 64  # SQLite's, for the import's connection (see larger_page_cache)
MAX_KEPT_PROBLEMS = 10_000  # in the summary; the history keeps fewer
MAX_STORED_PROBLEMS = 1_000
_IDENTIFYING = frozenset({"first_name", "last_name", "full_name", "organisation", "email",
                          "phone"})
_DAY_FIRST_TERRITORIES_NOT = frozenset({"US", "PH", "CA", "FM", "MH", "PW"})


@dataclass(frozen=True)
class ImportOptions:
    format: str = "auto"  # auto, or one of formats.FORMATS
    encoding: str = "auto"
    delimiter: str = "auto"  # auto , ; tab pipe
    on_duplicate: str = SKIP  # skip, fill, overwrite
    mapping: tuple[str, ...] | None = None  # one field per column, overrides detection
    day_first: bool | None = None  # None: the exporter's convention or the business locale
    today: dt.date | None = None
    # Lines of possible duplicates (email or phone matched someone with another name) the
    # owner said are the same person; the others come in as new customers.
    same_person: frozenset[int] = frozenset()


@dataclass(frozen=True)
class SourceInfo:
    kind: str  # csv, vcard
    format: str
    encoding: str
    delimiter: str
    header: tuple[str, ...]
    mapping: tuple[str, ...]
    day_first: bool

    @property
    def unmapped_columns(self) -> tuple[str, ...]:
        """The header's columns that nothing is imported from, named as the file names them."""
        return tuple(name for name, field in zip(self.header, self.mapping)
                     if not field and name.strip())


@dataclass(frozen=True)
class ImportSummary:
    run_id: int | None
    file: str
    source: SourceInfo
    tag_name: str
    created: int
    updated: int
    skipped: int
    rejected: int
    problems: tuple[Problem, ...]
    problem_total: int
    dry_run: bool = False
    warnings: int = 0  # problems of rows imported all the same (a value left out)
    # Rows that matched a customer (skipped, filled, overwritten) or were kept apart from
    # one, and the possible duplicates; the first MAX_KEPT_PROBLEMS of each.
    outcomes: tuple[RowOutcome, ...] = ()
    possible_duplicates: tuple[PossibleDuplicate, ...] = ()
    possible_total: int = 0

    @property
    def first_rejection(self) -> tuple[Problem, ...]:
        """The problems of the first rejected row that is listed ("what went wrong"), its
        warnings first (a bad email is why an email-only row had nothing left)."""
        first = next((p for p in self.problems if is_rejection(p)), None)
        if first is None:
            return ()
        return tuple(p for p in self.problems if p.line == first.line)

    def as_report(self) -> dict[str, object]:
        """The JSON report of `main.py import --report`."""
        return {
            "file": self.file, "format": self.source.format, "encoding": self.source.encoding,
            "delimiter": self.source.delimiter, "dry_run": self.dry_run,
            "counts": {"created": self.created, "updated": self.updated,
                       "skipped": self.skipped, "rejected": self.rejected,
                       "warnings": self.warnings,
                       "possible_duplicates": self.possible_total},
            "unmapped_columns": list(self.source.unmapped_columns),
            "import_id": self.run_id, "tag": self.tag_name,
            "problem_total": self.problem_total,
            "problems": [{"line": p.line, "field": p.field, "reason": p.code,
                          "detail": p.detail, "rejected": is_rejection(p)} for p in self.problems],
            "rows": [{"line": o.line, "outcome": o.outcome, "customer_id": o.customer_id,
                      "customer": o.customer_name, "matched_on": o.matched_on}
                     for o in self.outcomes],
            "possible_duplicates": [
                {"line": d.line, "matched_on": d.matched_on, "name": d.row.name,
                 "customer_id": d.customer_id, "customer": d.customer.name,
                 "treated_as_same_person": d.same_person} for d in self.possible_duplicates],
        }


def count_warnings(problems: list[Problem] | tuple[Problem, ...]) -> int:
    """The warnings of rows imported all the same; a rejected row's are not counted (a bad
    email is listed with the row it left with nothing that identifies anyone)."""
    rejected = {p.line for p in problems if is_rejection(p)}
    return sum(1 for p in problems if p.line not in rejected)


class _Source:
    """The rows of a file, as raw rows (line, field -> values) or as cleaned batches."""

    def __init__(self, path: Path, info: SourceInfo,
                 rows: Iterator[tuple[int, dict[str, list[str]]] | Problem],
                 position: Callable[[], int], total: int, close: Callable[[], None]) -> None:
        self.path, self.info, self.rows, self.total = path, info, rows, total
        self.position, self._close = position, close
        self._helper: CleaningProcesses | None = None

    def batches(self, region: str, batch_size: int, money_exponent: int = 2,
                currency: str = "") -> Iterator[CleanedBatch]:
        """Cleaned batches; a large CSV is cleaned by helper processes (see cleaning.py)."""
        info = self.info
        if info.kind == "csv" and worth_a_helper(self.total):
            count = helper_count()
            log.info("cleaning %s (%d bytes) in %d helper processes", self.path.name,
                     self.total, count)
            self._helper = CleaningProcesses(CsvPlan(
                str(self.path), info.encoding, info.delimiter, info.mapping, region,
                info.day_first, money_exponent, currency), batch_size, count)
            return self._helper.batches()
        cleaner = self.cleaner(region, money_exponent, currency)
        return cleaned_batches(self.rows, cleaner, self.position, batch_size)

    def cleaner(self, region: str, money_exponent: int, currency: str = "") -> RecordCleaner:
        """The cleaner for this source's rows in this process (a card's has more to say)."""
        kind: type[RecordCleaner] = RecordCleaner
        if self.info.kind == "vcard":
            from core.interchange.vcard import VcardCleaner

            kind = VcardCleaner
        # A CSV's rows come without "null", "N/A", ... (records.raw_row_builder); a card's not.
        return kind(region=region, day_first=self.info.day_first,
                    money_exponent=money_exponent, currency=currency,
                    empty_marks_removed=self.info.kind == "csv")

    def close(self) -> None:
        if self._helper is not None:
            self._helper.close()
        self._close()


def is_vcard(path: Path) -> bool:
    if path.suffix.lower() in (".vcf", ".vcard"):
        return True
    try:
        with open(path, "rb") as handle:
            head = handle.read(64).lstrip(b"\xef\xbb\xbf \r\n\t").upper()
    except OSError as exc:
        raise ImportRefused(UNREADABLE_FILE, detail=type(exc).__name__, file=str(path)) from exc
    return head.startswith(b"BEGIN:VCARD")


def default_day_first(locale: str) -> bool:
    territory = locale.replace("-", "_").split("_")[-1].upper() if "_" in locale else ""
    return territory not in _DAY_FIRST_TERRITORIES_NOT if territory else False


def open_source(path: Path, options: ImportOptions, *, locale: str = "en_US") -> _Source:
    """Sniff, check the header and propose the mapping; raises ImportRefused."""
    if options.format not in ("auto", *FORMATS):
        raise ValueError(f"unknown format {options.format!r}")
    if is_vcard(path):
        from core.interchange.vcard import open_vcard_source

        info, rows, position, total, close = open_vcard_source(path, options.encoding)
        return _Source(path, replace(info, day_first=False), rows, position, total, close)
    sniffed = sniff_file(path, encoding=options.encoding, delimiter=options.delimiter)
    stream = open_csv(path, encoding=sniffed.encoding, delimiter=sniffed.delimiter)
    try:
        header = stream.read_header()
        detected = detect_format(header, options.format)
        mapping = detected.mapping
        if options.mapping is not None:
            mapping = tuple(options.mapping[: len(header)]) + (IGNORE,) * max(
                0, len(header) - len(options.mapping))
        if not _IDENTIFYING & set(mapping):
            raise ImportRefused(NO_USABLE_COLUMNS, line=1, file=str(path))
        day_first = options.day_first
        if day_first is None:
            day_first = detected.day_first if detected.day_first is not None \
                else default_day_first(locale)
    except BaseException:
        stream.close()
        raise
    info = SourceInfo("csv", detected.label, sniffed.encoding, sniffed.delimiter,
                      tuple(header), mapping, day_first)
    return _Source(path, info, csv_rows(stream, mapping), lambda: stream.bytes_read,
                   stream.total_bytes, stream.close)


def import_customers(
    session: Session, path: Path, *, options: ImportOptions = ImportOptions(),
    progress: Progress = no_progress, is_cancelled: CancelCheck = never_cancelled,
) -> ImportSummary:
    """Import a CSV or vCard file into the session's transaction and record it in the history.

    Raises ImportRefused (file refused whole) or Cancelled; the caller then rolls back.
    """
    if options.on_duplicate not in POLICIES:
        raise ValueError(f"unknown duplicate policy {options.on_duplicate!r}")
    # Another desk's import first: matching must see the customers it brings.
    take_job_locks(session, IMPORT_CUSTOMERS, is_cancelled=is_cancelled)
    profile = get_business_profile(session)
    today = options.today or dt.date.today()
    source = open_source(path, options, locale=profile.locale)
    try:
        return _run(session, path, source, options, profile.region,
                    currency_exponent(profile.currency), today, progress, is_cancelled,
                    currency=profile.currency)
    finally:
        source.close()


def _run(session: Session, path: Path, source: _Source, options: ImportOptions, region: str,
         money_exponent: int, today: dt.date, progress: Progress, is_cancelled: CancelCheck,
         *, currency: str = "") -> ImportSummary:
    info = source.info
    # Named by the program, as the owner knows it ("import 2026-11-22 Google Contacts").
    tag_name = f"import {today.isoformat()} {program_name(info.format)}"
    started = dt.datetime.now().replace(microsecond=0)
    run_id = session.execute(insert(ImportRun).values(
        started_at=started, finished_at=started, file_name=path.name[:500],
        format=info.format, encoding=info.encoding, delimiter=info.delimiter,
        on_duplicate=options.on_duplicate, tag_name=tag_name, created_count=0,
        updated_count=0, skipped_count=0, rejected_count=0, created_ranges="[]",
        problems="[]", problem_total=0, row_outcomes="[]").returning(ImportRun.id)).scalar_one()
    record_import_run(session, run_id)  # who runs it: once, not per customer
    # Started first: the helper processes (for a large CSV) start up meanwhile.
    batches = source.batches(region, BATCH_SIZE, money_exponent, currency)
    writer = BatchWriter(session, run_id=run_id, policy=options.on_duplicate,
                         import_tag=tag_name, source=info.format.split("-")[0], today=today,
                         same_person=options.same_person)
    problems: list[Problem] = []
    outcomes: list[RowOutcome] = []
    possible: list[PossibleDuplicate] = []
    counts = {"created": 0, "updated": 0, "skipped": 0, "rejected": 0, "problems": 0,
              "warnings": 0, "possible": 0}
    created_ids: list[int] = []
    stats_ids: list[int] = []
    seen_rows = 0
    next_catch_up = SEARCH_CATCH_UP_ROWS

    def write(cleaned: CleanedBatch) -> None:
        if is_cancelled():
            raise Cancelled()
        counts["problems"] += len(cleaned.problems)
        if cleaned.problems:
            counts["warnings"] += count_warnings(cleaned.problems)
        problems.extend(cleaned.problems[: max(0, MAX_KEPT_PROBLEMS - len(problems))])
        counts["rejected"] += cleaned.rejected
        result = writer.write(cleaned.records)
        counts["created"] += len(result.created_ids)
        counts["updated"] += result.updated
        counts["skipped"] += result.skipped
        counts["possible"] += len(result.possible)
        outcomes.extend(result.outcomes[: max(0, MAX_KEPT_PROBLEMS - len(outcomes))])
        possible.extend(result.possible[: max(0, MAX_KEPT_PROBLEMS - len(possible))])
        extend_ranges(created_ids, result.created_ids)
        stats_ids.extend(result.stats_ids)
        # The first batch tells how many new customers the whole file will bring.
        indexes.consider(len(result.created_ids) * source.total // max(1, cleaned.position))
        report(READING_SHARE * cleaned.position / max(1, source.total))

    def report(fraction: float) -> None:
        progress(min(source.total, int(fraction * source.total)), source.total)

    search = dialect_for(session.get_bind().dialect.name)
    indexes = DeferredSortIndexes(session)
    with larger_page_cache(session.connection(), IMPORT_PAGE_CACHE_MB):
        with search.bulk_indexing(session.connection()) as search_index, collector_paused():
            for cleaned in batches:
                seen_rows += cleaned.rows
                write(cleaned)
                if seen_rows >= next_catch_up:
                    search_index.catch_up()
                    next_catch_up = seen_rows + SEARCH_CATCH_UP_ROWS
            if seen_rows == 0:
                raise ImportRefused(NO_ROWS, file=str(path))
        report(0.9)  # the search index has taken the new customers
        indexes.before_statistics(len(stats_ids))
        refresh_customer_stats(session, stats_ids, today=today)
        indexes.restore()
    report(1.0)
    # Found only once every row is written (a referrer may come later in the file).
    late = writer.finish()
    problems.extend(late[: max(0, MAX_KEPT_PROBLEMS - len(problems))])
    counts["problems"] += len(late)
    counts["warnings"] += len(late)
    kept = problems[:MAX_STORED_PROBLEMS]
    session.execute(update(ImportRun).where(ImportRun.id == run_id).values(
        finished_at=dt.datetime.now().replace(microsecond=0),
        created_count=counts["created"], updated_count=counts["updated"],
        skipped_count=counts["skipped"], rejected_count=counts["rejected"],
        created_ranges=json.dumps(created_ids),
        problems=json.dumps([[p.line, p.field, p.code, p.detail] for p in kept]),
        problem_total=counts["problems"],
        row_outcomes=json.dumps([o.stored() for o in outcomes[:MAX_STORED_PROBLEMS]],
                                ensure_ascii=False)))
    note_changes(session, Changes(customers=True, interactions=True, imports=True))
    log.info("import %s of %s: %s", run_id, path.name, counts)
    return ImportSummary(run_id, str(path), info, tag_name, counts["created"],
                         counts["updated"], counts["skipped"], counts["rejected"],
                         tuple(problems), counts["problems"], warnings=counts["warnings"],
                         outcomes=tuple(outcomes), possible_duplicates=tuple(possible),
                         possible_total=counts["possible"])


class _RolledBack(Exception):
    def __init__(self, summary: ImportSummary) -> None:
        super().__init__("dry run")
        self.summary = summary


def run_import(
    db: Database, path: Path, *, options: ImportOptions = ImportOptions(),
    dry_run: bool = False, progress: Progress = no_progress,
    is_cancelled: CancelCheck = never_cancelled,
) -> ImportSummary:
    """The import as a long job with its own unit of work; `dry_run` counts, then rolls back."""
    try:
        with db.unit_of_work() as session:
            summary = import_customers(session, path, options=options, progress=progress,
                                       is_cancelled=is_cancelled)
            if dry_run:
                raise _RolledBack(replace(summary, run_id=None, dry_run=True))
            return summary
    except _RolledBack as rolled_back:
        return rolled_back.summary
