"""Meeting notes print as letters: the shop has a complete business profile first."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _complete_profile(shop_profile: None) -> None:
    """See tests/conftest.py: shop_profile."""
