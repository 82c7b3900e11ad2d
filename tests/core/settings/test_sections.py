"""Settings sections: declared once with their defaults, stored in the database."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from core.customers.record import CustomerRecordEdit, save_customer_record
from core.customers.stages import ADVOCATE, DEFAULT_THRESHOLDS, REPEAT, StageThresholds
from core.customers.types import CustomerDraft, InteractionDraft
from core.settings.profile import BusinessProfileData
from core.settings.services import get_settings, save_settings
from core.settings.types import UnknownSection, settings_section
from core.store.db import Database


@settings_section("test_reminders")
@dataclass(frozen=True)
class Reminders:
    """A section declared the way the program's rule timings will be."""

    postage_days: int = 3
    signing_days: int = 2
    weekday: str = "monday"
    ratio: float = 0.5


def test_a_section_nobody_saved_reads_as_its_defaults(db: Database) -> None:
    with db.unit_of_work() as session:
        assert get_settings(session, StageThresholds) == DEFAULT_THRESHOLDS
        assert get_settings(session, Reminders) == Reminders()


def test_saved_values_come_back_in_a_later_unit_of_work(db: Database) -> None:
    with db.unit_of_work() as session:
        save_settings(session, Reminders(postage_days=5, weekday="friday"))
    with db.unit_of_work() as session:
        save_settings(session, StageThresholds(repeat_after_visits=4))
    with db.unit_of_work() as session:
        assert get_settings(session, Reminders) == Reminders(postage_days=5, weekday="friday")
        assert get_settings(session, StageThresholds).repeat_after_visits == 4


def test_saving_reports_a_settings_change(db: Database) -> None:
    _, changes = db.run(save_settings, Reminders(signing_days=1))
    assert changes.settings and not changes.customers


def test_a_field_stored_by_another_version_falls_back_to_its_default(db: Database) -> None:
    db.raw().execute("INSERT INTO settings_sections (key, value) VALUES "
                     "('test_reminders', '{\"postage_days\": \"x\", \"gone\": 1, \"ratio\": 2}')")
    with db.unit_of_work() as session:
        assert get_settings(session, Reminders) == Reminders(ratio=2.0)


def test_an_undeclared_class_is_refused() -> None:
    @dataclass(frozen=True)
    class Undeclared:
        size: int = 1

    with pytest.raises(UnknownSection):
        get_settings(None, Undeclared)  # type: ignore[arg-type]


def test_the_business_profile_is_a_section_with_its_own_table(db: Database) -> None:
    with db.unit_of_work() as session:
        save_settings(session, BusinessProfileData(name="Café Luna", currency="EUR",
                                                   locale="fr_FR", region="FR"))
    with db.unit_of_work() as session:
        profile = get_settings(session, BusinessProfileData)
    assert (profile.name, profile.currency) == ("Café Luna", "EUR")


def test_stages_follow_the_stored_thresholds(db: Database) -> None:
    """A shop that calls two visits "new" still sees a repeat customer at its own count."""
    today = dt.date.today()
    visits = tuple(InteractionDraft("visit", today - dt.timedelta(days=n)) for n in range(3))
    with db.unit_of_work() as session:
        save_settings(session, StageThresholds(repeat_after_visits=3,
                                               advocate_after_referrals=5))
        save_customer_record(session, CustomerRecordEdit(
            None, CustomerDraft(first_name="Two"), added_interactions=visits[:2]))
        three = save_customer_record(session, CustomerRecordEdit(
            None, CustomerDraft(first_name="Three"),
            added_interactions=visits))
        save_customer_record(session, CustomerRecordEdit(
            None, CustomerDraft(first_name="Friend", referred_by_id=three.id)))
    stages = dict(db.raw().execute("SELECT first_name, stage FROM customers"))
    assert stages["Two"] == "new"
    assert stages["Three"] == REPEAT != ADVOCATE  # one referral is not five
