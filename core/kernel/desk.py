"""Who is working at this computer, and at which desk, for the records that keep who did
something (an action marked done, a batch marked sent, a record's changes).

One person works one window at a time, so this is the process's setting (the window sets
it when someone picks their name), not a per-thread one: the window's worker threads write
as the person at the desk.
"""
from __future__ import annotations

import getpass
import socket
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    desk: str  # the desk's name ("Front desk"); the computer's name until it is given one
    person: str  # the staff member who picked their name ("" when nobody did)


def computer_user() -> str:
    """The computer's user name ("" when the system cannot say)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def computer_name() -> str:
    try:
        return socket.gethostname()
    except OSError:
        return ""


_actor = Actor(desk="", person="")


def set_actor(*, desk: str | None = None, person: str | None = None) -> Actor:
    """Name this desk, or the person working at it (None leaves that part as it is)."""
    global _actor
    _actor = Actor(desk=_actor.desk if desk is None else desk.strip(),
                   person=_actor.person if person is None else person.strip())
    return _actor


def current_actor() -> Actor:
    """Who works here now: the desk's name (the computer's when not named) and the person
    (the computer's user name until someone picks theirs from the staff list)."""
    return Actor(desk=_actor.desk or computer_name(),
                 person=_actor.person or computer_user())


def who_is_at_the_desk() -> str:
    """The person working here now (see current_actor)."""
    return current_actor().person
