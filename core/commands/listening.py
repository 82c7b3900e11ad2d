"""`complaint` and `promise`: open, move and resolve complaints; record and keep promises."""
from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import Any

from core.commands import CommandError, add_db_option, add_wait_option, open_database

_STATUS_WORDS = {"open": "open", "in-progress": "in_progress", "waiting": "waiting"}


def register(subparsers: Any) -> None:
    complaint = subparsers.add_parser(
        "complaint", help="open, move, resolve or close a customer's complaint")
    sub = complaint.add_subparsers(dest="complaint_command", metavar="ACTION", required=True)
    opening = sub.add_parser("open", help="open a complaint; prints its id")
    opening.add_argument("--customer", type=int, required=True, metavar="ID")
    opening.add_argument("--summary", required=True, metavar="TEXT", help="what happened")
    opening.add_argument("--severity", default="normal", metavar="low|normal|high")
    opening.add_argument("--owner", metavar="NAME",
                         help="who puts it right (default: your user name)")
    opening.add_argument("--date", metavar="D",
                         help="when it was opened: YYYY-MM-DD or YYYY-MM-DDTHH:MM (default: now)")
    opening.set_defaults(handler=_open)
    status = sub.add_parser("status", help="mark a complaint in progress, waiting or open")
    status.add_argument("id", type=int, metavar="ID")
    status.add_argument("status", metavar="in-progress|waiting|open")
    status.add_argument("--date", metavar="D", help="when (default: now)")
    status.set_defaults(handler=_status)
    resolve = sub.add_parser("resolve", help="resolve a complaint: what was done")
    resolve.add_argument("id", type=int, metavar="ID")
    resolve.add_argument("--resolution", required=True, metavar="TEXT")
    resolve.add_argument("--satisfied", metavar="yes|no",
                         help="whether the customer said they were satisfied")
    resolve.add_argument("--date", metavar="D", help="when (default: now)")
    resolve.set_defaults(handler=_resolve)
    close = sub.add_parser("close", help="close a complaint without resolution")
    close.add_argument("id", type=int, metavar="ID")
    close.add_argument("--reason", default="", metavar="TEXT")
    close.add_argument("--date", metavar="D", help="when (default: now)")
    close.set_defaults(handler=_close)

    promise = subparsers.add_parser("promise", help="record a promise, or that it was kept")
    psub = promise.add_subparsers(dest="promise_command", metavar="ACTION", required=True)
    add = psub.add_parser("add", help="record a promise; prints its id")
    add.add_argument("--customer", type=int, required=True, metavar="ID")
    add.add_argument("--what", required=True, metavar="TEXT", help='e.g. "frame ready Friday"')
    add.add_argument("--due", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--date", metavar="YYYY-MM-DD", help="when it was made (default: today)")
    add.set_defaults(handler=_add_promise)
    kept = psub.add_parser("kept", help="record that a promise was kept")
    kept.add_argument("id", type=int, metavar="ID")
    kept.add_argument("--date", metavar="YYYY-MM-DD", help="when (default: today)")
    kept.set_defaults(handler=_keep_promise)
    for parser in (opening, status, resolve, close, add, kept):
        add_db_option(parser)
        add_wait_option(parser)


def _user() -> str:
    from core.kernel.desk import who_is_at_the_desk

    return who_is_at_the_desk()


def _moment(text: str | None, option: str = "--date") -> dt.datetime:
    """A day (at the present time of day) or a day and time."""
    now = dt.datetime.now().replace(second=0, microsecond=0)
    if text is None:
        return now
    try:
        if len(text) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(text), now.time())
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option}: bad date {text!r}: give a real day as YYYY-MM-DD, "
                           "or a day and time as YYYY-MM-DDTHH:MM") from None


def _day(text: str | None, option: str = "--date") -> dt.date:
    from core.commands.texts import bad_date

    if text is None:
        return dt.date.today()
    try:
        if len(text) != 10:
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option}: {bad_date(text)}") from None


def _write(args: argparse.Namespace, change: Callable[[Any], Any]) -> Any:
    """Run one change in one unit of work; typed errors become one line."""
    from core.commands import texts
    from core.complaints.errors import ComplaintEnded, PromiseKept
    from core.kernel.errors import Invalid, NotFound

    db = open_database(args, writes=True)
    try:
        with db.unit_of_work() as session:
            return change(session)
    except NotFound as exc:
        if exc.kind == "customer":
            raise CommandError(texts.unknown_customer(f"customer {exc.id}")) from exc
        raise CommandError(f"there is no {exc.kind} {exc.id}") from exc
    except ComplaintEnded as exc:
        word = "resolved" if exc.status == "resolved" else "closed without resolution"
        raise CommandError(f"complaint {exc.complaint_id} is already {word}") from exc
    except PromiseKept as exc:
        raise CommandError(f"promise {exc.promise_id} was already kept on {exc.kept_on}") from exc
    except Invalid as exc:
        raise CommandError(_problem_text(exc.problems[0])) from exc


_OPTIONS = {"summary": "--summary", "resolution": "--resolution", "what": "--what",
            "severity": "--severity", "status": "STATUS", "due_on": "--due", "at": "--date",
            "kept_on": "--date"}


def _problem_text(problem: Any) -> str:
    from core.complaints import errors

    option = _OPTIONS.get(problem.field, problem.field)
    reasons = {
        errors.REQUIRED: "must not be empty",
        errors.TOO_LONG: f"is too long (at most {problem.detail} characters)",
        errors.UNKNOWN_SEVERITY: f"must be low, normal or high, not {problem.detail!r}",
        errors.UNKNOWN_STATUS: f"must be in-progress, waiting or open, not {problem.detail!r}",
        errors.BEFORE_OPENED: f"must not be before {problem.detail.replace('T', ' ')}, "
                              "the complaint's last change",
        errors.BEFORE_MADE: f"must not be before {problem.detail}, the day it was made",
    }
    return f"{option} {reasons.get(problem.code, problem.code)}"


def _open(args: argparse.Namespace) -> int:
    from core.complaints.services import open_complaint
    from core.complaints.types import SEVERITIES, ComplaintDraft

    if args.severity not in SEVERITIES:
        raise CommandError(f"--severity must be low, normal or high, not {args.severity!r}")
    draft = ComplaintDraft(args.customer, args.summary, args.severity,
                           _user() if args.owner is None else args.owner, _moment(args.date))
    new_id = _write(args, lambda session: open_complaint(session, draft))
    print(new_id)
    return 0


def _status(args: argparse.Namespace) -> int:
    from core.complaints.services import move_complaint

    status = _STATUS_WORDS.get(args.status)
    if status is None:
        raise CommandError(f"STATUS must be in-progress, waiting or open, not {args.status!r}")
    at = _moment(args.date)
    _write(args, lambda session: move_complaint(session, args.id, status, at=at, by=_user()))
    print(f"complaint {args.id} {args.status.replace('-', ' ')}")
    return 0


def _resolve(args: argparse.Namespace) -> int:
    from core.complaints.services import resolve_complaint

    answers: dict[str | None, bool | None] = {None: None, "yes": True, "no": False}
    if args.satisfied not in answers:
        raise CommandError(f"--satisfied must be yes or no, not {args.satisfied!r}")
    satisfied = answers[args.satisfied]
    at = _moment(args.date)
    _write(args, lambda session: resolve_complaint(
        session, args.id, resolution=args.resolution, satisfied=satisfied, at=at, by=_user()))
    print(f"complaint {args.id} resolved; a follow-up call is queued a week later")
    return 0


def _close(args: argparse.Namespace) -> int:
    from core.complaints.services import close_complaint

    at = _moment(args.date)
    _write(args, lambda session: close_complaint(session, args.id, reason=args.reason, at=at,
                                                 by=_user()))
    print(f"complaint {args.id} closed without resolution")
    return 0


def _add_promise(args: argparse.Namespace) -> int:
    from core.complaints.services import add_promise

    due = _day(args.due, "--due")
    made = _day(args.date)
    new_id = _write(args, lambda session: add_promise(
        session, customer_id=args.customer, what=args.what, due_on=due, made_on=made,
        owner=_user()))
    print(new_id)
    return 0


def _keep_promise(args: argparse.Namespace) -> int:
    from core.complaints.queries import get_promise
    from core.complaints.services import keep_promise

    kept_on = _day(args.date)

    def keep(session: Any) -> Any:
        keep_promise(session, args.id, kept_on=kept_on)
        return get_promise(session, args.id)

    from core.commands.texts import counted

    row = _write(args, keep)
    how = {"early": f"{counted((row.due_on - kept_on).days, 'day')} early",
           "on_time": "on time",
           "late": f"{counted((kept_on - row.due_on).days, 'day')} late"}[row.kept]
    print(f"promise {args.id} kept {how}")
    return 0
