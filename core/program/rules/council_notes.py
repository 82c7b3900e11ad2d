"""A council meeting's notes: due three days after it, one letter per member."""
from __future__ import annotations

from core.program.rules import LETTER, Rule
from core.program.rules.council import NOTES_RULE, letter_values, meeting_notes, prepare_notes

RULE = Rule(NOTES_RULE, LETTER, meeting_notes, prepare_notes, letter_values, standalone=True)
