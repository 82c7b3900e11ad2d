"""`today` and `actions`: evaluate the program as of a day, and work through its actions."""
from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from core.commands import CommandError, add_db_option, add_wait_option, open_database


def register(subparsers: Any) -> None:
    today = subparsers.add_parser(
        "today", help="evaluate the program and print what is due, overdue and coming up")
    today.add_argument("--date", metavar="YYYY-MM-DD", help="as of this day (default: today)")
    today.add_argument("--json", action="store_true", help="print one JSON object")
    add_db_option(today)
    add_wait_option(today)
    today.set_defaults(handler=_today)

    actions = subparsers.add_parser("actions", help="mark an action done, skipped or snoozed")
    actions_sub = actions.add_subparsers(dest="actions_command", metavar="ACTION",
                                         required=True)
    for name, help_text in (("done", "mark an action done"),
                            ("skip", "skip an action for good")):
        sub = actions_sub.add_parser(name, help=help_text)
        sub.add_argument("id", type=int, metavar="ID")
        sub.add_argument("--note", default="", metavar="TEXT")
        add_db_option(sub)
        add_wait_option(sub)
        sub.set_defaults(handler=_close_action)
    snooze = actions_sub.add_parser("snooze", help="put an action aside until a day")
    snooze.add_argument("id", type=int, metavar="ID")
    snooze.add_argument("--until", required=True, metavar="YYYY-MM-DD")
    add_db_option(snooze)
    add_wait_option(snooze)
    snooze.set_defaults(handler=_snooze)


def _day(text: str | None, option: str) -> dt.date:
    from core.commands.texts import bad_date
    from core.program.services import shop_today

    if text is None:
        return shop_today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option}: {bad_date(text)}") from None


def _today(args: argparse.Namespace) -> int:
    from core.program.services import evaluate_program, today_view

    day = _day(args.date, "--date")
    db = open_database(args, writes=True)
    with db.unit_of_work() as session:
        # The whole window: a script may have changed anything since the last evaluation.
        evaluate_program(session, day, whole_window=True)
        view = today_view(session, day)
    if args.json:
        print(json.dumps(_as_json(view), ensure_ascii=False))
        return 0
    counts = view.counts
    print(f"{day.isoformat()}: {counts.due:,} due, {counts.overdue:,} overdue, "
          f"{counts.upcoming:,} coming up, {counts.missed:,} missed, "
          f"{counts.done_this_week:,} done this week")
    for row in view.actions:
        print("\t".join([str(row.id), row.state, row.due_on.isoformat(), row.gesture,
                         f"{row.customer_name} ({row.customer_id})", row.why]))
    return 0


def _as_json(view: Any) -> dict[str, Any]:
    counts = view.counts
    return {
        "date": view.date.isoformat(),
        "actions": [{
            "id": row.id, "rule": row.rule, "gesture": row.gesture,
            "customer_id": row.customer_id, "occasion_on": row.occasion_on.isoformat(),
            "due_on": row.due_on.isoformat(), "state": row.state, "why": row.why,
            "joined": [joined.action_id for joined in row.joined],
        } for row in view.actions],
        "counts": {"due": counts.due, "overdue": counts.overdue, "upcoming": counts.upcoming,
                   "missed": counts.missed, "done_this_week": counts.done_this_week},
    }


def _close_action(args: argparse.Namespace) -> int:
    from core.program.services import complete_action, skip_action

    done = args.actions_command == "done"

    def close(session: Any) -> None:
        if done:
            complete_action(session, args.id, note=args.note)
        else:
            skip_action(session, args.id, reason=args.note)

    _run_on_action(open_database(args, writes=True), args.id, close)
    print(f"action {args.id} {'done' if done else 'skipped'}")
    return 0


def _snooze(args: argparse.Namespace) -> int:
    from core.program.services import snooze_action

    until = _day(args.until, "--until")
    db = open_database(args, writes=True)
    _run_on_action(db, args.id,
                   lambda session: snooze_action(session, args.id, until, _day(None, "")))
    print(f"action {args.id} snoozed until {until.isoformat()}")
    return 0


def _run_on_action(db: Any, action_id: int, change: Any) -> None:
    from core.kernel.errors import Invalid, NotFound

    try:
        db.run(change)
    except NotFound:
        raise CommandError(f"there is no action {action_id}") from None
    except Invalid as exc:
        problem = exc.problems[0]
        if problem.field == "until":
            raise CommandError(f"--until must be after today, not {problem.detail}") from None
        raise CommandError(f"action {action_id} is already {problem.detail}") from None
