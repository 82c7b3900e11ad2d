"""Listening shows NPS and CSAT over 90 days with their formulas; paper survey cards are
typed back on one screen: code, Enter, score, Enter, comment, Enter, next card."""
from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from core.printing.types import RecipientSelection
from core.program.clock import shop_today
from core.scores.services import (
    customer_scores,
    plan_survey_cards,
    print_survey_cards,
    record_score,
)
from core.scores.types import CSAT, NPS, ScoreDraft
from core.store.db import Database

from gui.listening.page import ListeningPage
from gui.scores.listening_sections import FiguresSection, RecentScoresSection
from gui.scores.survey_entry import SurveyEntryDialog
from gui.shell.context import AppContext

from tests.conftest import save_shop_profile
from tests.core.program.shop import add_customer

ADDRESS = {"street": "1 High Street", "city": "Bristol", "postal_code": "BS1 1AA"}


def test_listening_shows_both_figures_with_their_formulas_and_the_recent_answers(
        qtbot: QtBot, sqlite_db: Database, contexts: list[AppContext]) -> None:
    today = shop_today()
    people = [add_customer(sqlite_db, f"P{n}", today=today) for n in range(4)]
    with sqlite_db.unit_of_work() as session:
        for who, score in zip(people, (10, 9, 7, 3)):  # 2 promoters, 1 detractor of 4: +25
            record_score(session, who, ScoreDraft(NPS, score, today), today=today)
        record_score(session, people[0], ScoreDraft(CSAT, 5, today, comment="Lovely"),
                     today=today)
    context = AppContext(sqlite_db)
    contexts.append(context)
    page = ListeningPage(context)
    qtbot.addWidget(page)
    page.load()
    figures = next(s for s in page.sections if isinstance(s, FiguresSection))
    recent = next(s for s in page.sections if isinstance(s, RecentScoresSection))
    assert figures.nps_card.value_label.text() == "+25"
    assert figures.csat_card.value_label.text() == "100 %"
    assert "% promoters − % detractors" in figures.nps_card.toolTip()
    assert "never counted" in figures.csat_card.toolTip()
    assert "Out of 4 answers" in figures.nps_card.detail_label.text()
    assert "Out of 1 answer" in figures.csat_card.detail_label.text()
    assert recent.model.rowCount() == 5
    assert "Lovely" in recent.model.column_texts(5)


def test_survey_cards_are_typed_back_by_code_score_and_comment(
        qtbot: QtBot, sqlite_db: Database, contexts: list[AppContext], tmp_path: Path) -> None:
    today = shop_today()
    save_shop_profile(sqlite_db)
    ana = add_customer(sqlite_db, "Ana", today=today, **ADDRESS)
    bo = add_customer(sqlite_db, "Bo", today=today, **ADDRESS)
    with sqlite_db.unit_of_work() as session:
        plan = plan_survey_cards(session, RecipientSelection(customer_ids=(ana, bo)),
                                 scale=NPS, today=today)
    print_survey_cards(sqlite_db, plan, tmp_path / "cards.pdf", today=today)
    codes = {r.customer_id: dict(r.values)["survey_code"] for r in plan.recipients}
    context = AppContext(sqlite_db)
    contexts.append(context)
    dialog = SurveyEntryDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()

    qtbot.keyClicks(dialog.code_edit, codes[bo].lower())
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)
    assert "Bo Test" in dialog.card_label.text() and dialog.score_edit.hasFocus()
    qtbot.keyClicks(dialog.score_edit, "11")
    qtbot.keyClick(dialog.score_edit, Qt.Key.Key_Return)
    assert "from 0 to 10" in dialog.message_label.text()  # refused, nothing saved
    dialog.score_edit.clear()
    qtbot.keyClicks(dialog.score_edit, "10")
    qtbot.keyClick(dialog.score_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.comment_edit, "Best bread in town")
    qtbot.keyClick(dialog.comment_edit, Qt.Key.Key_Return)
    assert dialog.code_edit.hasFocus() and dialog.code_edit.text() == ""
    assert dialog.count_label.text() == "1 answer typed in so far"

    qtbot.keyClicks(dialog.code_edit, codes[bo])  # the same card again
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)
    assert "typed in already" in dialog.message_label.text()
    dialog.code_edit.clear()
    qtbot.keyClicks(dialog.code_edit, "zzz-zzz")
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)
    assert "No survey card has the code ZZZ-ZZZ" in dialog.message_label.text()

    with sqlite_db.unit_of_work() as session:
        answers = customer_scores(session, bo)
        assert customer_scores(session, ana) == []
    assert [(a.score, a.channel, a.comment, a.survey_code) for a in answers] == [
        (10, "paper", "Best bread in town", codes[bo])]


def test_print_survey_cards_for_a_stage_saves_one_page_each_and_says_who_was_left_out(
        qtbot: QtBot, sqlite_db: Database, contexts: list[AppContext], tmp_path: Path) -> None:
    from gui.scores.survey_print import WHO_STAGE, SurveyPrintDialog

    from tests.core.printing.helpers import page_texts

    today = shop_today()
    save_shop_profile(sqlite_db)
    add_customer(sqlite_db, "Ana", visits=(today,), today=today, **ADDRESS)
    add_customer(sqlite_db, "Nomail", visits=(today,), today=today)  # no address
    context = AppContext(sqlite_db)
    contexts.append(context)
    dialog = SurveyPrintDialog(context)
    qtbot.addWidget(dialog)
    dialog.who_combo.setCurrentIndex(WHO_STAGE)
    dialog.stage_combo.setCurrentIndex(dialog.stage_combo.findData("new"))
    dialog.csat_radio.setChecked(True)
    out = tmp_path / "cards.pdf"
    assert dialog.print_to(out) == 1
    pages = page_texts(out)
    assert len(pages) == 1 and "How satisfied were you" in pages[0]
    assert dialog.message_label.text().startswith("1 survey card saved to ")
    assert "Left out: 1 no postal address." in dialog.message_label.text()
