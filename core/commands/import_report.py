"""What the import commands (customers and visits) print besides their counts: each problem
as FILE:LINE, and the JSON report."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from core.kernel.errors import Problem


def print_problems(file: Path, problems: Sequence[Problem], total: int,
                   is_rejection: Callable[[Problem], bool],
                   words: Callable[[Problem], str]) -> None:
    """Each problem on stderr ("FILE:LINE: rejected: …" or "warning"), then how many more
    there were beyond those kept."""
    for problem in problems:
        action = "rejected" if is_rejection(problem) else "warning"
        print(f"{file}:{problem.line}: {action}: {words(problem)}", file=sys.stderr)
    if total > len(problems):
        print(f"... {total - len(problems)} more problems", file=sys.stderr)


def write_report(path: Path, report: dict[str, object]) -> None:
    """The --report JSON, written whole or not at all (dates as text)."""
    from core.interchange.services import write_atomically

    write_atomically(path, lambda h: json.dump(report, h, ensure_ascii=False, indent=2,
                                               default=str), encoding="utf-8")
