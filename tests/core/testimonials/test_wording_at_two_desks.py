"""Two desks change the release form's wording at the same time (the other desk is a real
second process): different parts merge; the same part changed differently is refused, and
nothing is written."""
from __future__ import annotations

import dataclasses

import pytest

from core.kernel.edits import EditConflict
from core.settings.services import settings_version
from core.store.db import Database
from core.testimonials.services import (
    ReleaseFormWording,
    get_release_form_wording,
    save_release_form_wording,
)

from tests.core.customers.other_desk import run_code_at_another_desk


def _other_desk_writes(db: Database, **parts: str) -> None:
    run_code_at_another_desk(db, f"""
        import dataclasses
        from core.settings.services import settings_version
        from core.testimonials.services import (ReleaseFormWording, get_release_form_wording,
                                                save_release_form_wording)
        with db.unit_of_work() as session:
            opened = get_release_form_wording(session)
            save_release_form_wording(
                session, dataclasses.replace(opened, **{parts!r}), base=opened,
                base_version=settings_version(session, ReleaseFormWording))
    """)


def _opened(db: Database) -> tuple[ReleaseFormWording, int]:
    with db.unit_of_work() as session:
        return (get_release_form_wording(session),
                settings_version(session, ReleaseFormWording))


def test_a_new_title_and_another_desks_new_introduction_are_both_kept(db: Database) -> None:
    opened, version = _opened(db)
    _other_desk_writes(db, introduction="Dear {first_name}, may we share your words?")
    with db.unit_of_work() as session:
        save_release_form_wording(session, dataclasses.replace(opened, title="May we?"),
                                  base=opened, base_version=version)
    stored, _ = _opened(db)
    assert stored.title == "May we?"
    assert stored.introduction == "Dear {first_name}, may we share your words?"


def test_the_same_part_reworded_at_two_desks_is_refused_and_theirs_stays(db: Database) -> None:
    opened, version = _opened(db)
    _other_desk_writes(db, title="Sharing your words")
    with pytest.raises(EditConflict) as raised, db.unit_of_work() as session:
        save_release_form_wording(session, dataclasses.replace(opened, title="May we?"),
                                  base=opened, base_version=version)
    assert raised.value.clashing == ("title",)
    assert _opened(db)[0].title == "Sharing your words"
