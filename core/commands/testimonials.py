"""`print release-form`, `export testimonials` and `testimonials takedown|removed`.

The first two hang off the `print` and `export` groups (core.commands.printing and
core.commands.interchange call `add_print_command` and `add_export_command`).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from core.commands import CommandError, add_db_option, add_wait_option, open_database

CHANNEL_CHOICES = ("website", "social", "print", "video", "advertising")
# Why an export left a testimonial out (core.testimonials.types.LEFT_OUT_REASONS).
LEFT_OUT_WORDS = {
    "not_signed": "release not signed yet", "declined": "release declined",
    "revoked": "release revoked", "expired": "release expired",
    "other_channels": "released for other channels only",
}
PLACE_WORDS = {"web_page": "web page", "flyer": "flyer", "social_post": "social post",
               "other": "other place"}


def register(subparsers: Any) -> None:
    group = subparsers.add_parser("testimonials", help="testimonials and their releases")
    actions = group.add_subparsers(dest="testimonials_command", metavar="ACTION",
                                   required=True)
    takedown = actions.add_parser(
        "takedown", help="print the take-down checklist: every place still using a "
                         "testimonial whose release was revoked or has expired")
    takedown.add_argument("--date", metavar="YYYY-MM-DD", help="as of this day (default: today)")
    add_db_option(takedown)
    takedown.set_defaults(handler=_takedown)
    removed = actions.add_parser(
        "removed", help="tick a place off the take-down checklist: it was taken down")
    removed.add_argument("use", type=int, metavar="USE", help="the number the checklist shows")
    removed.add_argument("--date", metavar="YYYY-MM-DD", help="when (default: today)")
    add_db_option(removed)
    add_wait_option(removed)
    removed.set_defaults(handler=_removed)
    add_db_option(group)


def add_print_command(printing_sub: Any) -> None:
    form = printing_sub.add_parser(
        "release-form", help="the one-page release form for a testimonial, to sign")
    form.add_argument("--testimonial", type=int, action="append", required=True, metavar="ID",
                      help="a testimonial's number (repeat for a batch, a page each)")
    form.add_argument("--out", type=Path, metavar="FILE.pdf",
                      help="where (default: release-form-ID.pdf here)")
    form.add_argument("--date", metavar="YYYY-MM-DD", help="printed on (default: today)")
    add_db_option(form)
    add_wait_option(form)
    form.set_defaults(handler=_print_release_form)


def add_export_command(kinds: Any) -> None:
    parser = kinds.add_parser(
        "testimonials", help="released testimonials for one channel, to HTML, CSV or JSON")
    parser.add_argument("--channel", required=True, choices=CHANNEL_CHOICES)
    parser.add_argument("file", metavar="FILE.(html|csv|json)", type=Path)
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="as of this day (default: today)")
    add_db_option(parser)
    parser.set_defaults(handler=_export)


def _print_release_form(args: argparse.Namespace) -> int:
    from core.commands.printing import _printing, _progress
    from core.commands.program import _day
    from core.commands.texts import counted
    from core.kernel.errors import NotFound
    from core.testimonials.services import print_release_forms

    day = _day(args.date, "--date")
    ids = list(dict.fromkeys(args.testimonial))
    out = args.out or Path(f"release-form-{ids[0]}.pdf")
    db = open_database(args, writes=True)
    try:
        with _printing(db):
            printed = print_release_forms(db, ids, out, today=day, progress=_progress)
    except NotFound as exc:
        raise CommandError(f"no testimonial {exc.id}") from exc
    line = f"printed {counted(printed.pages, 'release form')} to {out}"
    if printed.requested:
        line += (f"; {counted(len(printed.requested), 'release')} now waiting for the "
                 f"signed form (asked {day.isoformat()})")
    print(line)
    return 0


def _export(args: argparse.Namespace) -> int:
    from core.commands.program import _day
    from core.commands.texts import counted
    from core.kernel.errors import Invalid
    from core.testimonials.services import format_of, plan_export, write_export

    day = _day(args.date, "--date")
    try:
        format_of(args.file)
    except Invalid as exc:
        raise CommandError(f"{args.file}: the file must end in .html, .csv or .json") from exc
    db = open_database(args)
    with db.unit_of_work() as session:
        plan = plan_export(session, args.channel, today=day)
    try:
        written = write_export(plan, args.file)
    except OSError as exc:
        from core.commands.texts import os_error

        raise CommandError(os_error(exc, args.file)) from exc
    line = (f"exported {counted(written, 'testimonial')} released for {args.channel} "
            f"to {args.file}; left out {len(plan.left_out):,}")
    reasons = plan.left_out_counts()
    if reasons:
        line += ": " + ", ".join(f"{n:,} {LEFT_OUT_WORDS[code]}" for code, n in reasons.items())
    print(line)
    return 0


def _takedown(args: argparse.Namespace) -> int:
    from core.commands.program import _day
    from core.testimonials.services import takedown_checklist

    day = _day(args.date, "--date")
    db = open_database(args)
    with db.unit_of_work() as session:
        items = takedown_checklist(session, today=day)
    if not items:
        print("nothing to take down")
        return 0
    for item in items:
        what = "revoked" if item.reason == "revoked" else "expired"
        print(f"use {item.use_id}\ttestimonial {item.testimonial_id}\t{item.customer_name}\t"
              f"{what} {item.ended_on.isoformat()}\t"
              f"{PLACE_WORDS.get(item.place_kind, item.place_kind)} ({item.channel}), "
              f"since {item.started_on.isoformat()}\t{item.where}")
    print(f"{len(items):,} place{'s' if len(items) != 1 else ''} to take down; tick each "
          "off with: main.py testimonials removed USE", file=sys.stderr)
    return 0


def _removed(args: argparse.Namespace) -> int:
    from core.commands.program import _day
    from core.kernel.errors import NotFound
    from core.testimonials.services import tick_off_use

    day = _day(args.date, "--date")
    db = open_database(args, writes=True)
    try:
        with db.unit_of_work() as session:
            tick_off_use(session, args.use, on=day)
    except NotFound as exc:
        raise CommandError(f"no use {args.use} in the usage log") from exc
    print(f"use {args.use} ticked off as taken down on {day.isoformat()}")
    return 0
