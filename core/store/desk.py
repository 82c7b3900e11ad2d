"""Which desk this is, as the server sees it: the name other desks see while this one runs
a bulk job.

The desk's name (core.kernel.desk: the one given in the window, else the computer's), or
REGULARS_DESK where it is set (a script, a test). The server learns it as the connection's
application_name when the connection is made, so that another desk waiting for this one
can say whom it waits for.
"""
from __future__ import annotations

import os

from core.kernel.desk import current_actor

APPLICATION_PREFIX = "Regulars: "
_NAME_LIMIT = 63 - len(APPLICATION_PREFIX)  # PostgreSQL keeps 63 bytes of application_name


def desk_name() -> str:
    name = os.environ.get("REGULARS_DESK", "").strip() or current_actor().desk or "this desk"
    return name.encode("utf-8")[:_NAME_LIMIT].decode("utf-8", "ignore")


def application_name() -> str:
    return APPLICATION_PREFIX + desk_name()


def desk_of(application: str | None) -> str:
    """The desk named in a connection's application_name; "" for anything else."""
    if not application or not application.startswith(APPLICATION_PREFIX):
        return ""
    return application[len(APPLICATION_PREFIX):]
