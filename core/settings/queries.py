"""Settings the window needs before the ORM loads, read over the plain connection."""
from __future__ import annotations

from dataclasses import dataclass

from core.store.db import RawConnection

DEFAULT_REGION = "US"


@dataclass(frozen=True)
class ShopFormats:
    """How the shop writes money and phone numbers; None where no profile is saved yet."""

    locale: str | None = None
    currency: str | None = None
    region: str = DEFAULT_REGION


def read_shop_formats(raw: RawConnection) -> ShopFormats:
    """The business profile's locale, currency and phone region (startup path: no ORM)."""
    rows = raw.execute("SELECT locale, currency, region FROM business_profile WHERE id = 1")
    if not rows:
        return ShopFormats()
    locale, currency, region = rows[0]
    return ShopFormats(locale, currency, region or DEFAULT_REGION)
