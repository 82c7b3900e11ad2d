"""Paper survey cards: printed through the printing engine, one page each with the
customer's name and a short code; the answers typed back by code land on the right
customer as paper-survey scores."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from core.kernel.jobs import Cancelled
from core.printing.types import RecipientSelection
from core.scores.errors import SurveyAlreadyAnswered, UnknownSurveyCode
from core.scores.services import (
    answer_survey_card,
    customer_scores,
    find_survey_card,
    plan_survey_cards,
    print_survey_cards,
)
from core.scores.types import CSAT, NPS, PAPER
from core.store.db import Database

from tests.core.printing.helpers import page_texts
from tests.core.program.shop import add_customer

TODAY = dt.date(2026, 6, 30)
ADDRESS = {"street": "1 High Street", "city": "Bristol", "postal_code": "BS1 1AA"}


def _print(db: Database, ids: list[int], out: Path, scale: str = NPS) -> list[str]:
    with db.unit_of_work() as session:
        plan = plan_survey_cards(session, RecipientSelection(customer_ids=tuple(ids)),
                                 scale=scale, today=TODAY)
    summary, rendered = print_survey_cards(db, plan, out, today=TODAY)
    assert summary.item_count == rendered.pages == len(plan.recipients)
    return [dict(r.values)["survey_code"] for r in plan.recipients]


def test_printed_cards_are_answered_back_by_their_code(db: Database, tmp_path: Path) -> None:
    ana = add_customer(db, "Ana", today=TODAY, **ADDRESS)
    bo = add_customer(db, "Bo", today=TODAY, **ADDRESS)
    out = tmp_path / "survey.pdf"
    _print(db, [ana, bo], out)
    pages = page_texts(out)
    assert len(pages) == 2
    assert "For Ana Test" in pages[0] and "For Bo Test" in pages[1]
    assert "How likely are you to recommend us" in pages[0]
    # Read each card's code off the printed page, as the person at the desk would.
    codes = [re.search(r"\b([A-Z0-9]{3}-[A-Z0-9]{3})\b", page).group(1)  # type: ignore[union-attr]
             for page in pages]
    with db.unit_of_work() as session:
        # Typed any way: lower case, no dash, spaces around.
        answer_survey_card(session, f" {codes[1].lower().replace('-', '')} ", 10,
                           "Best sourdough in town", answered_on=TODAY, today=TODAY)
        answer_survey_card(session, codes[0], 3, answered_on=TODAY, today=TODAY)
    with db.unit_of_work() as session:
        bo_scores = customer_scores(session, bo)
        ana_scores = customer_scores(session, ana)
    assert [(s.scale, s.score, s.channel, s.comment, s.survey_code) for s in bo_scores] == [
        (NPS, 10, PAPER, "Best sourdough in town", codes[1])]
    assert [(s.score, s.survey_code) for s in ana_scores] == [(3, codes[0])]


def test_a_card_answered_twice_or_a_wrong_code_is_refused(db: Database, tmp_path: Path) -> None:
    ana = add_customer(db, "Ana", today=TODAY, **ADDRESS)
    [code] = _print(db, [ana], tmp_path / "survey.pdf", scale=CSAT)
    with db.unit_of_work() as session:
        card = find_survey_card(session, code)
        assert (card.customer_id, card.scale, card.customer_name) == (ana, CSAT, "Ana Test")
        answer_survey_card(session, code, 5, answered_on=TODAY, today=TODAY)
    with db.unit_of_work() as session, pytest.raises(SurveyAlreadyAnswered):
        answer_survey_card(session, code, 4, answered_on=TODAY, today=TODAY)
    with db.unit_of_work() as session, pytest.raises(UnknownSurveyCode):
        find_survey_card(session, "XXX-XXX")
    with db.unit_of_work() as session:
        assert [s.score for s in customer_scores(session, ana)] == [5]


def test_a_cancelled_print_leaves_no_card_waiting_for_an_answer(
        db: Database, tmp_path: Path) -> None:
    ana = add_customer(db, "Ana", today=TODAY, **ADDRESS)
    with db.unit_of_work() as session:
        plan = plan_survey_cards(session, RecipientSelection(customer_ids=(ana,)), scale=NPS,
                                 today=TODAY)
    code = dict(plan.recipients[0].values)["survey_code"]
    with pytest.raises(Cancelled):
        print_survey_cards(db, plan, tmp_path / "survey.pdf", today=TODAY,
                           is_cancelled=lambda: True)
    with db.unit_of_work() as session, pytest.raises(UnknownSurveyCode):
        find_survey_card(session, code)
