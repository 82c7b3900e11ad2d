"""`import visits`: visits and purchases in from a till export (all or nothing)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.commands import CommandError, add_db_option, add_wait_option, open_database, print_percent
from core.commands.import_report import print_problems, write_report

if TYPE_CHECKING:
    from core.kernel.errors import Problem
    from core.visits.services import VisitImportSummary

# The command line's names for the formats (core/visits/till/formats.py).
FORMATS = ("auto", "shopify-orders", "square-transactions", "woocommerce-orders",
           "appointments", "generic")
# Words for the whole-file refusals and row problems of a visits import.
REASONS = {
    "no_date_column": "no column gives the date of the visit",
    "no_customer_column": "no column names the customer (customer id, email, phone or name)",
    "missing_date": "no date",
    "invalid_date": "not a date",
    "future_date": "a date in the future",
    "invalid_amount": "not an amount of money",
    "other_currency": "amount in another currency, kept without its amount",
    "undecodable": "bytes that are not text in the file's encoding",
}


def register(subparsers: Any) -> None:
    # Reached as `main.py import visits FILE` (see core.commands.TWO_WORD_COMMANDS).
    visits = subparsers.add_parser(
        "import-visits", prog="main.py import visits",
        help="import visits and purchases from a till export (all or nothing)")
    visits.add_argument("file", metavar="FILE", type=Path)
    visits.add_argument("--format", choices=FORMATS, default="auto")
    visits.add_argument("--encoding", default="auto", metavar="auto|NAME")
    visits.add_argument("--delimiter", choices=("auto", ",", ";", "tab", "pipe"),
                        default="auto")
    visits.add_argument("--unmatched", choices=("create", "skip"), default="skip",
                        help="rows that match no customer: create customers for them, or "
                             "skip them (the default)")
    visits.add_argument("--dry-run", action="store_true",
                        help="read and match everything, write nothing")
    visits.add_argument("--report", type=Path, metavar="FILE.json",
                        help="write counts, problems and unmatched rows as JSON")
    add_db_option(visits)
    add_wait_option(visits)
    visits.set_defaults(handler=_import_visits)


def _import_visits(args: argparse.Namespace) -> int:
    from core.interchange.errors import ImportRefused
    from core.visits.services import VisitImportOptions, is_rejection, run_visit_import

    if not args.file.is_file():
        raise CommandError(f"{args.file}: no such file")
    options = VisitImportOptions(format=args.format, encoding=args.encoding,
                                 delimiter=args.delimiter, unmatched=args.unmatched)
    db = open_database(args, writes=not args.dry_run)
    try:
        summary = run_visit_import(db, args.file, options=options, dry_run=args.dry_run,
                                   progress=print_percent)
    except ImportRefused as exc:
        where = f" (line {exc.line})" if exc.line is not None else ""
        reason = REASONS.get(exc.code, exc.code.replace("_", " "))
        detail = f": {exc.detail}" if exc.detail else ""
        raise CommandError(f"{args.file}{where}: {reason}{detail}; nothing was imported"
                           ) from exc
    finally:
        if sys.stderr.isatty():
            print(file=sys.stderr)
    print_problems(args.file, summary.problems, summary.problem_total, is_rejection,
                   lambda problem: f"{problem.field}: {_words(problem)}")
    if summary.unmatched and args.unmatched == "skip":
        print(f"{args.file}: {_count(summary.unmatched, 'row')} matched no customer and "
              "were skipped (--unmatched create makes customers of them)", file=sys.stderr)
    if args.report:
        write_report(args.report, summary.as_report())
    print(_counts_line(args.file, summary))
    return 0


def _counts_line(file: Path, summary: VisitImportSummary) -> str:
    verb = "would import" if summary.dry_run else "imported"
    parts = [_count(summary.rows, "row"), _count(summary.purchases, "purchase"),
             _count(summary.visits, "visit")]
    if summary.refunds:
        parts.append(_count(summary.refunds, "refund"))
    parts += [f"{summary.matched:,} matched", f"{summary.created:,} created",
              f"{summary.skipped:,} skipped", f"{summary.already_imported:,} already imported"]
    if summary.rejected:
        parts.append(f"{summary.rejected:,} rejected")
    return f"{verb} {file.name} ({summary.format}, {summary.encoding}): {', '.join(parts)}"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _words(problem: Problem) -> str:
    reason = REASONS.get(problem.code, problem.code.replace("_", " "))
    return f"{reason} ({problem.detail})" if problem.detail else reason


