"""`score`: record a satisfaction answer; `print survey-cards`: paper survey cards, each
with a short code to type the answer back in (the window's Listening page)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from core.commands import CommandError, add_db_option, add_wait_option, open_database

# The channels as typed on the command line, and as stored.
_CHANNELS = {"phone": "phone", "in-person": "in_person", "paper": "paper", "email": "email"}


def register(subparsers: Any) -> None:
    score = subparsers.add_parser(
        "score", help="record a satisfaction answer (NPS 0-10 or CSAT 1-5); prints its id",
        description="Record how a customer answered: NPS, 'how likely are you to recommend "
                    "us' (0-10), or CSAT, 'how satisfied were you' (1-5). Prints the new "
                    "score's id.")
    score.add_argument("--customer", type=int, required=True, metavar="ID",
                       help="the customer's id (see 'find')")
    score.add_argument("--scale", required=True, choices=("nps", "csat"), metavar="nps|csat")
    score.add_argument("--score", required=True, metavar="N",
                       help="0 to 10 for nps, 1 to 5 for csat")
    score.add_argument("--date", metavar="YYYY-MM-DD", help="when they answered (default: today)")
    score.add_argument("--channel", default="phone", choices=tuple(_CHANNELS),
                       metavar="phone|in-person|paper|email",
                       help="how they answered (default: phone)")
    score.add_argument("--comment", default="", metavar="TEXT")
    score.add_argument("--question", default="", metavar="TEXT",
                       help="the question as asked (default: the scale's usual question)")
    add_db_option(score)
    add_wait_option(score)
    score.set_defaults(handler=_score)


def register_print(printing_sub: Any) -> None:
    """`print survey-cards`, under the `print` command (core.commands.printing)."""
    cards = printing_sub.add_parser(
        "survey-cards", help="a one-page paper survey card per customer, each with a short "
                             "code to type the answer back in")
    who = cards.add_mutually_exclusive_group(required=True)
    who.add_argument("--customer", type=int, action="append", metavar="ID",
                     help="a customer id (repeat for more)")
    who.add_argument("--tag", metavar="TAG")
    who.add_argument("--stage", metavar="STAGE")
    cards.add_argument("--scale", default="nps", choices=("nps", "csat"), metavar="nps|csat",
                       help="the question asked: nps (0-10, default) or csat (1-5)")
    cards.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    add_db_option(cards)
    add_wait_option(cards)
    cards.set_defaults(handler=_print_survey_cards)


def _score(args: argparse.Namespace) -> int:
    from core.commands.texts import unknown_customer
    from core.commands.visits import _read_date
    from core.kernel.errors import Invalid, NotFound
    from core.scores.services import record_score
    from core.scores.types import ScoreDraft

    try:
        value = int(args.score.strip())
    except ValueError:
        raise CommandError(f"--score must be a whole number, not {args.score!r}") from None
    answered_on = _read_date(args.date)
    draft = ScoreDraft(args.scale, value, answered_on, _CHANNELS[args.channel], args.comment,
                       args.question)
    db = open_database(args, writes=True)
    try:
        with db.unit_of_work() as session:
            new_id = record_score(session, args.customer, draft)
    except NotFound:
        raise CommandError(unknown_customer(f"customer {args.customer}")) from None
    except Invalid as exc:
        raise CommandError(score_problems(exc.problems)) from None
    print(new_id)
    return 0


def score_problems(problems: Any) -> str:
    """The Problems of a score that could not be recorded, one clause each."""
    return "; ".join(_score_problem(p.field, p.code, p.detail) for p in problems)


def _score_problem(field: str, code: str, detail: str) -> str:
    if code == "out_of_range":
        lowest, _, highest = detail.partition("-")
        return f"--score must be between {lowest} and {highest} on this scale"
    if code == "in_the_future":
        return f"--date {detail} is in the future"
    if code == "comment_too_long":
        return f"--comment is longer than {detail} characters"
    if code == "question_too_long":
        return f"--question is longer than {detail} characters"
    if code == "unknown_channel":
        return f"unknown channel {detail!r}"
    if code == "unknown_scale":
        return f"unknown scale {detail!r}; choose nps or csat"
    return f"{field}: {code.replace('_', ' ')}"


def _print_survey_cards(args: argparse.Namespace) -> int:
    from core.commands.printing import _printing, _progress, _report_interrupted
    from core.commands.texts import counted, skip_reason, skips_text
    from core.printing.errors import NoRecipients
    from core.printing.types import RecipientSelection
    from core.program.services import shop_today
    from core.scores.services import plan_survey_cards, print_survey_cards

    selection = RecipientSelection(customer_ids=tuple(args.customer or ()),
                                   tag=args.tag or "", stage=args.stage or "")
    today = shop_today()
    db = open_database(args, writes=True)
    _report_interrupted(db, args)
    with _printing(db):
        try:
            with db.unit_of_work() as session:
                plan = plan_survey_cards(session, selection, scale=args.scale, today=today)
        except NoRecipients as exc:
            raise CommandError(f"nobody to print for: {skips_text(exc.skipped)}") from exc
        summary, rendered = print_survey_cards(db, plan, args.out, today=today,
                                               progress=_progress)
    line = (f"printed {counted(summary.item_count, 'survey card')} "
            f"({counted(rendered.pages, 'page')}) to {args.out}; batch {summary.id}; "
            f"skipped {len(plan.skipped):,}")
    line += f": {skips_text(plan.skipped)}" if plan.skipped else ""
    print(line)
    for skip in plan.skipped:
        print(f"  skipped {skip.customer_id} {skip.name}: {skip_reason(skip.reason)}",
              file=sys.stderr)
    return 0
