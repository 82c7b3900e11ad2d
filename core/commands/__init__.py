"""Headless commands: `main.py COMMAND ...` for scripts, batch jobs and checking.

Each module in COMMAND_MODULES has `register(subparsers)`, which adds its commands and
sets `handler(args) -> int` on each. Exit codes: 0 ok, 1 error (one line on stderr),
2 usage (argparse).
"""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from typing import Any

from core.kernel.errors import RegularsError

log = logging.getLogger(__name__)

COMMAND_MODULES = (
    "core.commands.customers",
    "core.commands.backups",
    "core.commands.interchange",
    "core.commands.printing",
    "core.commands.till",
    "core.commands.visits",
    "core.commands.program",
    "core.commands.listening",
    "core.commands.server",
    "core.commands.council",
    "core.commands.scores",
    "core.commands.profile",
    "core.commands.testimonials",
)


class CommandError(RegularsError):
    """A clear, one-line reason the command could not do its job."""


def add_db_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    # SUPPRESS on subcommands, so `main.py --db X find` and `main.py find --db X` both work.
    parser.add_argument(
        "--db", metavar="PATH_OR_URL", default=None if top_level else argparse.SUPPRESS,
        help="database file or SQLAlchemy URL (default: the file in your user data folder)",
    )


# Commands of two words, each registered under one (`import visits` is `import-visits`).
TWO_WORD_COMMANDS = {("import", "visits"): "import-visits"}


class _Parser(argparse.ArgumentParser):
    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        words = list(sys.argv[1:] if args is None else args)
        for index, word in enumerate(words[:-2]):
            # `import visits FILE`; `import visits` alone imports customers from "visits".
            joined = TWO_WORD_COMMANDS.get((word, words[index + 1]))
            if joined and not words[index + 2].startswith("-"):
                words[index : index + 2] = [joined]
                break
        return super().parse_known_args(words, namespace)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
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


def add_wait_option(parser: argparse.ArgumentParser) -> None:
    """For commands that write: wait for a window (or another command) to let go."""
    parser.add_argument(
        "--wait", action="store_true",
        help="if Regulars has the database open, wait until it is closed instead of stopping",
    )


# The instance locks this process holds; released when it exits.
_held_locks: list[Any] = []


def open_database(args: argparse.Namespace, *, writes: bool = False) -> Any:
    """The database named by --db, checked and migrated, for one command.

    A command that `writes` first takes the instance lock (a window or another writer
    holding it stops it, or with --wait, waits for it); a read-only one opens a file it
    cannot write read-only.
    """
    from core.commands import texts
    from core.store.db import Database
    from core.store.errors import (
        DatabaseCorrupt,
        DatabaseInUse,
        DatabaseReadOnly,
        SchemaOutdated,
    )
    from core.store.opening import prepare_database
    from core.store.servers import ServerProblem

    db = Database.open(args.db)
    if not db.is_sqlite:
        from core.commands.server_login import server_password

        db = Database.open(args.db, password=server_password(db.url))
    try:
        if writes:
            lock_for_writing(db, args)
        try:
            prepare_database(db)
        except DatabaseReadOnly:
            if writes:
                raise
            db = Database.open(args.db, read_only=True)
            prepare_database(db)
    except DatabaseInUse as exc:
        raise CommandError(texts.in_use(exc.path)) from exc
    except DatabaseReadOnly as exc:
        raise CommandError(texts.read_only(exc.path, exc.reason)) from exc
    except DatabaseCorrupt as exc:
        raise CommandError(texts.damaged(exc.path, exc.detail)) from exc
    except SchemaOutdated as exc:
        raise CommandError(texts.needs_update(db.display_name)) from exc
    except ServerProblem as problem:  # an out-of-date server a desk may not update, say
        raise CommandError("cannot open database "
                           + texts.server_problem(problem, db.display_name)) from None
    except Exception as exc:
        if type(exc).__module__.startswith(("sqlalchemy", "psycopg", "sqlite3")):
            from core.store.faults import DATABASE_ERROR, describe_fault

            fault = describe_fault(exc, db.display_name)
            if fault is not None and fault.kind != DATABASE_ERROR:  # a full disk, say
                raise CommandError(texts.fault_line(fault)) from exc
            raise CommandError(f"cannot open database {db.display_name}: {exc}") from exc
        raise
    return db


def lock_for_writing(db: Any, args: argparse.Namespace) -> None:
    """Take the instance lock for a writing command (kept until the process exits)."""
    from core.commands import texts
    from core.store.opening import lock_database

    def say_waiting() -> None:
        print(texts.waiting_for(db.display_name), file=sys.stderr, flush=True)

    lock = lock_database(db, wait=getattr(args, "wait", False), on_wait=say_waiting)
    if lock is not None:
        _held_locks.append(lock)


def print_percent(done: int, total: int) -> None:
    """A long command's progress on a terminal ("\r 42%"); nothing when stderr is a file."""
    if sys.stderr.isatty() and total:
        print(f"\r{100 * done // total:3d}%", end="", file=sys.stderr)


def run_command(args: argparse.Namespace) -> int:
    """Run the command; any failure ends in one line on stderr and exit 1, and what is
    not a CommandError keeps its traceback in the log, never on the terminal."""
    from core.kernel.jobs import waits_shown

    try:
        with waits_shown(_say_waiting):
            return int(args.handler(args))
    except CommandError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: stopped", file=sys.stderr)
        return 1
    except BrokenPipeError as exc:
        if not _stdout_closed():
            log.exception("command %s failed", args.command)
            print(f"error: {fault_text(exc, args)}", file=sys.stderr)
            return 1
        return 0  # `find … | head` took what it wanted: nothing went wrong
    except Exception as exc:  # the last net: a person sees one line, the log the rest
        log.exception("command %s failed", args.command)
        print(f"error: {fault_text(exc, args)}", file=sys.stderr)
        return 1


def _say_waiting(waiting: Any) -> None:
    """Another desk runs a job of this kind (core.store.job_locks): say whom we wait for."""
    from core.commands import texts

    if waiting is not None:
        print(texts.waiting_for_desk(waiting.job, waiting.desk), file=sys.stderr, flush=True)


def _stdout_closed() -> bool:
    """Whether the program reading our output has gone (rather than a helper's pipe). If so,
    point stdout at /dev/null, so that Python's flush at exit cannot fail again."""
    try:
        sys.stdout.flush()
        closed = _reader_gone(sys.stdout.fileno())
    except BrokenPipeError:
        closed = True
    if closed:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return closed


def _reader_gone(fd: int) -> bool:
    """A pipe whose reader has closed polls as an error (POSIX; elsewhere: not known)."""
    import select

    if not hasattr(select, "poll"):
        return False
    poller = select.poll()
    poller.register(fd, select.POLLOUT)
    return any(events & select.POLLERR for _fd, events in poller.poll(0))


def fault_text(exc: BaseException, args: argparse.Namespace) -> str:
    """One line for a failure no command worded itself: the file and the reason."""
    from core.commands import texts
    from core.kernel.paths import log_file
    from core.printing.errors import IncompleteBusinessProfile
    from core.store.faults import describe_fault

    if isinstance(exc, IncompleteBusinessProfile):  # any area's printing command
        return texts.incomplete_profile_text(exc)
    fault = describe_fault(exc, _database_name(args))
    if fault is not None:
        return texts.fault_line(fault)
    return texts.unexpected(type(exc).__name__, log_file())


def _database_name(args: argparse.Namespace) -> str:
    try:
        from core.store.db import Database

        return Database.open(getattr(args, "db", None)).display_name
    except (OSError, ValueError):
        return "the database"
