"""The till import's words are the owner's, not the program's."""
from __future__ import annotations

from gui.visits.till_texts import field_label, reason_text


def test_a_tills_customer_id_column_is_read_as_the_customer_number() -> None:
    assert field_label("customer_ref") == field_label("customer_ref_alt") == "customer number"
    assert "customer id" not in reason_text("no_customer_column")
