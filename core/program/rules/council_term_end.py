"""A council term ending in a month: ask each member to stay on, or thank them."""
from __future__ import annotations

from core.program.rules import LETTER, Rule
from core.program.rules.council import TERM_END_RULE, letter_values, prepare_term_end, term_endings

RULE = Rule(TERM_END_RULE, LETTER, term_endings, prepare_term_end, letter_values, standalone=True)
