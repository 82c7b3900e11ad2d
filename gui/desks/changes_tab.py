"""The "Changes" tab of the customer record: who changed what, at which desk, and when
("Phone, Notes changed by Sam at Front desk, 2 Dec 2026 10:42"), including the imports
and merges that changed the customer ("Updated by the import of clients.csv: Phone")."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from core.desks.types import (
    IMPORT_ADDED,
    IMPORT_UNDONE,
    IMPORT_UPDATED,
    IMPORT_VISITS,
    MERGED,
    UNMERGED,
    ChangeRow,
)

from gui.customers.texts import record_field_label
from gui.widgets.text_table import TextTableModel, read_only_view

COL_WHEN, COL_WHO, COL_WHAT = range(3)


class ChangesTab(QWidget):
    def __init__(self, locale: QLocale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._locale = locale
        self.model = TextTableModel([self.tr("When"), self.tr("Who, where"),
                                     self.tr("What changed")], self)
        self.table = read_only_view(self.model)
        self.empty_label = QLabel(self.tr(
            "Nobody has changed this record since it was added. Each save, import and merge "
            "is listed here with who made it and at which desk."))
        self.empty_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)

    def set_rows(self, rows: Sequence[ChangeRow]) -> None:
        self.empty_label.setVisible(not rows)
        self.model.set_rows([(self.when_text(row.at), self.who_text(row), self.what_text(row))
                             for row in rows])
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(COL_WHAT,
                                                           QHeaderView.ResizeMode.Stretch)

    def when_text(self, at: dt.datetime) -> str:
        moment = QDateTime(QDate(at.year, at.month, at.day), QTime(at.hour, at.minute))
        return self._locale.toString(moment, QLocale.FormatType.ShortFormat)

    def who_text(self, row: ChangeRow) -> str:
        if row.person and row.desk:
            return self.tr("%1 at %2").replace("%1", row.person).replace("%2", row.desk)
        # Imports from before desks recorded who ran them.
        return row.person or row.desk or self.tr("Not recorded")

    def what_text(self, row: ChangeRow) -> str:
        """The customer's own values as they are named; a record of theirs (a visit, a
        complaint, a testimonial...) first says which; an import names its file, a merge
        the other record."""
        if bulk := self.bulk_text(row):
            return bulk
        record = self.record_noun(row.kind)
        if row.fields == ("deleted",):
            return self.tr("%1 removed").replace("%1", record) if record \
                else self.tr("Removed")
        names = ", ".join(field_label(name) for name in _shown_fields(row.fields))
        return f"{record}: {names}" if record else names

    def bulk_text(self, row: ChangeRow) -> str:
        """What an import or a merge did to the customer ("" for a save of a record)."""
        texts = {
            IMPORT_ADDED: self.tr("Added by the import of %1"),
            IMPORT_UPDATED: self.tr("Updated by the import of %1: %2"),
            IMPORT_VISITS: self.tr("Visits and purchases added by the import of %1"),
            IMPORT_UNDONE: self.tr("The import of %1 was undone"),
            MERGED: self.tr("Merged with %1 (the other record of this person)"),
            UNMERGED: self.tr("The merge with %1 was undone"),
        }
        text = texts.get(row.kind, "")
        names = ", ".join(field_label(name) for name in _shown_fields(row.fields))
        return text.replace("%2", names).replace("%1", row.about)

    def record_noun(self, kind: str) -> str:
        """What a record of the customer's is called ("" for the customer themself)."""
        return {"interactions": self.tr("A visit or purchase"),
                "complaints": self.tr("A complaint"), "promises": self.tr("A promise"),
                "meetings": self.tr("Meeting notes"), "testimonials": self.tr("A testimonial"),
                "council_members": self.tr("A council seat")}.get(kind, "")


def field_label(field: str) -> str:
    """A value of the customer's or of one of their records, as a person names it."""
    words = {
        "summary": _tr("Summary"), "severity": _tr("Severity"), "owner": _tr("Owner"),
        "due_on": _tr("Due"), "status": _tr("Status"), "resolution": _tr("Resolution"),
        "satisfied": _tr("Customer satisfied"), "what": _tr("What was promised"),
        "kept_on": _tr("Kept"), "met_on": _tr("Date"), "subject": _tr("Subject"),
        "attendees": _tr("Attendees"), "points": _tr("Points discussed"),
        "agreed": _tr("Agreed"), "sent_on": _tr("Sent"), "words": _tr("Words"),
        "edited_words": _tr("Edited words"), "rating": _tr("Rating"),
        "given_on": _tr("Given on"), "how_given": _tr("How given"),
        "captured_by": _tr("Captured by"), "incentive": _tr("Incentive"),
        "release_state": _tr("Release"), "channels": _tr("Channels"),
        "naming": _tr("Name shown as"), "photo_allowed": _tr("Photo allowed"),
        "editing_allowed": _tr("Editing allowed"), "release_until": _tr("Release until"),
        "revoke_reason": _tr("Why revoked"), "role": _tr("Role"),
        "charter_accepted_on": _tr("Charter accepted"),
        # What an import adds besides values (core.interchange.additions).
        "contacts": _tr("Other emails and phones"), "consent": _tr("Marketing consent"),
        "external_ids": _tr("Id in the other program"),
    }
    return words.get(field) or record_field_label(field)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChangesTab", text)


def _shown_fields(fields: Sequence[str]) -> list[str]:
    """The birthday's three columns read as one "Birthday"."""
    shown: list[str] = []
    for name in fields:
        name = "birthday" if name.startswith("birthday_") else name
        if name not in shown:
            shown.append(name)
    return shown
