"""`log`: record a visit, purchase, call, meeting or note for one customer."""
from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from core.commands import CommandError, add_db_option, add_wait_option, open_database

_KINDS = ("visit", "purchase", "call", "meeting", "note")


def register(subparsers: Any) -> None:
    log = subparsers.add_parser(
        "log", help="record a visit, purchase, call, meeting or note; prints its id",
        description="Record what happened with one customer, named by --customer ID, "
                    "--email or --phone. Prints the new interaction's id.")
    log.add_argument("kind", choices=_KINDS, metavar="visit|purchase|call|meeting|note")
    who = log.add_mutually_exclusive_group(required=True)
    who.add_argument("--customer", type=int, metavar="ID", help="the customer's id (see 'find')")
    who.add_argument("--email", metavar="ADDRESS", help="the customer's email address")
    who.add_argument("--phone", metavar="NUMBER", help="the customer's phone number")
    log.add_argument("--date", metavar="YYYY-MM-DD", help="when it happened (default: today)")
    log.add_argument("--amount", metavar="12.50",
                     help="what was spent, in the business currency")
    log.add_argument("--note", default="", metavar="TEXT")
    add_db_option(log)
    add_wait_option(log)
    log.set_defaults(handler=_log)


def _log(args: argparse.Namespace) -> int:
    from core.commands import texts
    from core.kernel.errors import Invalid, NotFound
    from core.kernel.money import InvalidAmount, Money
    from core.visits.errors import AmbiguousCustomer
    from core.visits.services import business_currency, find_customer_id, log_interaction
    from core.visits.types import InteractionDraft

    occurred_on = _read_date(args.date)
    db = open_database(args, writes=True)
    try:
        with db.unit_of_work() as session:
            amount = None
            if args.amount is not None:
                currency = business_currency(session)
                try:
                    amount = Money.parse(args.amount, currency)
                except InvalidAmount as exc:
                    raise CommandError(texts.bad_amount(args.amount, exc.reason,
                                                        currency)) from exc
            customer_id = args.customer
            if customer_id is None:
                customer_id = find_customer_id(session, email=args.email or "",
                                               phone=args.phone or "")
            new_id = log_interaction(session, customer_id, InteractionDraft(
                args.kind, occurred_on, amount, args.note))
    except NotFound as exc:
        raise CommandError(texts.unknown_customer(_given(args))) from exc
    except AmbiguousCustomer as exc:
        raise CommandError(texts.ambiguous_customer(exc.by, exc.value, exc.customer_ids)) from exc
    except Invalid as exc:
        raise CommandError(texts.interaction_problems(exc.problems)) from exc
    print(new_id)
    return 0


def _read_date(text: str | None) -> dt.date:
    from core.commands import texts

    if text is None:
        return dt.date.today()
    try:
        if len(text) != 10:
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(texts.bad_date(text)) from exc


def _given(args: argparse.Namespace) -> str:
    if args.customer is not None:
        return f"customer {args.customer}"
    if args.email:
        return f"customer with the email {args.email}"
    return f"customer with the phone number {args.phone}"
