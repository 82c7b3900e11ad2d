"""A testimonial release form was printed and has not come back: ask for it (see
core.program.rules.testimonials)."""
from __future__ import annotations

from core.program.rules import CALL, Rule
from core.program.rules.testimonials import FORM_BACK, forms_out, withdraw_stale

RULE = Rule(FORM_BACK, CALL, forms_out, prepare=withdraw_stale(FORM_BACK))
