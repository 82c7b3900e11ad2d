"""Phone numbers read as dialled in the shop's own country; numbers abroad in full."""
from __future__ import annotations

import pytest

from core.customers.types import format_phone


@pytest.mark.parametrize(("stored", "shop_region", "shown"), [
    ("+15035550142", "US", "(503) 555-0142"),
    ("+15035550142", "CA", "(503) 555-0142"),  # the same calling code: dialled the same way
    ("+442079460958", "GB", "020 7946 0958"),
    ("+442079460958", "US", "+44 20 7946 0958"),
    ("+493012345678", "DE", "030 12345678"),
    ("+15035550142", "DE", "+1 503-555-0142"),
    ("+81312345678", "JP", "03-1234-5678"),
    ("", "US", ""),
    ("not a number", "US", "not a number"),  # shown as stored rather than lost
])
def test_a_stored_number_reads_as_people_in_the_shops_country_dial_it(
        stored: str, shop_region: str, shown: str) -> None:
    assert format_phone(stored, shop_region) == shown
