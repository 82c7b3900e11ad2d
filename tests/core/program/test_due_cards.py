"""Today's "Print Due Cards": the due cards and letters print as one batch, each with its
rule's template, labels in the same order; sending the batch completes their actions."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from core.kernel.desk import who_is_at_the_desk
from core.printing.batches import (
    get_batch,
    mark_batch_sent,
    mark_items_spoiled,
    plan_reprint,
    unmark_batch_sent,
)
from core.printing.types import ALREADY_PRINTED, NO_ADDRESS
from core.program.models import Action
from core.program.services import (
    complete_action,
    plan_due_cards,
    print_due_cards,
    today_view,
)
from core.store.db import Database

from tests.core.printing.helpers import page_texts
from tests.core.program.shop import add_customer, evaluate

D = dt.date
TODAY = D(2026, 12, 7)
ADDRESS: dict[str, Any] = {"street": "4 Elm Road", "city": "Bristol", "postal_code": "BS1 4DJ"}


@pytest.fixture
def shop(db: Database) -> dict[str, int]:
    """Ana's thank-you card is three days overdue, Bea's birthday card is due today, Cal's
    birthday card is due too but he has no address, Dee's is only coming up."""
    ids = {
        "ana": add_customer(db, "Ana", visits=(D(2026, 12, 1),), today=TODAY, **ADDRESS),
        "bea": add_customer(db, "Bea", birthday_month=12, birthday_day=14, today=TODAY,
                            **ADDRESS),
        "cal": add_customer(db, "Cal", birthday_month=12, birthday_day=14, today=TODAY),
        "dee": add_customer(db, "Dee", birthday_month=12, birthday_day=17, today=TODAY,
                            **ADDRESS),
    }
    evaluate(db, TODAY)
    return ids


def _actions(db: Database) -> dict[int, tuple[str, dt.datetime | None]]:
    with db.unit_of_work() as session:
        return {a.customer_id: (a.state, a.completed_at) for a in session.query(Action)}


def test_due_cards_print_as_one_batch_with_each_rules_template_and_labels_in_order(
        db: Database, shop: dict[str, int], tmp_path: Path) -> None:
    out, labels = tmp_path / "due.pdf", tmp_path / "labels.pdf"
    due, summary, rendered = print_due_cards(db, TODAY, out, labels_path=labels,
                                             label_sheet="avery-5160")
    assert [(a.customer_id, a.template) for a in due.actions] == [
        (shop["ana"], "thank-you"), (shop["bea"], "birthday")]
    assert due.cards == 2 and due.letters == 0
    assert [(o.customer_id, o.reason) for o in due.left_out] == [(shop["cal"], NO_ADDRESS)]
    assert summary is not None and rendered is not None
    pages = page_texts(out)
    assert len(pages) == 2
    assert "Thank you" in pages[0] and "Ana" in pages[0]
    assert "Happy birthday" in pages[1] and "Bea" in pages[1]
    label_text = page_texts(labels)[0]
    assert label_text.index("Ana") < label_text.index("Bea")
    assert summary.template_name == "thank-you" and summary.other_templates == ("birthday",)
    with db.unit_of_work() as session:
        items = get_batch(session, summary.id).items
    assert [i.customer_id for i in items if i.status == "printed"] == [shop["ana"], shop["bea"]]


def test_marking_the_batch_sent_completes_the_actions_and_undo_opens_them_again(
        db: Database, shop: dict[str, int], tmp_path: Path) -> None:
    _due, summary, _ = print_due_cards(db, TODAY, tmp_path / "due.pdf")
    assert summary is not None
    sent_at = dt.datetime(2026, 12, 7, 16, 30)
    with db.unit_of_work() as session:
        marking = mark_batch_sent(session, summary.id, now=sent_at)
    states = _actions(db)
    assert states[shop["ana"]] == ("done", sent_at)
    assert states[shop["bea"]] == ("done", sent_at)
    assert states[shop["cal"]][0] == "open"  # left out: still to do
    assert len(marking.actions) == 2
    with db.unit_of_work() as session:  # who marked the batch sent is who made the gesture
        assert {a.completed_by for a in session.query(Action).filter_by(state="done")} == {
            who_is_at_the_desk()}
    with db.unit_of_work() as session:
        unmark_batch_sent(session, marking)
    states = _actions(db)
    assert states[shop["ana"]] == ("open", None) and states[shop["bea"]] == ("open", None)


def test_a_printed_card_is_not_printed_twice_before_the_batch_is_sent(
        db: Database, shop: dict[str, int], tmp_path: Path) -> None:
    print_due_cards(db, TODAY, tmp_path / "due.pdf")
    with db.unit_of_work() as session:
        again = plan_due_cards(session, TODAY)
        shown = {a.customer_id: a.printed for a in today_view(session, TODAY).actions}
    # Today says which cards are printed and wait for their batch to be marked sent.
    assert shown[shop["ana"]] and shown[shop["bea"]]
    assert not shown[shop["cal"]] and not shown[shop["dee"]]
    assert again.plan is None and again.actions == ()
    assert sorted((o.customer_id, o.reason) for o in again.left_out) == sorted([
        (shop["ana"], ALREADY_PRINTED), (shop["bea"], ALREADY_PRINTED),
        (shop["cal"], NO_ADDRESS)])


def test_a_spoiled_card_keeps_its_action_open_and_is_reprinted_with_its_own_template(
        db: Database, shop: dict[str, int], tmp_path: Path) -> None:
    _due, summary, _ = print_due_cards(db, TODAY, tmp_path / "due.pdf")
    assert summary is not None
    with db.unit_of_work() as session:
        items = get_batch(session, summary.id).items
        bea_item = next(i.id for i in items if i.customer_id == shop["bea"])
        mark_items_spoiled(session, summary.id, [bea_item])
        mark_batch_sent(session, summary.id, now=dt.datetime(2026, 12, 7, 17))
    states = _actions(db)
    assert states[shop["ana"]][0] == "done"
    assert states[shop["bea"]] == ("open", None)
    with db.unit_of_work() as session:
        reprint = plan_reprint(session, summary.id)
        # Bea's card can be printed again from Today too: it is no longer waiting to be sent.
        today_again = plan_due_cards(session, TODAY)
    assert [(r.customer_id, reprint.template_of(r).name) for r in reprint.recipients] == [
        (shop["bea"], "birthday")]
    assert [a.customer_id for a in today_again.actions] == [shop["bea"]]


def test_a_card_spoiled_after_it_was_sent_opens_its_action_again(
        db: Database, shop: dict[str, int], tmp_path: Path) -> None:
    _due, summary, _ = print_due_cards(db, TODAY, tmp_path / "due.pdf")
    assert summary is not None
    with db.unit_of_work() as session:
        mark_batch_sent(session, summary.id, now=dt.datetime(2026, 12, 7, 17))
        items = get_batch(session, summary.id).items
        ana_item = next(i.id for i in items if i.customer_id == shop["ana"])
        mark_items_spoiled(session, summary.id, [ana_item])
    states = _actions(db)
    assert states[shop["ana"]] == ("open", None) and states[shop["bea"]][0] == "done"


def test_printing_with_mark_sent_completes_the_actions_at_once_and_upcoming_is_optional(
        db: Database, shop: dict[str, int], tmp_path: Path) -> None:
    with db.unit_of_work() as session:
        with_upcoming = plan_due_cards(session, TODAY, include_upcoming=True)
    assert shop["dee"] in [a.customer_id for a in with_upcoming.actions]
    _due, summary, _ = print_due_cards(db, TODAY, tmp_path / "due.pdf", mark_sent=True)
    assert summary is not None and summary.sent_at is not None
    states = _actions(db)
    assert states[shop["ana"]][0] == "done" and states[shop["bea"]][0] == "done"
    assert states[shop["dee"]][0] == "open"


def test_an_action_done_by_hand_stays_done_when_its_batch_is_unmarked(
        db: Database, shop: dict[str, int], tmp_path: Path) -> None:
    _due, summary, _ = print_due_cards(db, TODAY, tmp_path / "due.pdf")
    assert summary is not None
    with db.unit_of_work() as session:
        bea_action = session.query(Action).filter_by(customer_id=shop["bea"]).one().id
        complete_action(session, bea_action, note="handed over in the shop")
    with db.unit_of_work() as session:
        marking = mark_batch_sent(session, summary.id)
    with db.unit_of_work() as session:
        unmark_batch_sent(session, marking)
    states = _actions(db)
    assert states[shop["bea"]][0] == "done" and states[shop["ana"]][0] == "open"


def test_a_card_made_for_two_occasions_names_the_other_one_too(
        db: Database, tmp_path: Path) -> None:
    """Eve's first visit and her birthday fall in the same fortnight: one card, the thank-you,
    which also wishes her a happy birthday."""
    add_customer(db, "Eve", visits=(D(2026, 12, 1),), birthday_month=12, birthday_day=14,
                 today=TODAY, **ADDRESS)
    evaluate(db, TODAY)
    out = tmp_path / "due.pdf"
    due, summary, _ = print_due_cards(db, TODAY, out)
    assert [(a.template, [j.rule for j in a.joined]) for a in due.actions] == [
        ("thank-you", ["birthday"])]
    page = " ".join(page_texts(out)[0].split())
    assert "we hope to see you again soon. And happy birthday, too!" in page
    assert summary is not None


def test_a_card_for_one_occasion_has_no_trailing_wishes(
        db: Database, shop: dict[str, int], tmp_path: Path) -> None:
    out = tmp_path / "due.pdf"
    print_due_cards(db, TODAY, out)
    assert all(", too!" not in page for page in page_texts(out))
