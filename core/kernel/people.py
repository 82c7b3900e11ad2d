"""Who is at the keyboard, until Regulars knows its staff by name."""
from __future__ import annotations

import getpass


def computer_user() -> str:
    """The computer's user name ("" when the system cannot tell)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (a service account, a container)
        return ""
