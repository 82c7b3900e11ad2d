"""Shared benchmark fixtures: a 100,000-customer demo database, built once and cached."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".bench-cache"


@pytest.fixture(scope="session")
def demo_100k() -> Path:
    """A SQLite file with 100,000 demo customers (REGULARS_BENCH_DB to bring your own)."""
    own = os.environ.get("REGULARS_BENCH_DB")
    if own:
        return Path(own)
    CACHE.mkdir(exist_ok=True)
    path = CACHE / "demo-100k-seed1.db"
    if not path.exists():
        partial = path.with_suffix(".part.db")
        partial.unlink(missing_ok=True)
        subprocess.run([sys.executable, str(ROOT / "main.py"), "demo", "--customers", "100000",
                        "--seed", "1", "--db", str(partial)], check=True, cwd=ROOT,
                       env={**os.environ, "REGULARS_HOME": str(CACHE / "home")})
        partial.rename(path)
    return path


def wall_times(command: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of `runs` runs of a whole process (one warm-up run first)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return times


def report(title: str, lines: list[str]) -> None:
    print(f"\n== {title} ==")
    for line in lines:
        print("  " + line)


median = statistics.median
