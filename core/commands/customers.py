"""`find` and `demo`: look customers up, fill a database with realistic ones."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from core.commands import CommandError, add_db_option, add_wait_option, open_database


def register(subparsers: Any) -> None:
    find = subparsers.add_parser("find", help="print customers matching TEXT, one per line")
    find.add_argument("text", metavar="TEXT")
    find.add_argument("--limit", type=int, default=20)
    add_db_option(find)
    find.set_defaults(handler=_find)

    demo = subparsers.add_parser("demo", help="fill the database with realistic demo customers")
    demo.add_argument("--customers", type=int, default=None, metavar="N",
                      help="how many customers to add (default 1000)")
    demo.add_argument("--till-export", type=Path, metavar="FILE.csv",
                      help="instead, write a year of the demo shop's till as a Square "
                           "transactions export, to try File > Import Visits and Purchases")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    add_db_option(demo)
    add_wait_option(demo)
    demo.set_defaults(handler=_demo)


def _find(args: argparse.Namespace) -> int:
    from core.customers.queries import search_customers

    if args.limit < 1:
        raise CommandError("--limit must be at least 1")
    db = open_database(args)
    for row in search_customers(db.raw(), args.text, limit=args.limit):
        fields = [str(row.id), row.display_name, row.email, row.phone, row.postal_code, row.stage]
        print("\t".join(fields))
    return 0


def _demo(args: argparse.Namespace) -> int:
    from core.demo.services import generate_demo

    if args.till_export is not None:
        return _till_export(args)
    if args.customers is None:
        args.customers = 1000
    if args.customers < 1:
        raise CommandError("--customers must be at least 1")
    db = open_database(args, writes=True)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{done:,}/{total:,} customers", end="", file=sys.stderr)

    created = generate_demo(db, customers=args.customers, seed=args.seed, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"created {created:,} demo customers in {time.perf_counter() - started:.1f} s "
          f"in {db.display_name}")
    return 0


def _till_export(args: argparse.Namespace) -> int:
    from core.visits.services import write_demo_till_export

    target: Path = args.till_export
    if args.customers is not None:
        raise CommandError("--till-export writes the till of the customers already there; "
                           "make them first with: main.py demo --customers N")
    if not target.parent.exists():
        raise CommandError(f"{target.parent}: no such folder")
    db = open_database(args)
    with db.unit_of_work() as session:
        written = write_demo_till_export(session, target, seed=args.seed)
    if not written:
        raise CommandError(f"{db.display_name} has no customers yet; make some first with: "
                           "main.py demo --customers N")
    print(f"wrote {written:,} transactions to {target} (Square's transactions export)")
    return 0
