"""The council's tables, as SQLAlchemy Core tables, for other areas' set-based reads (the
program's council rules find meetings and terms coming up straight from them). Writes
stay in the services."""
from __future__ import annotations

from typing import cast

from sqlalchemy import Table

from core.council.models import Gathering, Invitation, Letter, Member, Term
from core.council.types import (
    MEETING,
    MEETING_LETTER,
    NOTES_LETTER,
    RENEWAL_LETTER,
    SERVING,
    THANK_YOU_LETTER,
)

TERMS = cast(Table, Term.__table__)
MEMBERS = cast(Table, Member.__table__)
GATHERINGS = cast(Table, Gathering.__table__)
INVITATIONS = cast(Table, Invitation.__table__)
LETTERS = cast(Table, Letter.__table__)

__all__ = ["GATHERINGS", "INVITATIONS", "LETTERS", "MEETING", "MEETING_LETTER", "MEMBERS",
           "NOTES_LETTER", "RENEWAL_LETTER", "SERVING", "TERMS", "THANK_YOU_LETTER"]
