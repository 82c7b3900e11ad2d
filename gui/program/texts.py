"""Today's words: section titles, what each gesture is, counters and the quiet day."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QObject

from core.program.types import DONE, DUE, MISSED, OVERDUE, SKIPPED, SNOOZED, UPCOMING, ActionRow

from gui.shell.wording import with_count


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("TodayTexts", text, None, n)


def section_title(state: str) -> str:
    return {
        OVERDUE: _tr("Overdue"),
        DUE: _tr("Due today"),
        UPCOMING: _tr("Coming up this week"),
        SNOOZED: _tr("Snoozed"),
        MISSED: _tr("Missed"),
        DONE: _tr("Done this week"),
        SKIPPED: _tr("Skipped this week"),
    }.get(state, state)


def gesture_text(row: ActionRow) -> str:
    """What to do, in the owner's words: "Birthday card", "Follow-up call"; a gesture made
    for two occasions names both ("Birthday card, with anniversary card")."""
    text = rule_gesture_text(row.rule, row.gesture)
    if row.joined:
        others = ", ".join(rule_gesture_text(j.rule, "").lower() for j in row.joined)
        text = _tr("%1, with %2").replace("%1", text).replace("%2", others)
    if row.printed:
        text = _tr("%1 (printed, not sent yet)").replace("%1", text)
    return text


def printed_hint() -> str:
    return _tr("Printed: mark its batch sent (Cards & letters, or the dialog after printing) "
               "once it is posted, and this is done.")


def section_heading(state: str, shown: int, total: int, locale: QLocale) -> str:
    """"Overdue (284)", or when only the first were read: "Overdue (22,588; the oldest 400
    shown)"."""
    if total <= shown:
        return f"{section_title(state)} ({locale.toString(total)})"
    return _tr("%1 (%2; the oldest %3 shown)").replace("%1", section_title(state)).replace(
        "%2", locale.toString(total)).replace("%3", locale.toString(shown))


def rule_gesture_text(rule: str, gesture: str) -> str:
    names = {
        "welcome": _tr("Thank-you card"),
        "birthday": _tr("Birthday card"),
        "anniversary": _tr("Anniversary card"),
        "life_event": _tr("Congratulations card"),
        "milestone": _tr("Milestone card"),
        "referral": _tr("Referral thank-you card"),
        "lapsed": _tr("“We miss you” letter"),
        "after_sale": _tr("Follow-up call"),
        "complaint_resolved": _tr("Call after a complaint"),
        "meeting_notes": _tr("Send meeting notes"),
        "detractor": _tr("Call back an unhappy customer"),
        "promoter": _tr("Call to ask for their story"),
        "check_in": _tr("Check-in call"),
        "council_meeting": _tr("Council meeting invitation"),
        "council_notes": _tr("Council meeting notes"),
        "council_term_end": _tr("Council letter: stay on, or thank you"),
        "release_reconfirm": _tr("Re-confirm a testimonial"),
        "release_form_back": _tr("Ask for the signed release form"),
        "takedown": _tr("Take a testimonial down"),
    }
    if rule in names:
        return names[rule]
    return {"card": _tr("Card"), "letter": _tr("Letter"), "call": _tr("Call"),
            "task": _tr("To do")}.get(
        gesture, rule.replace("_", " ").capitalize())


class TodayCounts(QObject):
    """Sentences with a count (lupdate marks plural strings only in a class's tr() calls)."""

    def days_late(self, n: int, locale: QLocale) -> str:
        return with_count(self.tr("%1 day(s) late", "", n), n, locale)

    def quiet_day(self, upcoming: int, locale: QLocale) -> str:
        return with_count(self.tr("Nothing is due today. %1 gesture(s) coming up this week, "
                                  "listed below.", "", upcoming), upcoming, locale)


_COUNTS = TodayCounts()


def lateness_text(row: ActionRow, locale: QLocale | None = None) -> str:
    if row.days_late <= 0:
        return ""
    return _COUNTS.days_late(row.days_late, locale or QLocale())


def counters_text(due: int, overdue: int, done: int, on_time: float | None,
                  locale: QLocale) -> str:
    share = "–" if on_time is None else f"{round(on_time * 100)} %"
    return "    ".join([
        _tr("Due today: %1").replace("%1", locale.toString(due)),
        _tr("Overdue: %1").replace("%1", locale.toString(overdue)),
        _tr("Done this week: %1").replace("%1", locale.toString(done)),
        _tr("Made on time (last 90 days): %1").replace("%1", share),
    ])


def quiet_day_text(upcoming: int, locale: QLocale | None = None) -> str:
    if upcoming == 0:
        return _tr("Nothing is due today, and nothing is coming up this week. "
                   "New customers, birthdays and milestones will appear here as they come.")
    return _COUNTS.quiet_day(upcoming, locale or QLocale())
