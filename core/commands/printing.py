"""`templates list` and `print cards`: print a batch of cards or letters (and labels) to PDF."""
from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from core.commands import CommandError, add_db_option, add_wait_option, open_database

# The sentences (core.commands.texts, with the printing codes it needs) are imported where
# they are used: building the parser runs at every start, the window's too.


def register(subparsers: Any) -> None:
    templates = subparsers.add_parser("templates", help="card and letter templates")
    templates_sub = templates.add_subparsers(dest="templates_command", metavar="ACTION",
                                             required=True)
    listing = templates_sub.add_parser("list", help="list templates, one per line")
    add_db_option(listing)
    listing.set_defaults(handler=_templates_list)

    printing = subparsers.add_parser("print", help="print a batch to PDF")
    printing_sub = printing.add_subparsers(dest="print_command", metavar="WHAT", required=True)
    cards = printing_sub.add_parser(
        "cards", help="one card or letter per recipient in one PDF, labels in a second")
    cards.add_argument("--template", required=True, metavar="NAME")
    who = cards.add_mutually_exclusive_group(required=True)
    who.add_argument("--customer", type=int, action="append", metavar="ID",
                     help="a customer id (repeat for more)")
    who.add_argument("--tag", metavar="TAG")
    who.add_argument("--stage", metavar="STAGE")
    who.add_argument("--all", action="store_true", help="every customer")
    cards.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    cards.add_argument("--format", default="", metavar="NAME",
                       help="a6-card, 4x6-card, quarter-fold-a4, quarter-fold-letter, "
                            "half-fold-a5, letter-a4, letter-us, envelope-dl, envelope-10")
    cards.add_argument("--labels", type=Path, metavar="FILE.pdf")
    cards.add_argument("--label-sheet", default="", metavar="SHEET",
                       help="avery-5160, avery-5161, avery-5163, avery-l7160, avery-l7163")
    cards.add_argument("--start", type=int, default=1, metavar="N",
                       help="first label position on the sheet (1 = top left)")
    cards.add_argument("--mark-sent", action="store_true",
                       help="record the batch as sent straight away")
    add_db_option(cards)
    add_wait_option(cards)
    cards.set_defaults(handler=_print_cards)
    due = printing_sub.add_parser(
        "due-cards", help="every card and letter due today (and overdue) in one PDF, each "
                          "with its own template; labels in a second")
    due.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    due.add_argument("--labels", type=Path, metavar="FILE.pdf")
    due.add_argument("--label-sheet", default="", metavar="SHEET",
                     help="avery-5160, avery-5161, avery-5163, avery-l7160, avery-l7163")
    due.add_argument("--date", metavar="YYYY-MM-DD", help="as of this day (default: today)")
    due.add_argument("--upcoming", action="store_true",
                     help="also those coming up in the next week")
    due.add_argument("--mark-sent", action="store_true",
                     help="record the batch as sent straight away (completes the actions)")
    add_db_option(due)
    add_wait_option(due)
    due.set_defaults(handler=_print_due_cards)
    from core.commands.scores import register_print as register_survey_cards

    register_survey_cards(printing_sub)
    again = printing_sub.add_parser(
        "again", help="print an interrupted batch again, to the files it was going to")
    again.add_argument("batch", type=int, metavar="BATCH", help="the batch's number")
    add_db_option(again)
    add_wait_option(again)
    again.set_defaults(handler=_print_again)
    from core.commands.council import register_print

    register_print(printing_sub)
    from core.commands.testimonials import add_print_command

    add_print_command(printing_sub)


def _templates_list(args: argparse.Namespace) -> int:
    from core.printing.services import list_templates

    db = open_database(args)
    with db.unit_of_work() as session:
        for template in list_templates(session):
            state = "edited" if template.is_edited else "default"
            print("\t".join([template.name, template.kind, template.title or "-", state]))
    return 0


def _check_labels(args: argparse.Namespace) -> None:
    """--labels and --label-sheet go together (the sheet defaults to Avery 5160)."""
    if args.labels and not args.label_sheet:
        args.label_sheet = "avery-5160"
    if args.label_sheet and not args.labels:
        raise CommandError("--label-sheet needs --labels FILE.pdf")
    if args.labels and Path(args.labels).resolve() == Path(args.out).resolve():
        raise CommandError("--labels and --out must be different files")


def _print_cards(args: argparse.Namespace) -> int:
    from core.commands.texts import skips_text
    from core.printing.errors import NoRecipients
    from core.printing.services import BatchRequest, print_new_batch
    from core.printing.types import RecipientSelection

    _check_labels(args)
    selection = RecipientSelection(
        customer_ids=tuple(args.customer or ()), tag=args.tag or "", stage=args.stage or "",
        everyone=args.all,
    )
    request = BatchRequest(args.template, selection, args.format, args.label_sheet, args.start)
    db = open_database(args, writes=True)
    _report_interrupted(db, args)
    try:
        with _printing(db):
            summary, plan, rendered = print_new_batch(
                db, request, args.out, labels_path=args.labels, mark_sent=args.mark_sent,
                progress=_progress)
    except NoRecipients as exc:
        raise CommandError(f"nobody to print for: {skips_text(exc.skipped)}") from exc
    _print_done(args.out, args.labels, summary, plan, rendered)
    return 0


def _print_due_cards(args: argparse.Namespace) -> int:
    from core.commands.program import _day
    from core.commands.texts import counted, skip_reason
    from core.program.services import evaluate_program, print_due_cards

    _check_labels(args)
    day = _day(args.date, "--date")
    db = open_database(args, writes=True)
    _report_interrupted(db, args)
    with db.unit_of_work() as session:
        # The whole window: a script may have changed anything since the last evaluation.
        evaluate_program(session, day, whole_window=True)
    with _printing(db):
        due, summary, rendered = print_due_cards(
            db, day, args.out, labels_path=args.labels, label_sheet=args.label_sheet,
            include_upcoming=args.upcoming, mark_sent=args.mark_sent, progress=_progress)
    for left in due.left_out:
        print(f"  left out {left.customer_id} {left.name}: {skip_reason(left.reason)}",
              file=sys.stderr)
    if summary is None or rendered is None:
        if due.left_out:
            raise CommandError(f"nothing printed: {counted(len(due.left_out), 'card')} due, "
                               "all left out (see above)")
        print(f"no cards or letters due on {day.isoformat()}")
        return 0
    line = (f"printed {counted(due.cards, 'card')} and {counted(due.letters, 'letter')} "
            f"({counted(rendered.pages, 'page')}) to {args.out}")
    if args.labels:
        line += (f"; {counted(summary.item_count, 'label')} "
                 f"({counted(rendered.label_pages, 'sheet')}) to {args.labels}")
    line += f"; batch {summary.id}" + (" marked sent" if summary.sent_at else "")
    line += f"; left out {len(due.left_out):,}"
    print(line)
    return 0


def _print_again(args: argparse.Namespace) -> int:
    from core.printing.services import print_batch_again

    db = open_database(args, writes=True)
    _report_interrupted(db, args, skip=args.batch)
    with _printing(db):
        summary, plan, rendered = print_batch_again(db, args.batch, progress=_progress)
    labels = Path(summary.labels_path) if summary.labels_path else None
    _print_done(Path(summary.out_path), labels, summary, plan, rendered)
    return 0


@contextmanager
def _printing(db: Any) -> Iterator[None]:
    """Around a print job: the progress line ended, and the failures a person can act on
    (a full disk, a damaged name) worded in one line."""
    try:
        yield
    except CommandError:
        raise
    except Exception as exc:
        failure = _worded_failure(db, exc)
        if failure is None:
            raise
        raise failure from exc
    finally:
        if sys.stderr.isatty():
            print(file=sys.stderr)


def _worded_failure(db: Any, error: Exception) -> CommandError | None:
    """The printing failures a person can act on, in one line; None for the rest."""
    from core.commands.texts import printing_error_text, undecodable_text
    from core.kernel.errors import UndecodableText

    if isinstance(error, UndecodableText):
        return CommandError(undecodable_text(db.display_name, error.row_id, error.field))
    message = printing_error_text(error)
    return CommandError(message) if message is not None else None


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r{done:,}/{total:,}", end="", file=sys.stderr)


def _report_interrupted(db: Any, args: argparse.Namespace, *, skip: int = 0) -> None:
    from core.commands.texts import interrupted_batch_text
    """Tidy batches a killed run left being printed, and say how to print each again."""
    from core.printing.services import tidy_interrupted

    with db.unit_of_work() as session:
        interrupted = tidy_interrupted(session)
    db_option = f" --db {shlex.quote(str(args.db))}" if getattr(args, "db", None) else ""
    for batch in interrupted:
        if batch.id != skip:
            print(interrupted_batch_text(batch, db_option), file=sys.stderr)


def _print_done(out: Path, labels: Path | None, summary: Any, plan: Any, rendered: Any) -> None:
    from core.commands.texts import counted, skip_reason, skips_text
    line = (f"printed {counted(summary.item_count, plan.template.name + ' item')} "
            f"({counted(rendered.pages, 'page')}, {plan.format_name}) to {out}")
    if labels:
        line += (f"; {counted(summary.item_count, 'label')} "
                 f"({counted(rendered.label_pages, 'sheet')}) to {labels}")
    line += f"; batch {summary.id}" + (" marked sent" if summary.sent_at else "")
    line += f"; skipped {len(plan.skipped):,}"
    line += f": {skips_text(plan.skipped)}" if plan.skipped else ""
    print(line)
    for skip in plan.skipped:
        print(f"  skipped {skip.customer_id} {skip.name}: {skip_reason(skip.reason)}",
              file=sys.stderr)


