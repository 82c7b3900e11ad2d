"""Two desks edit the business profile, or one card's template, at the same time (the other
desk is a real second process): different parts merge; the same part changed differently
is refused with both versions, and nothing is written."""
from __future__ import annotations

import dataclasses

import pytest

from core.kernel.edits import EditConflict
from core.printing.templates import get_template, save_template
from core.settings.services import (
    business_profile_version,
    get_business_profile,
    save_business_profile,
)
from core.settings.types import BusinessProfileData
from core.store.db import Database

from tests.core.customers.other_desk import run_code_at_another_desk


def _profile_opened(db: Database) -> tuple[BusinessProfileData, int]:
    with db.unit_of_work() as session:
        save_business_profile(session, BusinessProfileData(
            name="Maple & Rye", city="Bristol", signature_name="Hannah", region="GB",
            locale="en_GB", currency="GBP"))
    with db.unit_of_work() as session:
        return get_business_profile(session), business_profile_version(session)


def _other_desk_sets_profile(db: Database, **changes: str) -> None:
    run_code_at_another_desk(db, f"""
        import dataclasses
        from core.settings.services import (business_profile_version, get_business_profile,
                                            save_business_profile)
        with db.unit_of_work() as session:
            opened = get_business_profile(session)
            save_business_profile(session, dataclasses.replace(opened, **{changes!r}),
                                  base=opened, base_version=business_profile_version(session))
    """)


def test_the_profile_saved_at_two_desks_keeps_both_changes(db: Database) -> None:
    opened, version = _profile_opened(db)
    _other_desk_sets_profile(db, phone="+44 117 496 0000")
    with db.unit_of_work() as session:
        saved = save_business_profile(session, dataclasses.replace(opened, signature_name="Sam"),
                                      base=opened, base_version=version)
    assert saved.signature_name == "Sam" and saved.phone == "+441174960000"


def test_the_same_profile_field_changed_at_two_desks_is_refused(db: Database) -> None:
    opened, version = _profile_opened(db)
    _other_desk_sets_profile(db, name="Maple and Rye Bakery")
    with pytest.raises(EditConflict) as raised, db.unit_of_work() as session:
        save_business_profile(session, dataclasses.replace(opened, name="Maple & Rye Ltd"),
                              base=opened, base_version=version)
    assert raised.value.clashing == ("name",)
    with db.unit_of_work() as session:
        assert get_business_profile(session).name == "Maple and Rye Bakery"


def _other_desk_edits_template(db: Database, **changes: str) -> None:
    run_code_at_another_desk(db, f"""
        from core.printing.templates import get_template, save_template
        with db.unit_of_work() as session:
            opened = get_template(session, "birthday")
            values = dict(title=opened.title, body=opened.body, format_name=opened.format_name)
            values.update({changes!r})
            save_template(session, name="birthday", kind=opened.kind, base=opened, **values)
    """)


def test_a_template_edited_at_two_desks_merges_title_and_text(db: Database) -> None:
    with db.unit_of_work() as session:
        opened = get_template(session, "birthday")
    _other_desk_edits_template(db, title="Happy birthday!")
    with db.unit_of_work() as session:
        saved = save_template(session, name="birthday", kind=opened.kind, title=opened.title,
                              body=opened.body + "\nSee you soon.", base=opened)
    assert saved.title == "Happy birthday!" and saved.body.endswith("See you soon.")


def test_a_template_text_changed_at_two_desks_is_refused_and_theirs_stays(
        db: Database) -> None:
    with db.unit_of_work() as session:
        opened = get_template(session, "birthday")
    _other_desk_edits_template(db, body="Their words.")
    with pytest.raises(EditConflict) as raised, db.unit_of_work() as session:
        save_template(session, name="birthday", kind=opened.kind, title=opened.title,
                      body="My words.", base=opened)
    assert raised.value.clashing == ("body",)
    assert raised.value.theirs.body == "Their words." and raised.value.mine.body == "My words."
    with db.unit_of_work() as session:
        assert get_template(session, "birthday").body == "Their words."
