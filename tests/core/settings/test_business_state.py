"""The shop's state or province is kept, so its letterhead reads "Portland, OR 97205"."""
from __future__ import annotations

from core.settings.profile import BusinessProfileData, get_business_profile, save_business_profile
from core.store.db import Database


def test_the_business_state_is_stored_and_read_back(db: Database) -> None:
    with db.unit_of_work() as session:
        save_business_profile(session, BusinessProfileData(
            name="Rose City Cycles", city="Portland", state=" OR ", postal_code="97205"))
    with db.unit_of_work() as session:
        profile = get_business_profile(session)
    assert (profile.city, profile.state, profile.postal_code) == ("Portland", "OR", "97205")
