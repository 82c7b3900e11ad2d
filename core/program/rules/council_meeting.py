"""A council meeting coming up: its invitation letters are due (one per member)."""
from __future__ import annotations

from core.program.rules import LETTER, Rule
from core.program.rules.council import (
    MEETING_RULE,
    letter_values,
    meeting_invitations,
    prepare_meeting,
)

RULE = Rule(MEETING_RULE, LETTER, meeting_invitations, prepare_meeting, letter_values, standalone=True)
