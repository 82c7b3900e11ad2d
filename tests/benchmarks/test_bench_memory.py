"""Peak memory with the list open at 100,000 customers, and while scrolling to the end."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.benchmarks.conftest import ROOT, report

PROBE = str(ROOT / "tests/benchmarks/scroll_probe.py")


def _probe(*args: str) -> tuple[int, int]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, PROBE, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    opened, peak = done.stdout.split()
    return int(opened), int(peak)


def test_memory_stays_within_120_mb_of_a_bare_window(demo_100k: Path) -> None:
    bare, _ = _probe("bare")
    opened, scrolled = _probe("app", str(demo_100k))
    report("memory at 100,000 customers (peak RSS)", [
        f"bare window:              {bare / 1024:.0f} MB",
        f"list open:                {opened / 1024:.0f} MB (+{(opened - bare) / 1024:.0f} MB)",
        f"after scrolling to end:   {scrolled / 1024:.0f} MB (+{(scrolled - bare) / 1024:.0f} MB)",
        f"ratio to bare (scrolled): {scrolled / bare:.2f}x",
    ])
    assert (scrolled - bare) / 1024 <= 120
    assert scrolled - opened < 30 * 1024  # bounded: scrolling keeps only a few pages
