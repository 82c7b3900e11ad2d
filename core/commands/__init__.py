"""Headless commands: `main.py COMMAND ...` for scripts, batch jobs and checking.

Each module in COMMAND_MODULES has `register(subparsers)`, which adds its commands and
sets `handler(args) -> int` on each. Exit codes: 0 ok, 1 error (one line on stderr),
2 usage (argparse).
"""
from __future__ import annotations

import argparse
import importlib
import sys
from typing import Any

from core.kernel.errors import RegularsError

COMMAND_MODULES = (
    "core.commands.customers",
    "core.commands.backups",
    "core.commands.interchange",
    "core.commands.printing",
)


class CommandError(RegularsError):
    """A clear, one-line reason the command could not do its job."""


def add_db_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    # SUPPRESS on subcommands, so `main.py --db X find` and `main.py find --db X` both work.
    parser.add_argument(
        "--db", metavar="PATH_OR_URL", default=None if top_level else argparse.SUPPRESS,
        help="database file or SQLAlchemy URL (default: the file in your user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py", description="Regulars: a customer appreciation program."
    )
    add_db_option(parser, top_level=True)
    parser.add_argument(
        "--exit-after-paint", action="store_true",
        help="open the window, print the startup time in ms once the list has painted, exit",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # an area not built yet
                continue
            raise
        module.register(subparsers)
    return parser


def open_database(args: argparse.Namespace) -> Any:
    """The database named by --db, checked and migrated, for one command."""
    from core.store.db import Database
    from core.store.errors import DatabaseCorrupt
    from core.store.opening import prepare_database

    db = Database.open(args.db)
    try:
        prepare_database(db)
    except DatabaseCorrupt as exc:
        raise CommandError(
            f"{exc.path} is damaged ({exc.detail}); restore a backup with 'main.py restore FILE'"
        ) from exc
    except Exception as exc:
        if type(exc).__module__.startswith(("sqlalchemy", "psycopg", "sqlite3")):
            raise CommandError(f"cannot open database {db.display_name}: {exc}") from exc
        raise
    return db


def run_command(args: argparse.Namespace) -> int:
    try:
        return int(args.handler(args))
    except CommandError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
