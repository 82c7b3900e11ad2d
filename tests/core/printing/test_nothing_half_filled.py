"""Nothing prints half-filled: a print that would leave a gap where the business belongs is
refused before anything is drawn or recorded; a customer's gaps take the template's
fallbacks."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.printing.batches import list_batches
from core.printing.errors import IncompleteBusinessProfile
from core.printing.formats import get_page_format
from core.printing.recipients import _SampleCustomer, recipient_from
from core.printing.render import ItemsJob, render_items, render_items_bytes
from core.printing.services import BatchRequest, print_new_batch
from core.printing.templates import EMPTY_FIELD, check_template, merge
from core.printing.types import RecipientSelection
from core.store.db import Database

from tests.conftest import save_shop_profile
from tests.core.printing.helpers import PROFILE, TODAY, page_texts


def _job(profile: object, body: str = "Thank you for choosing {business_name}.",
         fmt: str = "a6-card") -> ItemsJob:
    customer = recipient_from(_SampleCustomer(), PROFILE, TODAY)
    return ItemsJob("Thank you", body, get_page_format(fmt), profile,  # type: ignore[arg-type]
                    (customer,))


def test_a_card_from_a_shop_without_a_name_is_refused_and_no_pdf_is_written(
    tmp_path: Path
) -> None:
    nameless = dataclasses.replace(PROFILE, name="")
    with pytest.raises(IncompleteBusinessProfile) as refused:
        render_items(_job(nameless), tmp_path / "cards.pdf")
    assert refused.value.fields == ("name",)
    assert not (tmp_path / "cards.pdf").exists()
    with pytest.raises(IncompleteBusinessProfile):  # the preview too
        render_items_bytes(_job(nameless))


def test_a_letter_needs_the_shops_address_and_a_merged_signature_needs_the_signature_name(
) -> None:
    bare = dataclasses.replace(PROFILE, street="", city="", signature_name="")
    with pytest.raises(IncompleteBusinessProfile) as refused:
        render_items_bytes(_job(bare, "Yours, {signature_name}", fmt="letter-a4"))
    assert refused.value.fields == ("street", "city", "signature_name")
    # A card that does not merge the signature prints without one.
    assert render_items_bytes(_job(bare)).startswith(b"%PDF")


def test_a_field_that_a_new_template_merges_from_the_business_is_checked_too() -> None:
    phoneless = dataclasses.replace(PROFILE, phone="")
    with pytest.raises(IncompleteBusinessProfile) as refused:
        render_items_bytes(_job(phoneless, "Call us on {business_phone}."))
    assert refused.value.fields == ("phone",)


@pytest.mark.empty_business_profile
def test_a_batch_without_a_business_name_is_refused_before_anything_is_recorded(
    db: Database, tmp_path: Path
) -> None:
    with db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Ana", street="1 High St",
                                            city="Leeds"))
    request = BatchRequest("thank-you", RecipientSelection(everyone=True), "a6-card")
    with pytest.raises(IncompleteBusinessProfile) as refused:
        print_new_batch(db, request, tmp_path / "cards.pdf")
    assert refused.value.fields == ("name",)
    assert not (tmp_path / "cards.pdf").exists()
    with db.unit_of_work() as session:
        assert list_batches(session) == []
    save_shop_profile(db, name="Corner Bakery")
    summary, _plan, _rendered = print_new_batch(db, request, tmp_path / "cards.pdf")
    assert summary.item_count == 1
    assert "Thank you for choosing Corner Bakery." in " ".join(
        page_texts(tmp_path / "cards.pdf")[0].split())


def test_a_customer_known_only_by_address_is_greeted_as_a_friend() -> None:
    nameless = dataclasses.replace(_SampleCustomer(), first_name="", last_name="")
    values = recipient_from(nameless, PROFILE, dt.date(2026, 11, 22)).value_map()
    assert merge("Dear {greeting_name|friend},", values) == "Dear friend,"
    assert merge("Dear {greeting_name|friend},", {**values, "greeting_name": "Ana"}) == \
        "Dear Ana,"
    # A field with a fallback is never reported as printing empty.
    assert check_template("", "Dear {greeting_name|friend},", values) == ()
    assert [p.code for p in check_template("", "Dear {greeting_name},", values)] == \
        [EMPTY_FIELD]
