"""The derived columns: the search text holds every field folded, however it is written."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.customers.keys import customer_keys
from core.kernel.text import fold


@given(st.text(max_size=40))
def test_the_search_text_holds_the_folded_email_whatever_it_contains(email: str) -> None:
    keys = customer_keys(first_name="Ann", last_name="", organisation="", email=email,
                         phone="", postal_code="")
    assert keys["search_text"] == " ".join(p for p in ("ann", fold(email)) if p)
    assert keys["email_key"] == email.casefold()
