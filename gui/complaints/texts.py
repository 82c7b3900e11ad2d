"""The words for complaints and promises: severities, statuses, how long, early or late."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale, QObject

from core.complaints.types import (
    CLOSED,
    EARLY,
    HIGH,
    IN_PROGRESS,
    LATE,
    LOW,
    NORMAL,
    ON_TIME,
    OPEN,
    RESOLVED,
    WAITING,
    PromiseRow,
)

from gui.shell.wording import with_count
from gui.widgets.conflict_dialog import shown_value


def _tr(text: str) -> str:
    return QCoreApplication.translate("ComplaintTexts", text)


def complaint_value_label(name: str) -> str:
    """A value of a complaint as the forms name it (for the conflict dialog)."""
    return {"summary": _tr("What happened"), "severity": _tr("Severity"),
            "owner": _tr("Owner"), "status": _tr("Status"),
            "resolution": _tr("What was done (or why it was closed)"),
            "satisfied": _tr("Customer satisfied")}.get(name, name)


def complaint_value_text(name: str, value: object) -> str:
    """A complaint's value in words: its status, severity, whether they were satisfied."""
    if name == "status":
        return status_text(str(value))
    if name == "severity":
        return severity_text(str(value))
    if name == "satisfied" and value is None:
        return _tr("Not asked")
    return shown_value(value)


def severity_text(severity: str) -> str:
    return {LOW: _tr("Low"), NORMAL: _tr("Normal"), HIGH: _tr("High")}.get(severity, severity)


def status_text(status: str) -> str:
    return {OPEN: _tr("Open"), IN_PROGRESS: _tr("In progress"),
            WAITING: _tr("Waiting on the customer"), RESOLVED: _tr("Resolved"),
            CLOSED: _tr("Closed without resolution")}.get(status, status)


class ComplaintCounts(QObject):
    """Sentences with a count (lupdate marks plural strings only in a class's tr() calls)."""

    def days(self, n: int, locale: QLocale) -> str:
        return with_count(self.tr("%1 day(s)", "", n), n, locale)

    def hours(self, n: int, locale: QLocale) -> str:
        return with_count(self.tr("%1 hour(s)", "", n), n, locale)

    def minutes(self, n: int, locale: QLocale) -> str:
        return with_count(self.tr("%1 minute(s)", "", n), n, locale)

    def days_late(self, n: int, locale: QLocale) -> str:
        return with_count(self.tr("%1 day(s) late", "", n), n, locale)

    def days_early(self, n: int, locale: QLocale) -> str:
        return with_count(self.tr("%1 day(s) early", "", n), n, locale)

    def days_overdue(self, n: int, locale: QLocale) -> str:
        return with_count(self.tr("%1 day(s) overdue", "", n), n, locale)

    def open_complaints(self, n: int, locale: QLocale) -> str:
        return with_count(self.tr("%1 open complaint(s)", "", n), n, locale)

    def promises_due(self, n: int, locale: QLocale) -> str:
        return with_count(self.tr("%1 promise(s) due", "", n), n, locale)


COUNTS = ComplaintCounts()


def duration_text(span: dt.timedelta, locale: QLocale | None = None) -> str:
    """"3 days", "5 hours", "20 minutes": the largest whole unit, for ages and figures."""
    locale = locale or QLocale()
    minutes = int(span.total_seconds() // 60)
    if minutes >= 48 * 60:
        return COUNTS.days(round(minutes / (24 * 60)), locale)
    if minutes >= 120:
        return COUNTS.hours(round(minutes / 60), locale)
    return COUNTS.minutes(max(0, minutes), locale)


def promise_state_text(row: PromiseRow, today: dt.date, format_day: Callable[[dt.date], str],
                       locale: QLocale | None = None) -> str:
    """"Kept 2 days early", "Kept on time", "Kept 3 days late", "Due today", "2 days
    overdue", or the day it is due."""
    locale = locale or QLocale()
    if row.kept == EARLY:
        return _tr("Kept %1").replace("%1", COUNTS.days_early(
            (row.due_on - (row.kept_on or row.due_on)).days, locale))
    if row.kept == ON_TIME:
        return _tr("Kept on time")
    if row.kept == LATE:
        return _tr("Kept %1").replace("%1", COUNTS.days_late(row.days_late(today), locale))
    if row.due_on == today:
        return _tr("Due today")
    if row.due_on < today:
        return COUNTS.days_overdue(row.days_late(today), locale)
    return _tr("Due %1").replace("%1", format_day(row.due_on))
