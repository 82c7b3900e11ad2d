"""The customer's stage on the ladder, computed from their record.

All thresholds live in `StageThresholds`, a settings section stored in the database
(`get_settings(session, StageThresholds)`), so a settings page can change them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from core.settings.types import settings_section

PROSPECT = "prospect"
NEW = "new"
REPEAT = "repeat"
ADVOCATE = "advocate"
LAPSED = "lapsed"
STAGES = (PROSPECT, NEW, REPEAT, ADVOCATE, LAPSED)

# Interactions that count as the customer coming in and doing business.
BUSINESS_KINDS = frozenset({"visit", "purchase"})


@settings_section("stage_thresholds")
@dataclass(frozen=True)
class StageThresholds:
    repeat_after_visits: int = 2
    advocate_after_referrals: int = 1
    lapsed_after_days: int = 365


DEFAULT_THRESHOLDS = StageThresholds()


def stage_expression(customers: Any, referral_count: Any, *, today: dt.date,
                     thresholds: StageThresholds = DEFAULT_THRESHOLDS) -> Any:
    """The SQL CASE that computes `stage` from a customer's stored statistics."""
    from sqlalchemy import case

    lapsed_before = today - dt.timedelta(days=thresholds.lapsed_after_days)
    return case(
        (customers.c.visit_count == 0, PROSPECT),
        (customers.c.last_interaction_on < lapsed_before, LAPSED),
        (referral_count >= thresholds.advocate_after_referrals, ADVOCATE),
        (customers.c.visit_count >= thresholds.repeat_after_visits, REPEAT),
        else_=NEW,
    )
