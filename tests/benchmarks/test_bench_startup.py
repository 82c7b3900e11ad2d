"""Startup with 100,000 customers against a bare PySide6 window with an empty QTableView."""
from __future__ import annotations

import compileall
import sys
from pathlib import Path

from tests.benchmarks.conftest import ROOT, median, report, wall_times

RUNS = 7


def test_startup_is_at_most_three_times_a_bare_window(demo_100k: Path) -> None:
    # An installed Regulars starts from bytecode (the installer and pip both compile it);
    # with PYTHONDONTWRITEBYTECODE set, every run would compile the sources again instead.
    for folder in ("core", "gui"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    bare = wall_times([sys.executable, str(ROOT / "tests/benchmarks/bare_window.py")], RUNS)
    app = wall_times([sys.executable, str(ROOT / "main.py"), "--db", str(demo_100k),
                      "--exit-after-paint"], RUNS)
    ratio = median(app) / median(bare)
    report("startup (whole process, wall clock, median of 7)", [
        f"bare window + empty QTableView: {median(bare) * 1000:.0f} ms",
        f"Regulars, 100,000 customers:    {median(app) * 1000:.0f} ms",
        f"ratio: {ratio:.2f}x (target <= 3x)",
    ])
    assert ratio <= 3.0
