"""`find` and `demo`: look customers up, fill a database with realistic ones."""
from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from core.commands import CommandError, add_db_option, add_wait_option, open_database


def register(subparsers: Any) -> None:
    find = subparsers.add_parser("find", help="print customers matching TEXT, one per line")
    find.add_argument("text", metavar="TEXT")
    find.add_argument("--limit", type=int, default=20)
    add_db_option(find)
    find.set_defaults(handler=_find)

    demo = subparsers.add_parser("demo", help="fill the database with realistic demo customers")
    demo.add_argument("--customers", type=int, default=1000, metavar="N")
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
