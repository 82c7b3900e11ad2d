"""`server init` and `server copy-from-local`: a shop's PostgreSQL server for several desks.

No password is ever given on the command line (any process list shows it). The desks'
role gets its password from the terminal, or from the first line of standard input with
--password-stdin; the administrator's comes from the keyring, PGPASSWORD or ~/.pgpass,
or is asked at the terminal.
"""
from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from core.commands import CommandError, add_db_option, print_percent
from core.commands.server_login import logged_in, with_password


def register(subparsers: Any) -> None:
    server = subparsers.add_parser("server", help="set up a shop server for several desks")
    commands = server.add_subparsers(dest="server_command", metavar="COMMAND", required=True)

    init = commands.add_parser(
        "init", help="create the database, its schema and a role for the desks")
    init.add_argument("--url", required=True, metavar="URL",
                      help="the server as its administrator, without the password: "
                           "postgresql://admin@host:5432/regulars")
    init.add_argument("--role", default="regulars_desk",
                      help="the desks' role (default: regulars_desk)")
    init.add_argument("--password-stdin", action="store_true",
                      help="read the desks' password from the first line of standard input")
    init.set_defaults(handler=_init)

    copy = commands.add_parser(
        "copy-from-local", help="move this computer's database onto the server, verified")
    copy.add_argument("--to", required=True, metavar="URL",
                      help="the server's database (set up with server init, still empty)")
    add_db_option(copy)
    copy.set_defaults(handler=_copy_from_local)


def _warn_of_password_in(url: str, option: str) -> None:
    """A password written into the URL is in every process list while this runs."""
    from urllib.parse import urlsplit

    if urlsplit(url).password:
        print(f"warning: {option}: the password in this URL shows in the list of running "
              "programs; leave it out and it is asked for (or kept in the keyring)",
              file=sys.stderr)


def _desk_password(args: argparse.Namespace) -> str | None:
    if args.password_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise CommandError("--password-stdin: the first line of standard input is empty")
        return line
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass(f"Password for the desks' role {args.role} "
                            "(Enter keeps the one it has): ")
    if not first:
        return None
    if getpass.getpass("The same password again: ") != first:
        raise CommandError("the two passwords differ; nothing was changed")
    return first


def _init(args: argparse.Namespace) -> int:
    from core.commands.texts import server_problem
    from core.store.server_setup import init_server
    from core.store.servers import ServerProblem, address_of, without_password

    if address_of(args.url) is None:
        raise CommandError(f"--url: not a PostgreSQL URL: {without_password(args.url)}")
    _warn_of_password_in(args.url, "--url")
    password = _desk_password(args)
    try:
        setup = with_password(args.url, lambda admin: init_server(
            args.url, role=args.role, role_password=password, admin_password=admin))
    except ServerProblem as problem:
        raise CommandError(server_problem(problem, without_password(args.url))) from None
    print(f"database {setup.database}: "
          + ("created" if setup.created_database else "already there"))
    if setup.revision_before == setup.revision:
        print(f"schema: up to date ({setup.revision})")
    else:
        print(f"schema: {'updated' if setup.revision_before else 'created'} "
              f"({setup.revision})")
    print(f"role {setup.role}: " + ("created" if setup.created_role else "already there")
          + ("; password set" if setup.password_set else "; password unchanged"))
    print(f"role {setup.role} may read and write the {setup.tables_granted} tables, and may "
          "not create or drop tables or create roles")
    if setup.created_role and not setup.password_set:
        print(f"note: {setup.role} has no password yet: run this again at a terminal, or "
              "with --password-stdin", file=sys.stderr)
    return 0


def _copy_from_local(args: argparse.Namespace) -> int:
    import psycopg

    from core.commands import open_database
    from core.commands.texts import counted, server_problem
    from core.store.copying import CopyDiffers, TargetNotEmpty, copy_database
    from core.store.db import Database
    from core.store.schema import current_revision
    from core.store.servers import ServerProblem, address_of, problem_of, without_password

    if address_of(args.to) is None:
        raise CommandError(f"--to: not a PostgreSQL URL: {without_password(args.to)}")
    _warn_of_password_in(args.to, "--to")
    source = open_database(args)
    if not source.is_sqlite:
        raise CommandError("--db: copy-from-local copies a database file of this computer")
    source = Database(source.url, read_only=True)
    where = without_password(args.to)
    try:
        password = with_password(args.to, lambda known: logged_in(args.to, known))
    except ServerProblem as problem:
        raise CommandError(server_problem(problem, where)) from None
    target = Database(args.to, password=password)
    try:
        try:
            revision = current_revision(target)
        except psycopg.Error as exc:  # no server there, or no login
            raise CommandError(server_problem(problem_of(exc), where)) from None
        if revision != current_revision(source):
            raise CommandError(f"{where} is not set up for this version of Regulars: run "
                               "main.py server init --url … first")
        report = copy_database(source, target, progress=print_percent)
    except TargetNotEmpty as exc:
        raise CommandError(f"{where} already has data ({counted(exc.rows, 'row')} in "
                           f"{exc.table}); copy-from-local fills an empty database") from None
    except CopyDiffers as exc:
        raise CommandError(f"the copy differs from {source.display_name} in "
                           f"{', '.join(exc.tables)}; nothing was kept on the server") from None
    except ServerProblem as problem:
        raise CommandError(server_problem(problem, where)) from None
    finally:
        source.close()
        target.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for check in report.tables:
        if check.rows:
            print(f"  {check.table}: {counted(check.rows, 'row')}, sha256 "
                  f"{check.sha256[:16]}… equal")
    print(f"copied {report.rows:,} rows in {len(report.tables)} tables to {where}; "
          "counts and content hashes equal")
    return 0
