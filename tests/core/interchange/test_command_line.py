"""`main.py import` and `main.py export`: exit codes, reports, and a kill part-way."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.customers.queries import ListQuery, count_customers
from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.store.db import Database

from main import main
from tests.core.interchange import samples

ROOT = Path(__file__).resolve().parents[3]


def _run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), *[str(a) for a in args]])


def test_import_reports_counts_and_problems_and_exits_0(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    rows = [["Vorname", "Nachname", "E-Mail"], ["Jürgen", "Strauß", "j@example.de"],
            ["Bad", "Mail", "nope"]]
    source = samples.write_csv(tmp_path / "kunden.csv", rows, encoding="cp1252", delimiter=";")
    report = tmp_path / "report.json"
    code = _run(tmp_path / "r.db", "import", source, "--report", report)
    captured = capsys.readouterr()
    assert code == 0
    # The bad email is left out, not the customer (issue 10).
    assert "kunden.csv:3: warning: email: dropped_value nope" in captured.err
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["counts"] == {"created": 2, "updated": 0, "skipped": 0, "rejected": 0,
                              "warnings": 1, "possible_duplicates": 0}
    assert (data["format"], data["encoding"], data["delimiter"]) == ("generic", "cp1252", ";")
    assert data["problems"] == [{"line": 3, "field": "email", "reason": "dropped_value",
                                 "detail": "nope", "rejected": False}]


def test_a_refused_file_exits_1_and_writes_nothing(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "scan.csv"
    source.write_bytes(b"%PDF-1.4\n...")
    report = tmp_path / "report.json"
    assert _run(tmp_path / "r.db", "import", source, "--report", report) == 1
    assert "binary file" in capsys.readouterr().err
    assert not report.exists()
    db = Database.open(tmp_path / "r.db")
    assert count_customers(db.raw(), ListQuery()) == 0
    db.close()


def test_dry_run_and_forced_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "pipes.txt"
    source.write_text("Name|Email\nAnn Lee|ann@example.com\n", encoding="utf-8")
    args = ["import", source, "--delimiter", "pipe", "--encoding", "utf-8", "--format",
            "generic", "--on-duplicate", "fill"]
    assert _run(tmp_path / "r.db", *args, "--dry-run") == 0
    assert "would import pipes.txt (generic, utf-8): 1 created" in capsys.readouterr().out
    db = Database.open(tmp_path / "r.db")
    assert count_customers(db.raw(), ListQuery()) == 0
    db.close()


def test_export_commands_write_csv_vcard_and_calendar(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "r.db")
    from core.customers.validation import PartialDate
    from core.store.opening import prepare_database

    prepare_database(db)
    with db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Zoë", last_name="=cmd", email="z@example.com",
                                            phone="+49 30 1234567", birthday=PartialDate(2, 29)))
    db.close()
    assert _run(tmp_path / "r.db", "export", "customers", tmp_path / "c.csv", "--excel") == 0
    assert _run(tmp_path / "r.db", "export", "vcard", tmp_path / "c.vcf") == 0
    assert _run(tmp_path / "r.db", "export", "calendar", tmp_path / "c.ics") == 0
    raw = (tmp_path / "c.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header, row = csv.reader(io.StringIO(raw.decode("utf-8-sig")))
    cells = dict(zip(header, row))
    assert (cells["last_name"], cells["phone"]) == ("'=cmd", '="+49301234567"')
    assert "BDAY:--02-29" in (tmp_path / "c.vcf").read_text(encoding="utf-8")
    assert "BYMONTHDAY=-1" in (tmp_path / "c.ics").read_text(encoding="utf-8")


def _children(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except FileNotFoundError:
        return []


def _read_position(pid: str, path: Path) -> int:
    """How far process `pid` has read the file at `path` (0 when it has no such file open)."""
    fds = Path(f"/proc/{pid}/fd")
    try:
        for fd in fds.iterdir():
            if os.readlink(fd) == str(path):
                info = (Path(f"/proc/{pid}/fdinfo") / fd.name).read_text()
                return int(info.split("pos:", 1)[1].split()[0])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def _running(pid: str) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"  # a zombie has finished


def test_killing_an_import_part_way_leaves_the_database_as_before(tmp_path: Path) -> None:
    db_path = tmp_path / "r.db"
    db = Database.open(db_path)
    from core.store.opening import prepare_database

    prepare_database(db)
    with db.unit_of_work() as session:
        for name in ("Ann", "Bo", "Cy"):
            add_customer(session, CustomerDraft(first_name=name, email=f"{name}@example.com"))
    db.close()
    rows = [["first_name", "last_name", "email", "notes"]] + [
        [f"P{i}", "Kill", f"p{i}@example.com", "x" * 200] for i in range(60_000)]
    source = samples.write_csv(tmp_path / "big.csv", rows)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db_path), "import", str(source)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    # Part-way: a cleaning helper has read half the file. The importer is at most a few
    # batches behind it, far from its commit. (The import keeps its pages in a 64 MB cache,
    # so the size of the write-ahead log says nothing about how far it has come.)
    helpers: list[str] = []
    while time.monotonic() < deadline and process.poll() is None:
        helpers = _children(process.pid)
        if any(_read_position(pid, source) > source.stat().st_size // 2 for pid in helpers):
            break
        time.sleep(0.02)
    assert process.poll() is None, process.stderr.read() if process.stderr else ""
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert helpers
    # Its reader gone, the helper stops too.
    while time.monotonic() < deadline and any(_running(pid) for pid in helpers):
        time.sleep(0.05)
    assert not any(_running(pid) for pid in helpers)
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM customers").fetchone() == (3,)
        assert conn.execute("SELECT count(*) FROM import_runs").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM customers_fts WHERE customers_fts "
                            "MATCH '\"kill\"'").fetchone() == (0,)
    finally:
        conn.close()
