"""What each stage means, in the words of the shop's own rules: the tooltips of the stage
choices ("Repeat" over "At least 2 visits"), written from the stored StageThresholds.

The thresholds are read when someone first reaches for a stage choice, not when the
window opens: reading settings loads the ORM, which the first paint does without.
"""
from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QEvent, QLocale, QObject, Qt
from PySide6.QtWidgets import QComboBox

from core.customers.stages import ADVOCATE, LAPSED, NEW, PROSPECT, REPEAT, StageThresholds

from gui.customers.texts import stage_label
from gui.shell.context import AppContext
from gui.shell.wording import with_count


class StageRules(QObject):
    """Sentences for the stages under a set of thresholds."""

    def __init__(self, thresholds: StageThresholds, parent: QObject | None = None, *,
                 locale: QLocale | None = None) -> None:
        super().__init__(parent)
        self.thresholds = thresholds
        self._locale = locale or QLocale()  # the shop's, set as the default at start

    def _count(self, translated: str, n: int) -> str:
        return with_count(translated, n, self._locale)

    def rule(self, stage: str) -> str:
        """Why a customer is at `stage` ("At least 5 visits"); "" for an unknown stage."""
        t = self.thresholds
        visits, referrals = t.repeat_after_visits, t.advocate_after_referrals
        if stage == PROSPECT:
            return self.tr("No visit or purchase yet")
        if stage == NEW:
            if visits <= 2:
                return self.tr("One visit or purchase so far")
            return self._count(self.tr("Fewer than %1 visit(s) so far", "", visits), visits)
        if stage == REPEAT:
            return self._count(self.tr("At least %1 visit(s)", "", visits), visits)
        if stage == ADVOCATE:
            return self._count(self.tr("Referred at least %1 customer(s)", "", referrals),
                              referrals)
        if stage == LAPSED:
            return self.quiet_for(t.lapsed_after_days)
        return ""

    def quiet_for(self, days: int) -> str:
        """The lapsed rule in the largest unit that is exact: years, months, weeks, days."""
        if days % 365 == 0:
            years = days // 365
            return self._count(self.tr("Nothing heard for more than %1 year(s)", "", years),
                              years)
        if days % 30 == 0:
            months = days // 30
            return self._count(self.tr("Nothing heard for more than %1 month(s)", "", months),
                              months)
        if days % 7 == 0:
            weeks = days // 7
            return self._count(self.tr("Nothing heard for more than %1 week(s)", "", weeks),
                              weeks)
        return self._count(self.tr("Nothing heard for more than %1 day(s)", "", days), days)

    def tooltip(self, stage: str) -> str:
        """The stage's name in bold over its rule ("Repeat" / "At least 2 visits"), as a
        stage choice's tooltip (rich text)."""
        rule = self.rule(stage)
        return (f"<b>{escape(stage_label(stage))}</b><br><nobr>{escape(rule)}</nobr>"
                if rule else "")


class StageChoiceTips(QObject):
    """Puts each stage's rule on its item in a combo box (items whose data is a stage
    code), and the chosen stage's rule on the box itself, once the rules are first
    needed: the box is hovered, clicked or reached with the keyboard."""

    _TRIGGERS = frozenset({QEvent.Type.ToolTip, QEvent.Type.MouseButtonPress,
                           QEvent.Type.KeyPress, QEvent.Type.FocusIn, QEvent.Type.Enter})

    def __init__(self, combo: QComboBox, load: Callable[[], StageThresholds]) -> None:
        super().__init__(combo)
        self._combo = combo
        self._load = load
        self.rules: StageRules | None = None
        combo.installEventFilter(self)
        combo.currentIndexChanged.connect(self._show_current)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.rules is None and event.type() in self._TRIGGERS:
            self.explain()
        return False

    def explain(self) -> None:
        """Read the thresholds (once) and write every stage choice's tooltip."""
        if self.rules is None:
            self.rules = StageRules(self._load(), self)
            self._combo.removeEventFilter(self)
        for index in range(self._combo.count()):
            stage = self._combo.itemData(index)
            if isinstance(stage, str) and stage:
                self._combo.setItemData(index, self.rules.tooltip(stage),
                                        Qt.ItemDataRole.ToolTipRole)
        self._show_current()

    def _show_current(self) -> None:
        if self.rules is None:
            return
        stage = self._combo.currentData()
        self._combo.setToolTip(self.rules.tooltip(stage) if isinstance(stage, str) and stage
                               else self.tr("Choose a stage to see its rule"))


def explain_stage_choices(combo: QComboBox, context: AppContext) -> StageChoiceTips:
    """Tooltips with the shop's stage rules on `combo`'s stage choices."""
    def load() -> StageThresholds:
        from core.settings.services import get_settings

        thresholds: StageThresholds = context.read(get_settings, StageThresholds)
        return thresholds

    return StageChoiceTips(combo, load)
