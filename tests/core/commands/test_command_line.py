"""`main.py` commands as a script would run them: output, exit codes, stderr."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REGULARS_HOME": str(home)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env,
                          check=False, capture_output=True, text=True, timeout=120)


def test_demo_then_find_prints_matching_customers(tmp_path: Path, regulars_home: Path) -> None:
    db = str(tmp_path / "shop.db")
    done = _run("demo", "--customers", "200", "--seed", "3", "--db", db, home=regulars_home)
    assert done.returncode == 0, done.stderr
    assert "200" in done.stdout
    first = _run("find", "a", "--limit", "5", "--db", db, home=regulars_home)
    assert first.returncode == 0
    lines = first.stdout.strip().splitlines()
    assert 1 <= len(lines) <= 5
    name = lines[0].split("\t")[1]
    again = _run("--db", db, "find", name, home=regulars_home)
    assert name in again.stdout


def test_backup_and_restore_commands(tmp_path: Path, regulars_home: Path) -> None:
    db = str(tmp_path / "shop.db")
    _run("demo", "--customers", "20", "--db", db, home=regulars_home)
    target = tmp_path / "copy.db"
    made = _run("backup", "--to", str(target), "--db", db, home=regulars_home)
    assert made.returncode == 0 and target.exists(), made.stderr
    restored = _run("restore", str(target), "--db", db, home=regulars_home)
    assert restored.returncode == 0, restored.stderr
    missing = _run("restore", str(tmp_path / "nope.db"), "--db", db, home=regulars_home)
    assert missing.returncode == 1
    assert missing.stderr.startswith("error: ") and len(missing.stderr.strip().splitlines()) == 1


def test_usage_errors_exit_2_and_bad_values_exit_1(tmp_path: Path, regulars_home: Path) -> None:
    assert _run("find", home=regulars_home).returncode == 2
    assert _run("frobnicate", home=regulars_home).returncode == 2
    bad = _run("find", "x", "--limit", "0", "--db", str(tmp_path / "a.db"), home=regulars_home)
    assert bad.returncode == 1 and "limit" in bad.stderr
    server = _run("find", "x", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none",
                  home=regulars_home)
    assert server.returncode == 1 and server.stderr.startswith("error: cannot open database")


def test_find_piped_into_head_ends_quietly(tmp_path: Path, regulars_home: Path) -> None:
    """`main.py find … | head -1`: the reader leaves early; no traceback, no error line."""
    db = str(tmp_path / "shop.db")
    assert _run("demo", "--customers", "3000", "--seed", "3", "--db", db,
                home=regulars_home).returncode == 0
    env = {**os.environ, "REGULARS_HOME": str(regulars_home)}
    find = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "find", "", "--limit",
                             "3000", "--db", db], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert find.stdout is not None and find.stderr is not None
    assert find.stdout.readline()  # head -1
    find.stdout.close()
    assert find.wait(timeout=120) == 0
    assert find.stderr.read().decode() == ""
