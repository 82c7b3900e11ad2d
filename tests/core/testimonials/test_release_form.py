"""The printed release form: one page, with everything the customer signs for."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from core.kernel.errors import Invalid
from core.settings.profile import get_business_profile, save_business_profile
from core.store.db import Database
from core.testimonials.services import (
    ReleaseFormWording,
    get_release_form_wording,
    get_testimonial,
    preview_release_form,
    print_release_forms,
    save_release_form_wording,
)
from core.testimonials.types import REQUESTED

from tests.core.testimonials.helpers import TODAY, add_customer_named, add_testimonial

MARKUP = 'She said "it\'s <b>perfect</b> & more" {first_name}\nSecond line: 5 > 3'


def _shop(db: Database, locale: str = "en_GB") -> None:
    with db.unit_of_work() as session:
        profile = dataclasses.replace(
            get_business_profile(session), name="Bloom & Co. Florist", street="4 Market St",
            city="Bristol", postal_code="BS1 4DJ", phone="+441179460000",
            email="hello@bloom.example", signature_name="Hannah Bloom", locale=locale,
            region="GB")
        save_business_profile(session, profile)


def _text(path: Path) -> str:
    reader = PdfReader(str(path))
    assert len(reader.pages) >= 1
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_form_shows_the_quote_both_names_every_scope_option_and_the_duration(
        db: Database, tmp_path: Path) -> None:
    _shop(db)
    with db.unit_of_work() as session:
        cid = add_customer_named(session, "Ann", "Lee", street="12 High St", city="Bath")
        tid = add_testimonial(session, cid, "The roses lasted two whole weeks.")
    out = tmp_path / "form.pdf"
    printed = print_release_forms(db, [tid], out, today=TODAY)
    text = _flat(_text(out))
    assert printed.pages == 1 and len(PdfReader(str(out)).pages) == 1
    assert "The roses lasted two whole weeks." in text
    assert "Ann Lee" in text and "Bloom & Co. Florist" in text and "Hannah Bloom" in text
    for option in ("our website", "social media", "printed material", "video or audio",
                   "advertising", "my full name", "my first name and last initial",
                   "no name (anonymous)", "photo or likeness",
                   "shorten my words without changing their meaning"):
        assert option in text, option
    assert "Two years from the day I sign" in text
    assert "Until I withdraw my permission" in text
    assert "withdraw your permission at any time" in text and "hello@bloom.example" in text
    assert "Parent or guardian" in text
    assert "received" not in text  # no incentive, no incentive line
    with db.unit_of_work() as session:
        assert get_testimonial(session, tid, today=TODAY).row.release_state == REQUESTED


def test_an_edited_quote_prints_beside_the_original_and_the_incentive_is_stated(
        db: Database, tmp_path: Path) -> None:
    _shop(db, "en_US")
    with db.unit_of_work() as session:
        cid = add_customer_named(session, "Bo", "Chen")
        tid = add_testimonial(session, cid, "Great flowers. Parking was hard though.",
                              edited_words="Great flowers.", incentive="a $10 voucher")
    out = tmp_path / "form.pdf"
    print_release_forms(db, [tid], out, today=TODAY)
    text = _flat(_text(out))
    assert "Great flowers. Parking was hard though." in text
    assert "As we would like to use them" in text and "As you said them" in text
    assert "you received: a $10 voucher" in text
    width, height = PdfReader(str(out)).pages[0].mediabox.upper_right
    assert (round(float(width)), round(float(height))) == (612, 792)  # US Letter


def test_markup_quotes_and_newlines_print_literally(db: Database, tmp_path: Path) -> None:
    _shop(db)
    with db.unit_of_work() as session:
        tid = add_testimonial(session, add_customer_named(session, "Cy", "<i>Dee</i>"), MARKUP)
    out = tmp_path / "form.pdf"
    print_release_forms(db, [tid], out, today=TODAY)
    text = _text(out)
    assert "She said \"it's <b>perfect</b> & more\" {first_name}" in text
    assert "Second line: 5 > 3" in text
    assert "Cy <i>Dee</i>" in text
    width, _height = PdfReader(str(out)).pages[0].mediabox.upper_right
    assert round(float(width)) == 595  # A4 for a British shop


def test_a_batch_prints_a_page_for_each_testimonial_in_order(db: Database,
                                                             tmp_path: Path) -> None:
    _shop(db)
    with db.unit_of_work() as session:
        first = add_testimonial(session, add_customer_named(session, "Ann", "Lee"), "First.")
        second = add_testimonial(session, add_customer_named(session, "Bo", "Chen"), "Second.")
    out = tmp_path / "batch.pdf"
    printed = print_release_forms(db, [second, first], out, today=TODAY)
    pages = [page.extract_text() for page in PdfReader(str(out)).pages]
    assert printed.pages == 2 and printed.requested == (second, first)
    assert "Second." in pages[0] and "Bo Chen" in pages[0]
    assert "First." in pages[1] and "Ann Lee" in pages[1]


def test_the_owner_edits_the_wording_and_an_unknown_field_is_named(db: Database) -> None:
    _shop(db)
    with db.unit_of_work() as session:
        tid = add_testimonial(session, add_customer_named(session), "Kind words.")
        wording = dataclasses.replace(ReleaseFormWording(),
                                      title="May {business_name} quote you, {first_name}?")
        save_release_form_wording(session, wording)
        assert get_release_form_wording(session).title.startswith("May ")
        with pytest.raises(Invalid) as caught:
            save_release_form_wording(session, dataclasses.replace(wording, agreement="{pet}"))
        pdf = preview_release_form(session, tid, today=TODAY)
    assert caught.value.for_field("agreement") is not None
    import io

    text = _flat(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    assert "May Bloom & Co. Florist quote you, Ann?" in text


def test_printing_for_a_date_records_that_date(db: Database, tmp_path: Path) -> None:
    with db.unit_of_work() as session:
        tid = add_testimonial(session, add_customer_named(session))
    day = TODAY + dt.timedelta(days=3)
    print_release_forms(db, [tid], tmp_path / "f.pdf", today=day)
    with db.unit_of_work() as session:
        assert get_testimonial(session, tid, today=day).row.requested_on == day
