"""`import` and `export`: customers in from CSV/vCard, out to CSV, vCard and iCalendar."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.commands import CommandError, add_db_option, add_wait_option, open_database, print_percent
from core.commands.import_report import print_problems, write_report

if TYPE_CHECKING:
    from core.kernel.errors import Problem

_FORMATS = ("auto", "google", "outlook", "shopify", "square", "mailchimp", "hubspot",
            "thunderbird", "generic")


def register(subparsers: Any) -> None:
    imp = subparsers.add_parser(
        "import", help="import customers from a CSV or vCard file (all or nothing)")
    imp.add_argument("file", metavar="FILE", type=Path)
    imp.add_argument("--format", choices=_FORMATS, default="auto")
    imp.add_argument("--encoding", default="auto", metavar="auto|NAME")
    imp.add_argument("--delimiter", choices=("auto", ",", ";", "tab", "pipe"), default="auto")
    imp.add_argument("--on-duplicate", choices=("skip", "fill", "overwrite"), default="skip")
    imp.add_argument("--dry-run", action="store_true",
                     help="read and check everything, write nothing")
    imp.add_argument("--report", type=Path, metavar="FILE.json",
                     help="write counts and every problem as JSON")
    add_db_option(imp)
    add_wait_option(imp)
    imp.set_defaults(handler=_import)

    export = subparsers.add_parser("export", help="export customers to CSV, vCard or iCalendar, "
                                                   "or released testimonials")
    kinds = export.add_subparsers(dest="export_kind", metavar="KIND", required=True)
    csv_parser = kinds.add_parser("customers", help="customers to CSV")
    csv_parser.add_argument("file", metavar="FILE.csv", type=Path)
    csv_parser.add_argument("--excel", action="store_true",
                            help="Excel-friendly: UTF-8 with a byte order mark")
    vcf_parser = kinds.add_parser("vcard", help="customers to vCard 3.0")
    vcf_parser.add_argument("file", metavar="FILE.vcf", type=Path)
    ics_parser = kinds.add_parser("calendar", help="birthdays and moments to iCalendar")
    ics_parser.add_argument("file", metavar="FILE.ics", type=Path)
    for parser, handler in ((csv_parser, _export_csv), (vcf_parser, _export_vcard),
                            (ics_parser, _export_calendar)):
        add_db_option(parser)
        parser.set_defaults(handler=handler)
    from core.commands.testimonials import add_export_command

    add_export_command(kinds)
    add_db_option(export)


def _describe(exc: Any) -> str:
    where = f" (line {exc.line})" if exc.line is not None else ""
    detail = f": {exc.detail}" if exc.detail else ""
    return f"{exc.code.replace('_', ' ')}{where}{detail}; nothing was imported"


def _import(args: argparse.Namespace) -> int:
    from core.interchange.errors import ImportRefused
    from core.interchange.services import ImportOptions, is_rejection, run_import

    if not args.file.is_file():
        raise CommandError(f"{args.file}: no such file")
    options = ImportOptions(format=args.format, encoding=args.encoding,
                            delimiter=args.delimiter, on_duplicate=args.on_duplicate)
    db = open_database(args, writes=not args.dry_run)
    try:
        summary = run_import(db, args.file, options=options, dry_run=args.dry_run,
                             progress=print_percent)
    except ImportRefused as exc:
        raise CommandError(f"{args.file}: {_describe(exc)}") from exc
    finally:
        if sys.stderr.isatty():
            print(file=sys.stderr)
    print_problems(args.file, summary.problems, summary.problem_total, is_rejection,
                   _problem_words)
    for possible in summary.possible_duplicates:
        who = (f"customer {possible.customer_id}" if possible.customer_id is not None
               else f"line {possible.customer_line}")
        outcome = ("treated as the same person" if possible.same_person
                   else "imported as a new customer")
        print(f"{args.file}:{possible.line}: possible duplicate: {possible.row.name} has the "
              f"{possible.matched_on} of {who} ({possible.customer.name}); {outcome}",
              file=sys.stderr)
    if unmapped := summary.source.unmapped_columns:
        print(f"{args.file}: columns not imported: {', '.join(unmapped)}", file=sys.stderr)
    if args.report:
        write_report(args.report, summary.as_report())
    verb = "would import" if summary.dry_run else "imported"
    print(f"{verb} {args.file.name} ({summary.source.format}, {summary.source.encoding}): "
          f"{summary.created} created, {summary.updated} updated, {summary.skipped} skipped, "
          f"{summary.rejected} rejected, {summary.warnings} "
          f"{'warning' if summary.warnings == 1 else 'warnings'}"
          + (f", {summary.possible_total} possible "
             f"{'duplicate' if summary.possible_total == 1 else 'duplicates'} kept apart"
             if summary.possible_total else ""))
    if summary.rejected and not (summary.created or summary.updated or summary.skipped):
        raise CommandError(f"{args.file}: every row was rejected; "
                           f"{_first_rejection(summary.first_rejection)}")
    return 0


def _first_rejection(problems: tuple[Problem, ...]) -> str:
    """The first rejected row's reasons, e.g. `line 2: first_name: name_required
    (email: dropped_value nope)`: why it was refused, then the values it was left without."""
    from core.interchange.services import is_rejection

    refusals = [p for p in problems if is_rejection(p)]
    if not refusals:
        return "no row was readable"
    reasons = "; ".join(_problem_words(p) for p in refusals)
    left_out = "; ".join(_problem_words(p) for p in problems if not is_rejection(p))
    return f"line {refusals[0].line}: {reasons}" + (f" ({left_out})" if left_out else "")


def _problem_words(problem: Problem) -> str:
    return f"{problem.field or 'row'}: {problem.code} {problem.detail}".rstrip()




def _export(args: argparse.Namespace, service: Any, noun: str, **kwargs: Any) -> int:
    target: Path = args.file
    if not target.parent.exists():
        raise CommandError(f"{target.parent}: no such folder")
    from core.commands.texts import counted, undecodable_text
    from core.kernel.errors import UndecodableText

    db = open_database(args)
    try:
        with db.unit_of_work() as session:
            count = service(session, target, **kwargs)
    except UndecodableText as exc:
        raise CommandError(undecodable_text(db.display_name, exc.row_id, exc.field)) from exc
    except OSError as exc:
        raise CommandError(f"cannot write {target}: {os.strerror(exc.errno or 0)}") from exc
    print(f"exported {counted(count, noun)} to {target}")
    return 0


def _export_csv(args: argparse.Namespace) -> int:
    from core.interchange.services import export_customers_csv

    return _export(args, export_customers_csv, "customer", excel=args.excel)


def _export_vcard(args: argparse.Namespace) -> int:
    from core.interchange.services import export_vcard

    return _export(args, export_vcard, "customer")


def _export_calendar(args: argparse.Namespace) -> int:
    from core.interchange.services import export_calendar

    return _export(args, export_calendar, "event")
