"""Which desk this is: the name other desks see while this one runs a bulk job.

Until desks are named in the database, a desk is its computer's name (or REGULARS_DESK,
which a shop can set per computer). The server learns it as the connection's
application_name, so that another desk waiting for this one can say whom it waits for.
"""
from __future__ import annotations

import os
import socket

APPLICATION_PREFIX = "Regulars: "
_NAME_LIMIT = 63 - len(APPLICATION_PREFIX)  # PostgreSQL keeps 63 bytes of application_name


def desk_name() -> str:
    name = os.environ.get("REGULARS_DESK", "").strip() or socket.gethostname() or "this desk"
    return name.encode("utf-8")[:_NAME_LIMIT].decode("utf-8", "ignore")


def application_name() -> str:
    return APPLICATION_PREFIX + desk_name()


def desk_of(application: str | None) -> str:
    """The desk named in a connection's application_name; "" for anything else."""
    if not application or not application.startswith(APPLICATION_PREFIX):
        return ""
    return application[len(APPLICATION_PREFIX):]
