"""Batches on SQLite and PostgreSQL: who is left out, mark sent, spoiled, reprint, history."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.printing.batches import (
    PRINTED,
    REPRINTED,
    SENT,
    SKIPPED,
    SPOILED,
    BatchRequest,
    customers_sent,
    get_batch,
    list_batches,
    list_customer_mailings,
    mark_batch_sent,
    mark_items_spoiled,
    plan_batch,
    plan_reprint,
    print_batch,
    record_batch,
    render_batch,
    unmark_batch_sent,
)
from core.printing.errors import InvalidSelection, InvalidTemplate, NoRecipients
from core.printing.models import PrintBatchItem
from core.printing.recipients import RecipientSelection
from core.printing.templates import (
    EMPTY_FIELD,
    UNKNOWN_FIELD,
    check_template,
    get_template,
    restore_default_template,
    save_template,
)
from core.printing.types import ALREADY_SENT
from core.store.db import Database

from tests.core.printing.helpers import page_texts

ADDRESS = {"street": "1 High St", "city": "Leeds", "postal_code": "LS1 1AA"}


def _add(db: Database, first: str, last: str = "", **fields: object) -> int:
    with db.unit_of_work() as session:
        return add_customer(session, CustomerDraft(first_name=first, last_name=last,
                                                   **fields)).id  # type: ignore[arg-type]


def _print(db: Database, tmp_path: Path, selection: RecipientSelection, **kwargs: object):  # type: ignore[no-untyped-def]
    with db.unit_of_work() as session:
        return print_batch(session, BatchRequest("thank-you", selection, "a6-card"),
                           tmp_path / "cards.pdf", **kwargs)  # type: ignore[arg-type]


def test_recipients_without_address_or_who_want_no_mail_are_left_out_and_listed(
    db: Database, tmp_path: Path
) -> None:
    ann = _add(db, "Ann", "Lee", tags=("vip",), **ADDRESS)
    bob = _add(db, "Bob", "Ray", tags=("vip",))
    cy = _add(db, "Cy", "Oh", tags=("vip",), no_mail=True, **ADDRESS)
    summary, plan, rendered = _print(db, tmp_path, RecipientSelection(tag="VIP"))
    assert [r.customer_id for r in plan.recipients] == [ann]
    assert {(s.customer_id, s.reason) for s in plan.skipped} == {(bob, "no_address"),
                                                                 (cy, "no_mail")}
    assert (summary.item_count, summary.skipped_count, rendered.pages) == (1, 2, 1)
    assert page_texts(tmp_path / "cards.pdf") and "Ann" in page_texts(tmp_path / "cards.pdf")[0]
    with db.unit_of_work() as session:
        detail = get_batch(session, summary.id)
    assert (detail.items[0].recipient_name, detail.items[0].status) == ("Ann Lee", "printed")
    assert {(i.recipient_name, i.status, i.skip_reason) for i in detail.items[1:]} == {
        ("Bob Ray", SKIPPED, "no_address"), ("Cy Oh", SKIPPED, "no_mail")}


def test_labels_come_in_the_same_order_as_the_cards(db: Database, tmp_path: Path) -> None:
    ids = [_add(db, name, "Test", **{**ADDRESS, "postal_code": f"LS{i} 1AA"})
           for i, name in enumerate(["Zed", "Amy", "Mia"])]
    with db.unit_of_work() as session:
        print_batch(session, BatchRequest("thank-you", RecipientSelection(customer_ids=tuple(ids)),
                                          "a6-card", "avery-l7163", 2),
                    tmp_path / "cards.pdf", labels_path=tmp_path / "labels.pdf")
    cards = [t.split("Dear ")[1].split(",")[0] for t in page_texts(tmp_path / "cards.pdf")]
    labels = page_texts(tmp_path / "labels.pdf")[0]
    assert cards == ["Zed", "Amy", "Mia"]
    assert labels.index("Zed") < labels.index("Amy") < labels.index("Mia")


def test_nobody_to_print_writes_no_file_and_no_batch(db: Database, tmp_path: Path) -> None:
    _add(db, "Bob", "Ray")
    for selection in (RecipientSelection(everyone=True), RecipientSelection(stage="prospect")):
        with pytest.raises(NoRecipients) as caught:
            _print(db, tmp_path, selection)
        assert [s.reason for s in caught.value.skipped] == ["no_address"]
    assert not (tmp_path / "cards.pdf").exists()
    with db.unit_of_work() as session:
        assert list_batches(session) == []
    with pytest.raises(InvalidSelection):
        _print(db, tmp_path, RecipientSelection(tag="nobody-has-this"))


def test_mark_sent_spoil_and_reprint_only_the_spoiled(db: Database, tmp_path: Path) -> None:
    ids = [_add(db, name, "Test", **ADDRESS) for name in ["Amy", "Ben", "Cat"]]
    summary, _, _ = _print(db, tmp_path, RecipientSelection(customer_ids=tuple(ids)))
    with db.unit_of_work() as session:
        items = get_batch(session, summary.id).items
        ben = next(i for i in items if i.customer_id == ids[1])
        spoiled = mark_items_spoiled(session, summary.id, [ben.id])
        assert spoiled.count(SPOILED) == 1
        sent = mark_batch_sent(session, summary.id).summary
    assert (sent.count(SENT), sent.count(SPOILED)) == (2, 1) and sent.sent_at is not None
    with db.unit_of_work() as session:
        plan = plan_reprint(session, summary.id)
    assert [r.name for r in plan.recipients] == ["Ben Test"]
    render_batch(plan, tmp_path / "reprint.pdf")
    assert len(page_texts(tmp_path / "reprint.pdf")) == 1
    assert "Dear Ben" in page_texts(tmp_path / "reprint.pdf")[0]
    with db.unit_of_work() as session:
        again = record_batch(session, plan, mark_sent=True)
        original = get_batch(session, summary.id).summary
        mailings = list_customer_mailings(session, ids[1])
    assert again.reprint_of_id == summary.id
    assert original.count(REPRINTED) == 1 and original.count(SPOILED) == 0
    assert [(m.batch_id, m.status) for m in mailings] == [(again.id, SENT),
                                                          (summary.id, REPRINTED)]


def test_undoing_mark_sent_puts_back_only_what_that_click_marked(
        db: Database, tmp_path: Path) -> None:
    ids = [_add(db, name, "Test", **ADDRESS) for name in ["Amy", "Ben", "Cat"]]
    summary, _, _ = _print(db, tmp_path, RecipientSelection(customer_ids=tuple(ids)))
    printed_at = dt.datetime(2026, 3, 1, 9, 30)
    with db.unit_of_work() as session:
        items = {i.customer_id: i.id for i in get_batch(session, summary.id).items}
        for item in get_batch(session, summary.id).items:  # a known earlier time
            session.get(PrintBatchItem, item.id).status_changed_at = printed_at  # type: ignore[union-attr]
        mark_items_spoiled(session, summary.id, [items[ids[0]]])  # Amy's card smudged
    with db.unit_of_work() as session:
        marking = mark_batch_sent(session, summary.id, now=dt.datetime(2026, 3, 2, 10, 0))
        assert sorted(marking.item_ids) == sorted([items[ids[1]], items[ids[2]]])
        # Cat's card is spoiled after it was marked sent: the undo leaves it spoiled.
        mark_items_spoiled(session, summary.id, [items[ids[2]]])
    with db.unit_of_work() as session:
        after = unmark_batch_sent(session, marking)
        rows = {i.customer_id: i for i in get_batch(session, summary.id).items}
    assert after.sent_at is None and after.count(SENT) == 0
    assert (rows[ids[0]].status, rows[ids[1]].status, rows[ids[2]].status) == (
        SPOILED, PRINTED, SPOILED)
    assert rows[ids[1]].status_changed_at == printed_at  # as it was before the click
    with db.unit_of_work() as session:
        assert customers_sent(session, "thank-you", since=dt.date(2026, 1, 1)) == []


def test_customers_who_already_got_this_card_this_year_are_left_out_when_asked(
        db: Database, tmp_path: Path) -> None:
    amy, ben = (_add(db, name, "Test", **ADDRESS) for name in ["Amy", "Ben"])
    today = dt.date.today()
    _print(db, tmp_path, RecipientSelection(customer_ids=(amy,)))  # Amy's card is printed
    both = RecipientSelection(customer_ids=(amy, ben))
    with db.unit_of_work() as session:
        plan = plan_batch(session, BatchRequest("thank-you", both, "a6-card",
                                                leave_out_already_sent=True), today=today)
        as_before = plan_batch(session, BatchRequest("thank-you", both, "a6-card"), today=today)
        other_card = plan_batch(session, BatchRequest("birthday", both, "a6-card",
                                                      leave_out_already_sent=True), today=today)
        next_year = plan_batch(session, BatchRequest(
            "thank-you", both, "a6-card", leave_out_already_sent=True),
            today=dt.date(today.year + 1, 1, 2))
    assert [r.customer_id for r in plan.recipients] == [ben]
    assert [(s.customer_id, s.name, s.reason) for s in plan.skipped] == [
        (amy, "Amy Test", ALREADY_SENT)]
    assert len(as_before.recipients) == 2 and len(other_card.recipients) == 2
    assert len(next_year.recipients) == 2


def test_who_got_a_thank_you_card_this_year(db: Database, tmp_path: Path) -> None:
    amy = _add(db, "Amy", "Test", **ADDRESS)
    ben = _add(db, "Ben", "Test", **ADDRESS)
    _print(db, tmp_path, RecipientSelection(customer_ids=(amy,)), mark_sent=True)
    _print(db, tmp_path, RecipientSelection(customer_ids=(ben,)))  # printed, not yet sent
    with db.unit_of_work() as session:
        this_year = dt.date(dt.date.today().year, 1, 1)
        assert customers_sent(session, "thank-you", since=this_year) == [amy]
        assert customers_sent(session, "birthday", since=this_year) == []


def test_a_batch_keeps_what_was_printed_when_the_template_changes_later(
    db: Database, tmp_path: Path
) -> None:
    amy = _add(db, "Amy", "Test", **ADDRESS)
    summary, _, _ = _print(db, tmp_path, RecipientSelection(customer_ids=(amy,)))
    with db.unit_of_work() as session:
        save_template(session, name="thank-you", kind="card", title="Cheers",
                      body="Hi {first_name}")
        from core.printing.batches import plan_reopen

        plan = plan_reopen(session, summary.id)
    assert plan.template.title == "Thank you" and plan.recipients[0].name == "Amy Test"


def test_templates_are_edited_checked_and_restored(db: Database) -> None:
    with db.unit_of_work() as session:
        with pytest.raises(InvalidTemplate) as caught:
            save_template(session, name="thank-you", kind="card", title="Hi {frist_name}",
                          body="Dear {first_name")
        codes = {(p.code, p.field) for p in caught.value.problems}
        assert (UNKNOWN_FIELD, "frist_name") in codes and len(codes) == 2
        assert get_template(session, "thank-you").title == "Thank you"
        edited = save_template(session, name="thank-you", kind="card", title="Merci",
                               body="Cher {first_name}, {{merci}}")
        assert edited.is_edited and get_template(session, "thank-you").title == "Merci"
        restored = restore_default_template(session, "thank-you")
        assert not restored.is_edited
        assert get_template(session, "thank-you").title == "Thank you"
    problems = check_template("Hi", "Dear {first_name} of {organisation}",
                              {"first_name": "Ann", "organisation": ""})
    assert [(p.code, p.field) for p in problems] == [(EMPTY_FIELD, "organisation")]
