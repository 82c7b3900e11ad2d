"""A shop server's password, for a command: the keyring's (or what libpq finds itself in
PGPASSWORD or ~/.pgpass), else asked once at a terminal with getpass (never echoed),
else a clear refusal saying where to keep it. The password goes to no command line, log
line or message."""
from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlsplit

from core.commands import CommandError

T = TypeVar("T")


def with_password(url: str, work: Callable[[str | None], T]) -> T:
    """`work(password)`: first with what libpq and the keyring know, then, at a terminal,
    with a password asked once (ServerProblem when the server refused either)."""
    from core.store.servers import (
        NO_PASSWORD,
        REFUSED_LOGIN,
        ServerProblem,
        address_of,
        stored_password,
    )

    address = address_of(url)
    known = stored_password(address) if address is not None else None
    try:
        return work(known)
    except ServerProblem as problem:
        if problem.kind not in (REFUSED_LOGIN, NO_PASSWORD) or not sys.stdin.isatty():
            raise
    who = f"{address.user}@{address.host}" if address is not None else "the server"
    return work(getpass.getpass(f"Password for {who}: "))


def logged_in(url: str, password: str | None) -> str | None:
    """`password`, once the server took it (ServerProblem if not)."""
    from core.store.servers import connect

    connect(url, password).close()
    return password


def server_password(url: str) -> str | None:
    """The password that logs in to the server at `url` (None: libpq needs none from us,
    or the URL holds one); CommandError naming what to do when there is none."""
    from core.commands.texts import server_problem
    from core.store.servers import ServerProblem, without_password

    if urlsplit(url).password:
        return None
    try:
        return with_password(url, lambda known: logged_in(url, known))
    except ServerProblem as problem:
        raise CommandError("cannot open database "
                           + server_problem(problem, without_password(url))) from None
