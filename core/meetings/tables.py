"""The meetings area's tables, for the program's meeting-notes rule."""
from __future__ import annotations

from typing import cast

from sqlalchemy import Table

from core.meetings.models import Meeting

MEETINGS = cast(Table, Meeting.__table__)
