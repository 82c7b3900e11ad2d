"""Import and export of 100,000 customers against a same-run baseline (run on demand).

    .venv/bin/python -m pytest tests/benchmarks/bench_import_export.py -s -m benchmark_run
    .venv/bin/python tests/benchmarks/bench_import_export.py [ROWS]

Use the first form for figures: run as a script, this module is also imported (pytest and
all) by each of the import's helper processes, which multiprocessing spawns.

Baseline, as the issue defines it: stream the same CSV with csv.DictReader into raw
sqlite3.executemany in one transaction (a plain table). A second baseline inserts the same
raw values into the real `customers` table (its indexes and FTS trigram trigger included),
to show how much of the time is the schema itself.
"""
from __future__ import annotations

import csv
import datetime as dt
import gc
import os
import random
import sqlite3
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

ROWS = 100_000
HEADER = ["first_name", "last_name", "email", "phone", "street", "city", "postal_code", "country", "birthday", "tags", "notes"]
FIRST = ["Ann", "José", "Zoë", "Ólafur", "Chloé", "Mohammed", "Yuki", "Li", "Seán", "Anna",
         "Peter", "María", "Jürgen", "Fatima", "Noah", "محمد", "美咲"]
LAST = ["Smith", "Müller", "O'Brien", "García", "Nguyen", "Dubois", "Rossi", "de Vries",
        "Kowalski", "Tanaka", "Hansen", "Ivanova", "الحسن", "佐藤"]
CITY = ["Springfield", "München", "Paris", "Sevilla", "Köln", "Lyon", "Amsterdam", "Milano"]


def write_sample(path: Path, rows: int, seed: int = 1) -> None:
    rnd = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(rows):
            first, last = rnd.choice(FIRST), rnd.choice(LAST)
            exchange, line = 200 + i // 10000, i % 10000  # unique for 8 million rows
            phone = (f"(555) {exchange:03d}-{line:04d}" if i % 3
                     else f"+1 555 {exchange:03d} {line:04d}")
            writer.writerow([
                first, last, f"customer.{i}@example{i % 97}.com", phone, f"{i % 300} Main St",
                rnd.choice(CITY), f"{10000 + i % 89999}", "US",
                f"{1950 + i % 50}-{1 + i % 12:02d}-{1 + i % 28:02d}" if i % 2 else "",
                "vip" if i % 10 == 0 else "", "likes tea\nand cake" if i % 5 == 0 else "",
            ])


def baseline_plain(csv_path: Path, db_path: Path) -> float:
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute(f"CREATE TABLE t ({', '.join(HEADER)})")
    os.sync()
    started = time.perf_counter()
    with open(csv_path, newline="", encoding="utf-8") as handle:
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO t VALUES ({', '.join(':' + h for h in HEADER)})",
                         csv.DictReader(handle))
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def baseline_customers_table(csv_path: Path, db_path: Path) -> float:
    from core.store.db import Database, connect_sqlite
    from core.store.opening import prepare_database

    db = Database.open(db_path)
    prepare_database(db)
    db.close()
    conn = connect_sqlite(db_path)
    now = dt.datetime.now().isoformat(" ")
    columns = ("first_name,last_name,email,phone,street,city,postal_code,country,notes,"
               "search_text,created_at,updated_at")
    sql = (f"INSERT INTO customers ({columns}, organisation, region, source, no_mail, no_email,"
           " no_birthday_cards, stage, visit_count, lifetime_value_minor, sort_name, email_key,"
           " name_postcode_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'','','',0,0,0,'prospect',0,0,"
           "'','','')")
    started = time.perf_counter()
    with open(csv_path, newline="", encoding="utf-8") as handle:
        rows = ((r["first_name"], r["last_name"], r["email"], r["phone"], r["street"],
                 r["city"], r["postal_code"], r["country"], r["notes"],
                 f"{r['first_name']} {r['last_name']} {r['email']} {r['phone']}".lower(),
                 now, now) for r in csv.DictReader(handle))
        conn.execute("BEGIN")
        conn.executemany(sql, rows)
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def measure(work_dir: Path, rows: int = ROWS) -> dict[str, float]:
    from core.interchange.export_csv import export_customers_csv
    from core.interchange.importing import run_import
    from core.store.db import Database
    from core.store.opening import prepare_database

    csv_path = work_dir / "customers.csv"
    write_sample(csv_path, rows)
    # The median of three: this shared machine's speed drifts by a fifth from run to run.
    # Every timed step starts with the disk quiet (os.sync), so none pays for writing out
    # what the step before it left in the page cache.
    plain = statistics.median(baseline_plain(csv_path, work_dir / f"plain-{n}.db")
                              for n in range(3))

    db = Database.open(work_dir / "regulars.db")
    prepare_database(db)
    gc.collect()
    os.sync()
    started = time.perf_counter()
    summary = run_import(db, csv_path)
    imported = time.perf_counter() - started
    assert summary.created + summary.skipped == rows, summary  # a few name+postcode twins

    os.sync()
    started = time.perf_counter()
    with db.unit_of_work() as session:
        exported_count = export_customers_csv(session, work_dir / "export.csv")
    exported = time.perf_counter() - started
    assert exported_count == summary.created

    # Peak memory of a second import (everything a duplicate: matching, no inserts).
    tracemalloc.start()
    run_import(db, csv_path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    db.close()
    table = baseline_customers_table(csv_path, work_dir / "table.db")
    return {"rows": rows, "baseline_plain_s": plain, "baseline_customers_table_s": table,
            "import_s": imported, "export_s": exported,
            "import_ratio": imported / plain, "export_ratio": exported / plain,
            "import_ratio_vs_table": imported / table,
            "reimport_peak_mb": peak / 1e6}


def report(figures: dict[str, float]) -> str:
    return "\n".join(f"{k:28} {v:10.3f}" if isinstance(v, float) else f"{k:28} {v:10}"
                     for k, v in figures.items())


@pytest.mark.benchmark_run
def test_import_and_export_of_100k_customers(tmp_path: Path) -> None:
    figures = measure(tmp_path)
    print("\n" + report(figures))
    assert figures["import_ratio"] > 0


def _helpers_peak_kb(peaks: dict[int, int]) -> None:
    """Note the peak resident size of each running cleaning helper (from /proc)."""
    import multiprocessing

    for child in multiprocessing.active_children():
        try:
            status = Path(f"/proc/{child.pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peaks[child.pid] = max(peaks.get(child.pid, 0), int(line.split()[1]))


def import_peak_mb(work_dir: Path, rows: int) -> tuple[float, float]:
    """Peak traced memory of a fresh import of `rows` rows (creating every customer) in
    this process, and the largest peak resident size among its cleaning helpers."""
    from core.interchange import cleaning
    from core.interchange.importing import run_import
    from core.store.db import Database
    from core.store.opening import prepare_database

    csv_path = work_dir / f"customers-{rows}.csv"
    write_sample(csv_path, rows, seed=rows)
    db = Database.open(work_dir / f"fresh-{rows}.db")
    prepare_database(db)
    gc.collect()
    helpers: dict[int, int] = {}
    threshold, cleaning.PARALLEL_MIN_BYTES = cleaning.PARALLEL_MIN_BYTES, 0  # both sizes
    tracemalloc.start()
    try:
        run_import(db, csv_path, progress=lambda done, total: _helpers_peak_kb(helpers))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        cleaning.PARALLEL_MIN_BYTES = threshold
    db.close()
    return peak / 1e6, max(helpers.values()) / 1e3


@pytest.mark.benchmark_run
def test_import_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    (small, small_helpers) = import_peak_mb(tmp_path, 20_000)
    (large, large_helpers) = import_peak_mb(tmp_path, 100_000)
    print(f"\nimport peak memory: 20,000 rows {small:.1f} MB, 100,000 rows {large:.1f} MB "
          f"(5x the file: {large / small:.2f}x the memory); each cleaning helper's peak "
          f"resident size: {small_helpers:.0f} MB, then {large_helpers:.0f} MB")
    assert large < small * 2  # streamed: five times the rows is nowhere near five times the memory
    assert large_helpers < small_helpers * 1.5


if __name__ == "__main__":
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    with tempfile.TemporaryDirectory() as folder:
        print(report(measure(Path(folder), int(sys.argv[1]) if len(sys.argv) > 1 else ROWS)))
