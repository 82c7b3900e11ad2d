"""File > Appreciation Program…: each rule switched on or off, with its timings, in words.

The fields and their defaults are declared once, in core.program.settings.ProgramSettings;
this dialog only names them for people.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.complaints.types import ComplaintSettings
from core.program.settings import FEB_28, MAR_1, ProgramSettings
from core.settings.services import get_settings, save_settings, settings_version

from gui.complaints.settings_box import ComplaintDaysBox
from gui.program.dates import day_and_month
from gui.shell.context import AppContext
from gui.widgets.conflict_dialog import saved_despite_other_desks, shown_value
from gui.widgets.discard_prompt import DiscardPrompt

# (rule, what it does, how its due day is counted, -1 where it is counted before the day)
RULES = (
    ("welcome", "Thank every new customer (card)", "days after the first visit", 1),
    ("after_sale", "Call after a large purchase", "days after the purchase", 1),
    ("birthday", "Birthday card", "days before the birthday", -1),
    ("anniversary", "Card on the anniversary of the first visit",
     "days before the anniversary", -1),
    ("life_event", "Congratulations on a life event (card)", "days after the event", 1),
    ("milestone", "10th, 25th, 50th and 100th visit (card)", "days after the visit", 1),
    ("referral", "Thank whoever referred a new customer (card)",
     "days after the new customer came", 1),
    ("lapsed", "“We miss you” letter when someone stops coming",
     "days after they count as lapsed", 1),
    ("complaint_resolved", "Call after a complaint is resolved: are they happy now?",
     "days after it was resolved", 1),
    ("meeting_notes", "Remind me when a meeting's notes are not sent",
     "days after the meeting", 1),
    ("detractor", "Call back an unhappy answer (0–6 out of 10, or 1–2 out of 5)",
     "days after the answer", 1),
    ("promoter", "Ask someone who would recommend us (9–10) for their story (call)",
     "days after the answer", 1),
    ("check_in", "Check in with a new customer: did we deliver? (call)",
     "days after the first visit", 1),
    ("council_meeting", "Invite the council to its next meeting (letters)",
     "days before the meeting", -1),
    ("council_notes", "Send the council its meeting notes (letters)",
     "days after the meeting", 1),
    ("council_term_end", "Ask council members to stay on, or thank them (letters)",
     "days before the term ends", -1),
    ("release_reconfirm", "Ask whether a customer still stands by their testimonial (call)",
     "days before the release ends", -1),
    ("release_form_back", "Ask for a testimonial release form not returned (call)",
     "days after the form was printed", 1),
    ("takedown", "Take down a testimonial whose release ended",
     "days after the release ended", 1),
)


class ProgramSettingsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(self.tr("Appreciation Program"))
        self._stored, self._version = context.read(_program_settings)
        self.switches: dict[str, QCheckBox] = {}
        self.due: dict[str, QSpinBox] = {}
        self.late: dict[str, QSpinBox] = {}

        rules = QGroupBox(self.tr("Gestures"))
        grid = QGridLayout(rules)
        grid.addWidget(QLabel(self.tr("<b>Due</b>")), 0, 1, 1, 2)
        grid.addWidget(QLabel(self.tr("<b>Still worth making up to</b>")), 0, 3)
        self._signs: dict[str, int] = {}
        for row, (key, what, due_words, sign) in enumerate(RULES, 1):
            switch = QCheckBox(what)
            due = QSpinBox()
            due.setRange(0, 60)
            self._signs[key] = sign
            late = QSpinBox()
            late.setRange(0, 365)
            late.setSuffix(self.tr(" days late"))
            self.switches[key], self.due[key], self.late[key] = switch, due, late
            grid.addWidget(switch, row, 0)
            grid.addWidget(due, row, 1)
            grid.addWidget(QLabel(due_words), row, 2)
            grid.addWidget(late, row, 3)
            switch.toggled.connect(due.setEnabled)
            switch.toggled.connect(late.setEnabled)

        self.cap = QSpinBox()
        self.cap.setRange(0, 90)
        self.cap.setSuffix(self.tr(" days"))
        self.leap = QComboBox()
        locale = QLocale()  # the business's, set when the window opened
        self.leap.addItem(day_and_month(locale, 2, 28), FEB_28)
        self.leap.addItem(day_and_month(locale, 3, 1), MAR_1)
        self.show_settings(self._stored)
        more = QGroupBox(self.tr("For every customer"))
        lines = QVBoxLayout(more)
        cap_line = QHBoxLayout()
        cap_line.addWidget(QLabel(self.tr("At most one card or letter per customer in")))
        cap_line.addWidget(self.cap)
        cap_line.addWidget(QLabel(self.tr("(cards that fall closer together are sent as one)")))
        cap_line.addStretch(1)
        leap_line = QHBoxLayout()
        leap_line.addWidget(QLabel(self.tr("Birthdays on %1 fall in other years on")
                                   .replace("%1", day_and_month(locale, 2, 29))))
        leap_line.addWidget(self.leap)
        leap_line.addStretch(1)
        lines.addLayout(cap_line)
        lines.addLayout(leap_line)

        complaint_days, self._complaint_version = context.read(_complaint_settings)
        self.complaint_days = ComplaintDaysBox(complaint_days)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not context.read_only)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("Switching a gesture on never floods Today with old occasions: "
                              "only those still worth making are listed."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(rules)
        layout.addWidget(more)
        layout.addWidget(self.complaint_days)
        layout.addWidget(buttons)
        self.discard_prompt = DiscardPrompt(
            self, is_dirty=lambda: (self.chosen() != self._stored
                                    or self.complaint_days.chosen() != self.complaint_days.stored),
            save=self.save,
            can_save=lambda: not context.read_only)

    def show_settings(self, values: ProgramSettings) -> None:
        for key, switch in self.switches.items():
            switch.setChecked(getattr(values, f"{key}_on"))
            self.due[key].setValue(self._signs[key] * getattr(values, f"{key}_due_days"))
            self.late[key].setValue(getattr(values, f"{key}_late_days"))
            self.due[key].setEnabled(switch.isChecked())
            self.late[key].setEnabled(switch.isChecked())
        self.cap.setValue(values.cards_at_most_every_days)
        self.leap.setCurrentIndex(max(0, self.leap.findData(values.leap_day_birthdays)))

    def setting_label(self, name: str) -> str:
        """A setting as the dialog names it ("Birthday card: due")."""
        for key, what, _due_words, _sign in RULES:
            part = {f"{key}_on": self.tr("on or off"), f"{key}_due_days": self.tr("due"),
                    f"{key}_late_days": self.tr("still worth making up to")}.get(name)
            if part is not None:
                return f"{what}: {part}"
        return {"cards_at_most_every_days": self.tr("At most one card or letter per customer in"),
                "leap_day_birthdays": self.tr("Birthdays on 29 February fall in other years on"),
                "high_due_days": self.tr("Complaints: days to put a high one right"),
                "normal_due_days": self.tr("Complaints: days to put a normal one right"),
                "low_due_days": self.tr("Complaints: days to put a low one right"),
                }.get(name, name.replace("_", " "))

    def shown_setting(self, name: str, value: Any) -> str:
        if name.endswith("_on") and isinstance(value, bool):
            return self.tr("On") if value else self.tr("Off")
        if name.endswith("_days") and isinstance(value, int):
            days = self.tr("%n day(s)", "", abs(value))
            words = next((due_words.removeprefix("days ") for key, _what, due_words, _sign
                          in RULES if name == f"{key}_due_days"), "")
            return f"{days} {words}" if words else days  # "14 days before the birthday"
        if name == "leap_day_birthdays":
            return self.leap.itemText(max(0, self.leap.findData(value)))
        return shown_value(value)

    def chosen(self) -> ProgramSettings:
        values: dict[str, Any] = {}
        for key in self.switches:
            values[f"{key}_on"] = self.switches[key].isChecked()
            values[f"{key}_due_days"] = self._signs[key] * self.due[key].value()
            values[f"{key}_late_days"] = self.late[key].value()
        values["cards_at_most_every_days"] = self.cap.value()
        values["leap_day_birthdays"] = self.leap.currentData()
        return replace(self._stored, **values)

    def save(self) -> None:
        """Save both parts; what another desk saved meanwhile is merged, or asked about.
        The dialog stays open (everything chosen kept) when the person cancels a question."""
        saved = saved_despite_other_desks(
            self, lambda: self._context.run(save_settings, self.chosen(), base=self._stored,
                                            base_version=self._version),
            self.tr("the appreciation program"), self.setting_label, self._take_choice,
            self.shown_setting)
        if saved is None:
            return
        self._stored = saved
        if self.complaint_days.chosen() != self.complaint_days.stored:
            days = saved_despite_other_desks(
                self, lambda: self._context.run(
                    save_settings, self.complaint_days.chosen(),
                    base=self.complaint_days.stored, base_version=self._complaint_version),
                self.tr("the complaint days"), self.setting_label,
                self._take_complaint_choice, self.shown_setting)
            if days is None:
                return
            self.complaint_days.stored = days
        self.accept()

    def _take_choice(self, chosen: ProgramSettings, theirs: ProgramSettings,
                     version: int) -> None:
        self.show_settings(chosen)
        self._stored, self._version = theirs, version

    def _take_complaint_choice(self, chosen: ComplaintSettings, theirs: ComplaintSettings,
                               version: int) -> None:
        self.complaint_days.show_days(chosen)
        self.complaint_days.stored, self._complaint_version = theirs, version

    def reject(self) -> None:
        if self.discard_prompt.may_close():
            super().reject()


def _program_settings(session: Any) -> tuple[ProgramSettings, int]:
    return get_settings(session, ProgramSettings), settings_version(session, ProgramSettings)


def _complaint_settings(session: Any) -> tuple[ComplaintSettings, int]:
    return (get_settings(session, ComplaintSettings),
            settings_version(session, ComplaintSettings))
