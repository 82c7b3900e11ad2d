"""An import's rows, read and cleaned in batches: in this process, or in helper processes.

Cleaning (phone and email checks, dates, keys) is about half of a large import's time and
writing the other half. A large CSV is therefore cleaned by helper processes (one per
spare core, see helper_count), taking turns by batch, while this one matches and writes
the batches in the file's order. The
helpers only read the file and never touch the database, so a cancel, a crash or a killed
process still leaves the database as the import's transaction found it. Each helper keeps
a few batches on hand, pickled (OUTBOX_BATCHES waiting, one in the pipe): memory stays
bounded whatever the file's size.
Scripts that import large files must start from an `if __name__ == "__main__":` block,
as usual with multiprocessing; main.py does.
"""
from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import pickle
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.interchange.errors import RowRejected
from core.interchange.formats import SPLIT_FIELDS, joined_fields
from core.interchange.problems import UNDECODABLE, WRONG_FIELD_COUNT
from core.interchange.reading import UNDECODABLE_MARK, CsvRow, CsvStream, line_of_mark, open_csv
from core.interchange.records import CleanRecord, RecordCleaner, raw_row_builder
from core.kernel.errors import Problem

# Measured on two cores: the helpers cost about 0.3 s more at 20,000 rows (2 MB), break
# even near 50,000 and save a fifth at 100,000 (10 MB).
PARALLEL_MIN_BYTES = 6_000_000
HELPER_NICENESS = 5
OUTBOX_BATCHES = 8  # about 130 KB each


@dataclass
class CleanedBatch:
    """Up to one batch of source rows: the records to store and the problems found."""

    records: list[CleanRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0  # source rows seen, rejected ones included
    rejected: int = 0
    position: int = 0  # bytes of the file read so far

    def __reduce__(self) -> tuple[object, ...]:
        # Sent from a cleaning helper by the hundred: one tuple per record, and the rare
        # extras (tags, more contacts, consent, opening history) apart, load in a fraction
        # of the time of the objects themselves.
        records = self.records
        return _rebuild_batch, (
            [r.line for r in records], [r.row() for r in records],
            [(i, extras) for i, r in enumerate(records) if (extras := r.extras())],
            self.problems, self.rows, self.rejected, self.position)


def _rebuild_batch(lines: list[int], rows: list[tuple[Any, ...]],
                   extras: list[tuple[int, tuple[Any, ...]]], problems: list[Problem],
                   count: int, rejected: int, position: int) -> CleanedBatch:
    records = list(map(CleanRecord.from_row, lines, rows))
    for index, found in extras:
        records[index].set_extras(found)
    return CleanedBatch(records, problems, count, rejected, position)


@dataclass(frozen=True)
class CsvPlan:
    """Everything a helper needs to read and clean the file as this process would."""

    path: str
    encoding: str
    delimiter: str
    mapping: tuple[str, ...]
    region: str
    day_first: bool
    money_exponent: int = 2  # the business currency's decimals, resolved once per import
    currency: str = ""  # the business's currency: amounts in another are reported


RawRow = tuple[int, dict[str, list[str]]] | Problem  # (line, field -> values)


def csv_row_reader(width: int, mapping: tuple[str, ...]) -> Callable[[CsvRow], RawRow]:
    """What one CSV row (of a file `width` columns wide) holds for the import; ragged rows
    become problems and are never shifted into other columns."""
    mapped = [(column, name) for column, name in enumerate(mapping[:width]) if name]
    raw_row = raw_row_builder(mapped)
    if not SPLIT_FIELDS.isdisjoint(mapping):  # a middle name, Thunderbird's birthday parts
        raw_row = _joining(raw_row)

    def read(row: CsvRow) -> RawRow:
        line, values, undecodable = row
        if len(values) != width and any(v.strip() for v in values[width:]) or len(values) < width:
            return Problem("", WRONG_FIELD_COUNT, f"{width}:{len(values)}", line)
        if undecodable and (problem := _undecodable(line, values, mapped)):
            return problem
        return line, raw_row(values)

    return read


def _joining(raw_row: Callable[[list[str]], dict[str, list[str]]]
             ) -> Callable[[list[str]], dict[str, list[str]]]:
    return lambda values: joined_fields(raw_row(values))


def _undecodable(line: int, values: list[str], mapped: list[tuple[int, str]]
                 ) -> Problem | None:
    """The problem of a row whose imported values hold bytes the file's encoding cannot
    decode (see reading.UNDECODABLE_MARK): the row is rejected rather than stored with
    the wrong letters. Bytes in a column that is not imported do not matter."""
    for column, name in mapped:
        if UNDECODABLE_MARK in values[column]:
            return Problem(name, UNDECODABLE, "utf-8", line_of_mark(line, values, column))
    return None


def csv_rows(stream: CsvStream, mapping: tuple[str, ...]) -> Iterator[RawRow]:
    """The raw rows of a CSV whose header has been read."""
    return map(csv_row_reader(len(stream.header), mapping), stream.rows())


def cleaned_batches(rows: Iterable[Any], cleaner: RecordCleaner, position: Callable[[], int],
                    batch_size: int, share: tuple[int, int] = (0, 1),
                    read: Callable[[Any], RawRow] | None = None) -> Iterator[CleanedBatch]:
    """Batches of `batch_size` source rows (the last may be short), cleaned, with their
    derived keys. With `share` (k, n) only every n-th batch from the k-th is cleaned and
    yielded; the rest are only read past. `read` turns a source row into a raw row (only
    for the batches cleaned here)."""
    part, parts = share
    iterator = iter(rows)
    for index in itertools.count():
        chunk = list(itertools.islice(iterator, batch_size))
        if not chunk:
            return
        if index % parts != part:
            continue
        batch = CleanedBatch(rows=len(chunk))
        records, problems = batch.records, batch.problems
        clean = cleaner.clean
        for item in map(read, chunk) if read else chunk:
            if isinstance(item, Problem):  # a malformed row
                problems.append(item)
                batch.rejected += 1
                continue
            try:
                record = clean(*item)
            except RowRejected as rejected:
                problems.extend(rejected.problems)
                batch.rejected += 1
                continue
            problems.extend(record.warnings)
            record.fill_keys()
            records.append(record)
        batch.position = position()
        yield batch


def plan_batches(plan: CsvPlan, batch_size: int, share: tuple[int, int] = (0, 1)
                 ) -> Iterator[CleanedBatch]:
    """A helper's share of the cleaned batches of a CSV, read from its start."""
    with open_csv(Path(plan.path), encoding=plan.encoding, delimiter=plan.delimiter) as stream:
        stream.read_header()
        cleaner = RecordCleaner(region=plan.region, day_first=plan.day_first,
                                money_exponent=plan.money_exponent, currency=plan.currency)
        yield from cleaned_batches(stream.rows(), cleaner, lambda: stream.bytes_read,
                                   batch_size, share,
                                   csv_row_reader(len(stream.header), plan.mapping))


@dataclass
class _Failed:
    error: BaseException


def _clean_in_helper(plan: CsvPlan, batch_size: int, share: tuple[int, int],
                     sender: Any) -> None:
    gc.disable()  # this process only cleans: see core.kernel.jobs.collector_paused
    if hasattr(os, "nice"):
        # Three processes share two cores: the importing one, which writes in file order
        # and can never be overtaken, goes first (and so does the window, in the app).
        os.nice(HELPER_NICENESS)
    # Pickled batches wait in `outbox` while the next ones are cleaned: enough of them
    # that this process keeps cleaning while the importing one spends a moment on its
    # search index (see importing.SEARCH_CATCH_UP_ROWS), and few enough to stay small.
    outbox: queue.Queue[tuple[bytes, bool]] = queue.Queue(maxsize=OUTBOX_BATCHES)
    threading.Thread(target=_send_all, args=(outbox, sender), daemon=True).start()
    try:
        for batch in plan_batches(plan, batch_size, share):
            outbox.put((_pickled(batch), False))
        outbox.put((_pickled(None), True))
    except BaseException as exc:  # noqa: BLE001 - anything: the importing process raises it
        outbox.put((_pickled(_Failed(exc)), True))
    outbox.join()  # everything sent
    sender.close()


def _pickled(item: CleanedBatch | _Failed | None) -> bytes:
    """The item as the importing process's `recv()` reads it; an error that cannot be
    pickled is sent as its name and message."""
    try:
        return pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # noqa: BLE001 - unpicklable: send what it said
        error = item.error if isinstance(item, _Failed) else exc
        return pickle.dumps(_Failed(RuntimeError(f"{type(error).__name__}: {error}")))


def _send_all(outbox: queue.Queue[tuple[bytes, bool]], sender: Any) -> None:
    """Send what the cleaning loop puts in `outbox`, up to its last item; the process
    ends here if the importing process is gone."""
    while True:
        data, last = outbox.get()
        try:
            sender.send_bytes(data)
        except (BrokenPipeError, ConnectionResetError):
            os._exit(0)  # the importing process stopped listening (cancelled, or gone)
        outbox.task_done()
        if last:
            return


class CleaningProcesses:
    """Helper processes that clean a CSV's batches in turns: the k-th of n cleans batches
    k, k + n, k + 2n, ... (each reads the whole file, which costs a tenth of cleaning it).
    `batches()` receives them in the file's order."""

    def __init__(self, plan: CsvPlan, batch_size: int, count: int) -> None:
        # "spawn", not "fork": the GUI runs imports on a thread, and forking a threaded
        # process can copy a held lock into the child.
        context = multiprocessing.get_context("spawn")
        self._receivers: list[Any] = []
        self._processes: list[Any] = []
        for part in range(count):
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(
                target=_clean_in_helper, args=(plan, batch_size, (part, count), sender),
                daemon=True, name=f"regulars-import-cleaning-{part}")
            process.start()
            sender.close()
            self._receivers.append(receiver)
            self._processes.append(process)
        self._next = 0  # the index of the batch to receive next

    def _receiver_of_next(self) -> Any:
        return self._receivers[self._next % len(self._receivers)]

    def batches(self) -> Iterator[CleanedBatch]:
        while True:
            try:
                item = self._receiver_of_next().recv()
            except EOFError:
                raise RuntimeError("the import's cleaning process stopped unexpectedly"
                                   ) from None
            if item is None:  # no batch with this index: the file has ended
                return
            if isinstance(item, _Failed):
                raise item.error
            self._next += 1
            yield item

    def close(self) -> None:
        for receiver in self._receivers:
            receiver.close()
        for process in self._processes:
            if process.is_alive():
                process.terminate()
        for process in self._processes:
            process.join(timeout=5)


def helper_count() -> int:
    """One process per core: this one writes while the others clean. On two cores one
    helper is as fast as two (measured on 100,000 rows) and spends a core-second less,
    since two also share the importing process's core. At most two: more are unmeasured."""
    return max(1, min(2, (os.cpu_count() or 1) - 1))


def worth_a_helper(file_size: int) -> bool:
    # The packaged app's smoke test (.ci/run) sets a lower bound, so that a small CSV
    # proves that helper processes start inside the frozen executable.
    smallest = int(os.environ.get("REGULARS_IMPORT_HELPERS_FROM_BYTES", PARALLEL_MIN_BYTES))
    return file_size >= smallest and (os.cpu_count() or 1) > 1
