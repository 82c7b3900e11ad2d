"""Sam at the front desk, for the tests that check who changed what; as before afterwards."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.kernel.desk import current_actor, set_actor


@pytest.fixture
def at_front_desk() -> Iterator[None]:
    before = current_actor()
    set_actor(desk="Front desk", person="Sam")
    yield
    set_actor(desk=before.desk, person=before.person)
