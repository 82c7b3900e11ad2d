"""The rule registry. A rule is a small, pure function over the database that finds the
occasions in a span of days; `core.program.evaluate` turns them into actions, once each.

Areas add rules by adding their module to RULE_MODULES (listening, testimonials and the
council add theirs the same way). Each module defines `RULE`.
"""
from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from core.program.settings import ProgramSettings

CARD = "card"
LETTER = "letter"
CALL = "call"
TASK = "task"  # something to do at the desk that prints no card: send a meeting's notes
GESTURES = (CARD, LETTER, CALL, TASK)

RULE_MODULES = (
    "core.program.rules.welcome",
    "core.program.rules.after_sale",
    "core.program.rules.birthday",
    "core.program.rules.anniversary",
    "core.program.rules.life_event",
    "core.program.rules.milestone",
    "core.program.rules.referral",
    "core.program.rules.lapsed",
    "core.program.rules.complaint_resolved",
    "core.program.rules.meeting_notes",
    "core.program.rules.council_meeting",
    "core.program.rules.council_notes",
    "core.program.rules.council_term_end",
    "core.program.rules.detractor",
    "core.program.rules.promoter",
    "core.program.rules.check_in",
    "core.program.rules.release_reconfirm",
    "core.program.rules.release_form_back",
    "core.program.rules.takedown",
)


@dataclass(frozen=True)
class Span:
    """The occasion dates a rule is asked about, both ends included, and whose: everyone,
    or (after a change) only these customers. `marketing` is the rule's own: `willing`
    then keeps customers with a complaint still open out."""

    first: dt.date
    last: dt.date
    customers: frozenset[int] | None = None
    marketing: bool = True

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.first <= day <= self.last


@dataclass(frozen=True)
class Occasion:
    customer_id: int
    occasion_on: dt.date
    detail: str = ""  # what the "why" line names: "10" visits, "wedding", a year


@dataclass(frozen=True)
class Rule:
    key: str  # also the prefix of its settings (core.program.settings)
    gesture: str  # what it prints is core.program.types.RULE_TEMPLATES[key]
    occasions: Callable[[Session, Span, ProgramSettings], Iterable[Occasion]]
    # Run before each evaluation: brings the rule's own bookkeeping up to date, and removes
    # open actions whose occasion no longer holds (a lapsed customer came back).
    prepare: Callable[[Session], object] | None = None
    # A letter that needs more than the customer's fields (a council meeting's date and
    # notes): its merge values, from (session, customer, occasion, detail).
    letter_values: Callable[[Session, str, int, dt.date, str],
                            tuple[tuple[str, str], ...]] | None = None
    # Its own gesture: never made together with another card or letter that falls close
    # to it (a council meeting's notes are not a birthday card).
    standalone: bool = False
    # A marketing gesture (a card, "we miss you", a testimonial request, a council
    # invitation) waits while the customer has a complaint still open; a service one (the
    # follow-up of a sale or of the complaint itself) does not.
    marketing: bool = True


@cache
def all_rules() -> tuple[Rule, ...]:
    rules = tuple(importlib.import_module(name).RULE for name in RULE_MODULES)
    keys = [rule.key for rule in rules]
    if len(set(keys)) != len(keys):
        raise ValueError(f"a rule key is used twice: {keys}")
    return rules


def rule_named(key: str) -> Rule:
    for rule in all_rules():
        if rule.key == key:
            return rule
    raise KeyError(key)
