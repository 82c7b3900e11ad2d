"""Two desks change the appreciation program's settings at the same time (the other desk is
a real second process): different settings merge; the same setting changed differently is
refused with both values, and nothing is written. Also when nothing was ever stored."""
from __future__ import annotations

import dataclasses

import pytest

from core.kernel.edits import EditConflict
from core.program.settings import ProgramSettings
from core.settings.services import get_settings, save_settings, settings_version
from core.store.db import Database

from tests.core.customers.other_desk import run_code_at_another_desk


def _opened(db: Database) -> tuple[ProgramSettings, int]:
    with db.unit_of_work() as session:
        return get_settings(session, ProgramSettings), settings_version(session, ProgramSettings)


def _other_desk_sets(db: Database, **changes: object) -> None:
    run_code_at_another_desk(db, f"""
        import dataclasses
        from core.program.settings import ProgramSettings
        from core.settings.services import get_settings, save_settings, settings_version
        with db.unit_of_work() as session:
            opened = get_settings(session, ProgramSettings)
            save_settings(session, dataclasses.replace(opened, **{changes!r}), base=opened,
                          base_version=settings_version(session, ProgramSettings))
    """)


def _save(db: Database, opened: ProgramSettings, version: int, **changes: object) -> None:
    with db.unit_of_work() as session:
        save_settings(session, dataclasses.replace(opened, **changes), base=opened,
                      base_version=version)


@pytest.mark.parametrize("stored_before", [False, True], ids=["defaults", "stored"])
def test_switching_off_birthdays_while_another_desk_changed_the_welcome_keeps_both(
        db: Database, stored_before: bool) -> None:
    if stored_before:
        with db.unit_of_work() as session:
            save_settings(session, ProgramSettings(lapsed_on=False))
    opened, version = _opened(db)
    _other_desk_sets(db, welcome_due_days=5)
    _save(db, opened, version, birthday_on=False)
    stored, _ = _opened(db)
    assert stored.birthday_on is False
    assert stored.welcome_due_days == 5
    assert stored.lapsed_on is not stored_before


def test_the_same_setting_changed_at_two_desks_is_refused_and_nothing_is_written(
        db: Database) -> None:
    opened, version = _opened(db)
    _other_desk_sets(db, welcome_due_days=5)
    with pytest.raises(EditConflict) as raised:
        _save(db, opened, version, welcome_due_days=1, birthday_on=False)
    assert raised.value.clashing == ("welcome_due_days",)
    assert (raised.value.theirs.welcome_due_days, raised.value.mine.welcome_due_days) == (5, 1)
    stored, _ = _opened(db)
    assert (stored.welcome_due_days, stored.birthday_on) == (5, True)
    resolved = raised.value.resolved({"welcome_due_days": "mine"})
    with db.unit_of_work() as session:
        save_settings(session, resolved, base=raised.value.theirs,
                      base_version=raised.value.version)
    stored, _ = _opened(db)
    assert (stored.welcome_due_days, stored.birthday_on) == (1, False)
