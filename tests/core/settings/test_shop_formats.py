"""The window's first paint reads the shop's money and phone formats without the ORM."""
from __future__ import annotations

from core.settings.profile import BusinessProfileData, save_business_profile
from core.settings.queries import ShopFormats, read_shop_formats
from core.store.db import Database


def test_a_new_database_has_no_shop_formats_and_us_phone_numbers(db: Database) -> None:
    assert read_shop_formats(db.raw()) == ShopFormats(None, None, "US")


def test_a_saved_yen_profile_gives_its_locale_currency_and_region(db: Database) -> None:
    with db.unit_of_work() as session:
        save_business_profile(session, BusinessProfileData(
            name="Sushi Ken", locale="ja_JP", currency="JPY", region="jp"))
    assert read_shop_formats(db.raw()) == ShopFormats("ja_JP", "JPY", "JP")
