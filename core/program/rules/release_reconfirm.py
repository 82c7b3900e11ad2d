"""A signed testimonial release ends within 30 days: ask whether the customer still
stands by their words (see core.program.rules.testimonials)."""
from __future__ import annotations

from core.program.rules import CALL, Rule
from core.program.rules.testimonials import RECONFIRM, releases_ending, withdraw_stale

RULE = Rule(RECONFIRM, CALL, releases_ending, prepare=withdraw_stale(RECONFIRM))
