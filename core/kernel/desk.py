"""Who is working at this computer, for the records that keep who did something (an action
marked done, a card batch marked sent)."""
from __future__ import annotations

import getpass


def who_is_at_the_desk() -> str:
    """The computer's user name, until Regulars knows its staff by name ("" when the system
    cannot say)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""
