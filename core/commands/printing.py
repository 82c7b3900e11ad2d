"""`templates list` and `print cards`: print a batch of cards or letters (and labels) to PDF."""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from core.commands import CommandError, add_db_option, open_database

SKIP_REASONS = {
    "no_address": "no postal address",
    "no_mail": "asked for no mail",
    "not_found": "not found",
}


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
    cards.set_defaults(handler=_print_cards)


def _templates_list(args: argparse.Namespace) -> int:
    from core.printing.templates import list_templates

    db = open_database(args)
    with db.unit_of_work() as session:
        for template in list_templates(session):
            state = "edited" if template.is_edited else "default"
            print("\t".join([template.name, template.kind, template.title or "-", state]))
    return 0


def _print_cards(args: argparse.Namespace) -> int:
    from core.printing.batches import BatchRequest, NoRecipients, print_batch
    from core.printing.recipients import RecipientSelection

    if args.labels and not args.label_sheet:
        args.label_sheet = "avery-5160"
    if args.label_sheet and not args.labels:
        raise CommandError("--label-sheet needs --labels FILE.pdf")
    if args.labels and Path(args.labels).resolve() == Path(args.out).resolve():
        raise CommandError("--labels and --out must be different files")
    selection = RecipientSelection(
        customer_ids=tuple(args.customer or ()), tag=args.tag or "", stage=args.stage or "",
        everyone=args.all,
    )
    request = BatchRequest(args.template, selection, args.format, args.label_sheet, args.start)
    db = open_database(args)

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{done:,}/{total:,}", end="", file=sys.stderr)

    try:
        with db.unit_of_work() as session:
            summary, plan, rendered = print_batch(
                session, request, args.out, labels_path=args.labels, mark_sent=args.mark_sent,
                progress=progress)
    except NoRecipients as exc:
        raise CommandError(f"nobody to print for: {_skips(exc.skipped)}") from exc
    except Exception as exc:
        message = _explain(exc)
        if message is None:
            raise
        raise CommandError(message) from exc
    if sys.stderr.isatty():
        print(file=sys.stderr)
    line = (f"printed {summary.item_count} {plan.template.name} item(s) "
            f"({rendered.pages} pages, {plan.format_name}) to {args.out}")
    if args.labels:
        line += f"; {summary.item_count} labels ({rendered.label_pages} sheets) to {args.labels}"
    line += f"; batch {summary.id}" + (" marked sent" if args.mark_sent else "")
    line += f"; skipped {len(plan.skipped)}" + (f": {_skips(plan.skipped)}" if plan.skipped else "")
    print(line)
    for skip in plan.skipped:
        print(f"  skipped {skip.customer_id} {skip.name}: {SKIP_REASONS.get(skip.reason)}",
              file=sys.stderr)
    return 0


def _skips(skipped: Any) -> str:
    counts = Counter(s.reason for s in skipped)
    return ", ".join(f"{n} {SKIP_REASONS.get(r, r)}" for r, n in counts.items()) or "none"


def _explain(exc: Exception) -> str | None:
    """A one-line message for the errors a person can fix, or None."""
    from core.printing.formats import FormatMismatch, InvalidStartPosition, UnknownFormat
    from core.printing.recipients import InvalidSelection
    from core.printing.templates import InvalidTemplate, TemplateNotFound

    if isinstance(exc, TemplateNotFound):
        return f"no template named {exc.name!r}; see 'main.py templates list'"
    if isinstance(exc, UnknownFormat):
        return f"unknown format {exc.name!r}; choose one of: {', '.join(exc.known)}"
    if isinstance(exc, FormatMismatch):
        return f"a {exc.template_kind} template cannot be printed as {exc.format_name}"
    if isinstance(exc, InvalidStartPosition):
        return f"--start must be between 1 and {exc.per_page} for this label sheet"
    if isinstance(exc, InvalidSelection):
        return {
            "unknown_tag": f"no tag named {exc.detail!r}",
            "unknown_stage": f"unknown stage {exc.detail!r}; choose prospect, new, repeat, "
                             "advocate or lapsed",
        }.get(exc.code, f"invalid selection ({exc.code})")
    if isinstance(exc, InvalidTemplate):
        fields = ", ".join(f"{p.code} {p.field}".strip() for p in exc.problems)
        return f"the template has problems: {fields}"
    if isinstance(exc, OSError):
        return f"cannot write {exc.filename or 'the PDF'}: {exc.strerror}"
    return None
