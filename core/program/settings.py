"""The program's settings, declared once with their defaults (a settings section).

Each rule reads three fields named after it: `<rule>_on` (switched on), `<rule>_due_days`
(the print-by or call-by day, counted from the occasion: negative is before it, so a
birthday card is printed a week ahead) and `<rule>_late_days` (how late the gesture is
still worth making; anything later is listed as missed, not queued).
"""
from __future__ import annotations

from dataclasses import dataclass

from core.settings.types import settings_section

FEB_28 = "feb28"
MAR_1 = "mar1"


@settings_section("program")
@dataclass(frozen=True)
class ProgramSettings:
    welcome_on: bool = True
    welcome_due_days: int = 3
    welcome_late_days: int = 30

    after_sale_on: bool = True
    after_sale_due_days: int = 7
    after_sale_late_days: int = 14
    after_sale_times_median: float = 3.0  # a purchase this many times the median, or more
    after_sale_every_days: int = 30  # at most one follow-up per customer in this many days

    birthday_on: bool = True
    birthday_due_days: int = -7
    birthday_late_days: int = 14

    anniversary_on: bool = True
    anniversary_due_days: int = -7
    anniversary_late_days: int = 14

    life_event_on: bool = True
    life_event_due_days: int = 3
    life_event_late_days: int = 30

    milestone_on: bool = True
    milestone_due_days: int = 3
    milestone_late_days: int = 30

    referral_on: bool = True
    referral_due_days: int = 2
    referral_late_days: int = 30

    lapsed_on: bool = True
    lapsed_due_days: int = 0
    lapsed_late_days: int = 30
    lapsed_at_least_days: int = 90  # never "lapsed" sooner than this after the last visit
    lapsed_after_one_visit_days: int = 120

    complaint_resolved_on: bool = True
    complaint_resolved_due_days: int = 7  # "are they happy now?" a week after resolution
    complaint_resolved_late_days: int = 14

    meeting_notes_on: bool = True
    meeting_notes_due_days: int = 2  # notes not sent within 2 days of the meeting
    meeting_notes_late_days: int = 30
    # The council (core.program.rules.council): a meeting's invitations printed two weeks
    # ahead; its notes within three days; a term's renewals and thank-yous a month ahead.
    council_meeting_on: bool = True
    council_meeting_due_days: int = -14
    council_meeting_late_days: int = 13
    council_notes_on: bool = True
    council_notes_due_days: int = 3
    council_notes_late_days: int = 30
    council_term_end_on: bool = True
    council_term_end_due_days: int = -30
    council_term_end_late_days: int = 30

    # Listening (core.scores): call back an unhappy answer, ask a promoter for their
    # story, and check in with a new customer after their first visit.
    detractor_on: bool = True
    detractor_due_days: int = 1
    detractor_late_days: int = 14

    promoter_on: bool = True
    promoter_due_days: int = 3
    promoter_late_days: int = 30
    promoter_every_days: int = 365  # ask the same customer at most once in this many days

    check_in_on: bool = True
    check_in_due_days: int = 14
    check_in_late_days: int = 14

    # Testimonials: ask whether the customer still stands by their words 30 days before
    # the release ends; ask for a release form not back 14 days after it was printed; take
    # a testimonial down where it is still used once its release was revoked or expired
    # (kept on Today for a year: it is a duty, not a courtesy).
    release_reconfirm_on: bool = True
    release_reconfirm_due_days: int = -30
    release_reconfirm_late_days: int = 30
    release_form_back_on: bool = True
    release_form_back_due_days: int = 14
    release_form_back_late_days: int = 45
    takedown_on: bool = True
    takedown_due_days: int = 0
    takedown_late_days: int = 365

    # At most one card or letter per customer in this many days: cards that fall closer
    # together are made as one gesture that names every occasion.
    cards_at_most_every_days: int = 14
    # Where a 29 February birthday falls in a common year.
    leap_day_birthdays: str = FEB_28
    # How far ahead Today shows what is coming.
    upcoming_days: int = 7


def rule_on(settings: ProgramSettings, rule: str) -> bool:
    return bool(getattr(settings, f"{rule}_on"))


def due_days(settings: ProgramSettings, rule: str) -> int:
    return int(getattr(settings, f"{rule}_due_days"))


def late_days(settings: ProgramSettings, rule: str) -> int:
    return int(getattr(settings, f"{rule}_late_days"))
