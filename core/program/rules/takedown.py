"""A testimonial whose release was revoked or has expired is still in use: take it down
(see core.program.rules.testimonials)."""
from __future__ import annotations

from core.program.rules import CALL, Rule
from core.program.rules.testimonials import TAKEDOWN, open_until_taken_down, takedowns

# Taking a testimonial down is owed to the customer: an open complaint never holds it back.
RULE = Rule(TAKEDOWN, CALL, takedowns, prepare=open_until_taken_down, marketing=False)
