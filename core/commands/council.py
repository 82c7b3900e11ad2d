"""`council candidates`, and the council's letters under `print`: invitations to join a
term, a meeting's notes, "you said, we did", and invitations to an appreciation evening."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from core.commands import CommandError, add_db_option, add_wait_option, open_database

NOTHING_REASONS = {
    "no_members": "nobody to write to",
    "no_guests": "every guest on the list has been invited already (or the list is empty)",
    "nothing_to_report": "no idea was acted on since each member's last letter",
}


def register(subparsers: Any) -> None:
    council = subparsers.add_parser("council", help="the customer council")
    council_sub = council.add_subparsers(dest="council_command", metavar="ACTION",
                                         required=True)
    candidates = council_sub.add_parser(
        "candidates", help="customers suggested for the council, best first, with why")
    candidates.add_argument("--limit", type=int, default=20, metavar="N")
    candidates.add_argument("--newer", type=int, default=0, metavar="N",
                            help="of those, N places for customers of less than a year")
    candidates.add_argument("--date", metavar="YYYY-MM-DD", help="as of this day")
    add_db_option(candidates)
    candidates.set_defaults(handler=_candidates)


def register_print(printing_sub: Any) -> None:
    """The council's letters, as `print` subcommands (core.commands.printing calls this)."""
    letters: tuple[tuple[str, str, str, Callable[[argparse.Namespace], int]], ...] = (
        ("council-invitations", "--term",
         ("letters inviting the term's suggested members to join, labels in a second PDF; "
         "records them as invited"), _invitations),
        ("council-notes", "--meeting",
         "the meeting's notes as a letter to each member, labels in a second PDF", _notes),
        ("you-said-we-did", "--term",
         "a letter to each member with the ideas acted on since their last one", _you_said),
        ("event-invitations", "--event",
         ("invitations to an appreciation evening for every guest not invited yet, labels "
         "in a second PDF"), _event_invitations),
    )
    for name, target, help_text, handler in letters:
        sub = printing_sub.add_parser(name, help=help_text)
        sub.add_argument(target, required=True, type=int, metavar="ID",
                         dest="target_id")
        sub.add_argument("--out", type=Path, metavar="FILE.pdf",
                         help=f"default: {name}.pdf in the current folder")
        sub.add_argument("--labels", type=Path, metavar="FILE.pdf")
        sub.add_argument("--label-sheet", default="", metavar="SHEET",
                         help="avery-5160, avery-5161, avery-5163, avery-l7160, "
                              "avery-l7163 (default: the usual one for your country)")
        sub.add_argument("--date", metavar="YYYY-MM-DD", help="as of this day")
        add_db_option(sub)
        add_wait_option(sub)
        sub.set_defaults(handler=handler, letter_name=name)


def _candidates(args: argparse.Namespace) -> int:
    from core.commands.program import _day
    from core.council.services import suggest_candidates
    from core.kernel.money import format_minor
    from core.settings.services import get_business_profile

    if args.limit < 1 or args.newer < 0 or args.newer > args.limit:
        raise CommandError("--limit must be 1 or more, and --newer between 0 and --limit")
    day = _day(args.date, "--date")
    db = open_database(args)
    with db.unit_of_work() as session:
        profile = get_business_profile(session)
        found = suggest_candidates(session, day, limit=args.limit, newer=args.newer)
    if not found:
        print("no candidates: no customer who has come in may be invited")
        return 0
    for rank, c in enumerate(found, 1):
        value = format_minor(c.lifetime_value_minor, profile.currency, profile.locale)
        print("\t".join([str(rank), str(c.customer_id), c.name, value,
                         f"{c.visit_count:,} visits", c.reason]))
    return 0


def _out(args: argparse.Namespace) -> Path:
    out = Path(args.out) if args.out else Path(f"{args.letter_name}.pdf")
    labels = getattr(args, "labels", None)
    if getattr(args, "label_sheet", "") and not labels:
        raise CommandError("--label-sheet needs --labels FILE.pdf")
    if labels and Path(labels).resolve() == out.resolve():
        raise CommandError("--labels and --out must be different files")
    return out


@contextmanager
def _worded(kind: str, target_id: int) -> Iterator[None]:
    from core.council.errors import NothingToPrint
    from core.kernel.errors import NotFound

    try:
        yield
    except NotFound as exc:
        raise CommandError(f"no {exc.kind} {exc.id}") from exc
    except NothingToPrint as exc:
        from core.commands.texts import skip_reason

        reason = NOTHING_REASONS.get(exc.reason) or skip_reason(exc.reason)
        for left in exc.left_out:
            print(f"  left out {getattr(left, 'customer_id', '')} {getattr(left, 'name', '')}: "
                  f"{_left_reason(getattr(left, 'reason', ''))}", file=sys.stderr)
        raise CommandError(f"nothing printed for {kind} {target_id}: {reason}") from exc


def _left_reason(code: str) -> str:
    from core.commands.texts import skip_reason

    return NOTHING_REASONS.get(code) or skip_reason(code)


def _run(args: argparse.Namespace, kind: str, job: Callable[..., Any]) -> int:
    from core.commands.printing import _printing, _progress, _report_interrupted
    from core.commands.program import _day
    from core.commands.texts import counted

    out = _out(args)
    day = _day(args.date, "--date")
    db = open_database(args, writes=True)
    _report_interrupted(db, args)
    labels = getattr(args, "labels", None)
    with _worded(kind, args.target_id), _printing(db):
        printed = job(db, args.target_id, out, today=day, labels_path=labels,
                      label_sheet=getattr(args, "label_sheet", ""), progress=_progress)
    line = f"printed {counted(printed.letters, 'letter')} ({counted(printed.pages, 'page')}) to {out}"
    if labels:
        line += f"; {counted(printed.letters, 'label')} " \
                f"({counted(printed.label_pages, 'sheet')}) to {labels}"
    line += f"; batch {printed.batch_id}; left out {len(printed.left_out):,}"
    print(line)
    for left in printed.left_out:
        print(f"  left out {left.customer_id} {left.name}: {_left_reason(left.reason)}",
              file=sys.stderr)
    return 0


def _invitations(args: argparse.Namespace) -> int:
    from core.council.services import print_council_invitations

    return _run(args, "council term", print_council_invitations)


def _notes(args: argparse.Namespace) -> int:
    from core.council.services import print_meeting_notes

    return _run(args, "council meeting", print_meeting_notes)


def _you_said(args: argparse.Namespace) -> int:
    from core.council.services import print_you_said_we_did

    return _run(args, "council term", print_you_said_we_did)


def _event_invitations(args: argparse.Namespace) -> int:
    from core.council.services import print_event_invitations

    return _run(args, "event", print_event_invitations)
