"""What one desk tells the others (core.store.notify) comes back as the same Changes."""
from __future__ import annotations

from core.kernel.changes import Changes
from core.store.notify import MAX_PAYLOAD_BYTES, decode, encode


def test_a_change_reaches_another_desk_as_the_same_value() -> None:
    sent = Changes(customers=True, interactions=True, customer_ids=frozenset({3, 41}))
    assert decode(encode(sent, "desk-a")) == ("desk-a", sent)


def test_an_import_of_thousands_says_any_customer_rather_than_too_much() -> None:
    sent = Changes(customers=True, customer_ids=frozenset(range(1_000_000, 1_005_000)))
    payload = encode(sent, "desk-a")
    assert len(payload) <= MAX_PAYLOAD_BYTES
    assert decode(payload) == ("desk-a", Changes(customers=True))


def test_a_notification_from_another_version_is_left_alone() -> None:
    assert decode("not json") is None
    assert decode('{"from": "x", "flags": ["customers", "shelves"], "ids": []}') == (
        "x", Changes(customers=True))
