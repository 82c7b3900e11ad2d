"""A batch whose items use different templates (Today's due cards): each item prints with
its own template and format, keeps the text it was printed with, and opens again as it was."""
from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.printing.batches import (
    BatchEntry,
    list_customer_mailings,
    plan_entries,
    plan_reopen,
    render_batch,
)
from core.printing.runs import print_planned_batch
from core.printing.templates import save_template
from core.store.db import Database

from tests.core.printing.helpers import page_texts

ADDRESS = {"street": "1 High St", "city": "Leeds", "postal_code": "LS1 1AA"}


def _add(db: Database, first: str) -> int:
    with db.unit_of_work() as session:
        return add_customer(session, CustomerDraft(first_name=first, last_name="Test",
                                                   **ADDRESS)).id  # type: ignore[arg-type]


def test_a_card_and_a_letter_print_in_one_batch_each_on_its_own_paper(
        db: Database, tmp_path: Path) -> None:
    amy, ben = _add(db, "Amy"), _add(db, "Ben")
    with db.unit_of_work() as session:
        plan = plan_entries(session, [BatchEntry(amy, "birthday"),
                                      BatchEntry(ben, "we-miss-you")])
    summary, _plan, rendered = print_planned_batch(db, plan, tmp_path / "mixed.pdf")
    reader = PdfReader(str(tmp_path / "mixed.pdf"))
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
             for p in reader.pages]
    assert rendered.pages == len(sizes) == 2
    assert sizes[0] != sizes[1]  # a card, then a letter on letter paper
    texts = page_texts(tmp_path / "mixed.pdf")
    assert "Happy birthday" in texts[0] and "We miss you" in texts[1]
    with db.unit_of_work() as session:
        mailings = {m.template_name for m in list_customer_mailings(session, ben)}
    assert mailings == {"we-miss-you"}
    assert summary.other_templates == ("we-miss-you",)


def test_a_mixed_batch_opens_again_with_the_text_it_was_printed_with(
        db: Database, tmp_path: Path) -> None:
    amy, ben = _add(db, "Amy"), _add(db, "Ben")
    with db.unit_of_work() as session:
        plan = plan_entries(session, [BatchEntry(amy, "thank-you"),
                                      BatchEntry(ben, "birthday")])
    summary, _plan, _rendered = print_planned_batch(db, plan, tmp_path / "mixed.pdf")
    with db.unit_of_work() as session:
        save_template(session, name="birthday", kind="card", title="Many happy returns",
                      body="Hi {first_name}")
        reopened = plan_reopen(session, summary.id)
    assert [reopened.template_of(r).title for r in reopened.recipients] == [
        "Thank you", "Happy birthday"]
    render_batch(reopened, tmp_path / "again.pdf")
    texts = page_texts(tmp_path / "again.pdf")
    assert "Happy birthday" in texts[1] and "Many happy returns" not in texts[1]
