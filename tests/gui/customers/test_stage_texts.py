"""The stage choices explain themselves: each one's tooltip gives the shop's own rule."""
from __future__ import annotations

import re

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from core.customers.stages import StageThresholds
from core.settings.services import save_settings
from core.store.db import Database

from gui.customers.page import CustomersPage
from gui.customers.stage_texts import StageRules
from gui.shell.context import AppContext


def _plain(html: str) -> str:
    return re.sub(r"<br>", " / ", re.sub(r"</?(b|nobr)>", "", html))


def test_the_default_rules_read_as_sentences(qapp: object) -> None:
    rules = StageRules(StageThresholds())
    assert rules.rule("prospect") == "No visit or purchase yet"
    assert rules.rule("new") == "One visit or purchase so far"
    assert rules.rule("repeat") == "At least 2 visits"
    assert rules.rule("advocate") == "Referred at least 1 customer"
    assert rules.rule("lapsed") == "Nothing heard for more than 1 year"
    assert _plain(rules.tooltip("repeat")) == "Repeat / At least 2 visits"


def test_other_thresholds_change_the_words_and_plurals(qapp: object) -> None:
    rules = StageRules(StageThresholds(repeat_after_visits=5, advocate_after_referrals=3,
                                       lapsed_after_days=180),
                       locale=QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert rules.rule("new") == "Fewer than 5 visits so far"
    assert rules.rule("advocate") == "Referred at least 3 customers"
    assert rules.rule("lapsed") == "Nothing heard for more than 6 months"
    assert rules.quiet_for(14) == "Nothing heard for more than 2 weeks"
    assert rules.quiet_for(1) == "Nothing heard for more than 1 day"
    assert rules.quiet_for(1000) == "Nothing heard for more than 1,000 days"


def test_the_list_stage_filter_shows_the_stored_rules(qtbot: QtBot, sqlite_db: Database) -> None:
    with sqlite_db.unit_of_work() as session:
        save_settings(session, StageThresholds(repeat_after_visits=5, lapsed_after_days=730))
    page = CustomersPage(AppContext(sqlite_db), QUndoStack())
    qtbot.addWidget(page)
    combo = page.stage_combo
    assert page.stage_tips.rules is None  # nothing read while the window opens
    QApplication.sendEvent(combo, QEvent(QEvent.Type.Enter))  # the pointer reaches it
    tips = {combo.itemData(i): combo.itemData(i, Qt.ItemDataRole.ToolTipRole)
            for i in range(combo.count())}
    assert _plain(tips["repeat"]) == "Repeat / At least 5 visits"
    assert _plain(tips["lapsed"]) == "Lapsed / Nothing heard for more than 2 years"
    assert all(tips[stage] for stage in ("prospect", "new", "advocate"))
    combo.setCurrentIndex(combo.findData("repeat"))
    assert _plain(combo.toolTip()) == "Repeat / At least 5 visits"
