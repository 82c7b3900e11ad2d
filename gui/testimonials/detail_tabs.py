"""The lower half of a testimonial's detail: where it is used (with the take-down
tick-offs), its files, and its history (who changed what, when: the proof of consent)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.testimonials.types import ENDED, AttachmentRow, HistoryEntry, UseRow

from gui.printing.texts import fill
from gui.testimonials.texts import (
    STATE_COLOURS,
    attachment_kind_text,
    channel_text,
    event_text,
    history_detail_text,
    place_kind_text,
)
from gui.widgets.fields import moment_text
from gui.widgets.text_table import RowLook, TextTableModel, read_only_view

USE_KIND, USE_WHERE, USE_CHANNEL, USE_SINCE, USE_STATUS = range(5)
FILE_KIND, FILE_NAME, FILE_SIZE, FILE_ADDED = range(4)
HISTORY_WHEN, HISTORY_WHO, HISTORY_WHAT, HISTORY_DETAILS = range(4)
TAKE_DOWN_COLOUR = QColor(STATE_COLOURS[ENDED[0]])


def _stretch_last(view: QTableView, *, wrap: bool = False) -> None:
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(view.model().columnCount() - 1, QHeaderView.ResizeMode.Stretch)
    view.setWordWrap(wrap)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    # Rows as high as a line of text needs: a laptop's screen shows more of them.
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    if wrap:
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


class UsesTab(QWidget):
    """Every place the testimonial has been used; once its release has ended, those still
    up are shown in red as "Take down", and Taken Down ticks the chosen one off."""

    def __init__(self, format_day: Callable[[dt.date], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._format_day = format_day
        self.uses: list[UseRow] = []
        self.release_ended = False
        self.model = TextTableModel([self.tr("What"), self.tr("Where"), self.tr("Counts as"),
                                     self.tr("Since"), self.tr("Now")], self)
        self.table = read_only_view(self.model)
        _stretch_last(self.table)
        self.table.horizontalHeader().setSectionResizeMode(USE_WHERE,
                                                           QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            USE_STATUS, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel(self.tr(
            "Not used anywhere yet. Once the release is signed, log each place you use it "
            "(a web page, a flyer, a post): if the customer ever withdraws, this is the "
            "list of what to take down."))
        self.empty_label.setWordWrap(True)
        self.log_use_button = QPushButton(self.tr("Log a Use…"))
        self.taken_down_button = QPushButton(self.tr("Taken Down"))
        self.taken_down_button.setToolTip(self.tr(
            "Tick off the chosen place: the testimonial is no longer shown there"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.log_use_button)
        buttons.addWidget(self.taken_down_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())

    def set_uses(self, uses: Sequence[UseRow], *, release_ended: bool) -> None:
        self.uses = list(uses)
        self.release_ended = release_ended
        rows, looks = [], []
        for use in uses:
            rows.append((place_kind_text(use.place_kind), use.where, channel_text(use.channel),
                         self._format_day(use.started_on), self.status_text(use)))
            looks.append(RowLook(foreground=TAKE_DOWN_COLOUR)
                         if self.must_come_down(use) else None)
        self.model.set_rows(rows, looks=looks)
        self.empty_label.setVisible(not uses)
        self.update_buttons()

    def must_come_down(self, use: UseRow) -> bool:
        return self.release_ended and use.removed_on is None

    def status_text(self, use: UseRow) -> str:
        if use.removed_on is not None:
            text = fill(self.tr("Taken down %1"), self._format_day(use.removed_on))
            return f"{text} ({use.removed_by})" if use.removed_by else text
        return self.tr("Take down") if self.release_ended else self.tr("In use")

    def chosen_use(self) -> UseRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.uses[rows[0].row()] if rows and rows[0].row() < len(self.uses) else None

    def update_buttons(self) -> None:
        chosen = self.chosen_use()
        self.taken_down_button.setEnabled(chosen is not None and chosen.removed_on is None)


class FilesTab(QWidget):
    """The photo, recording and scanned signed form, kept in the data folder."""

    def __init__(self, locale: QLocale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._locale = locale
        self.attachments: list[AttachmentRow] = []
        self.model = TextTableModel([self.tr("What"), self.tr("File"), self.tr("Size"),
                                     self.tr("Added")], self)
        self.table = read_only_view(self.model)
        _stretch_last(self.table)
        self.empty_label = QLabel(self.tr(
            "No files. Attach a photo, a recording, or the scan of the signed form: a copy "
            "is kept with Regulars' data and goes into its backups."))
        self.empty_label.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open"))
        self.attach_button = QPushButton(self.tr("Attach…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.attach_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.open_button.setEnabled(self.chosen() is not None))
        self.table.doubleClicked.connect(lambda _index: self.open_button.click())

    def set_attachments(self, attachments: Sequence[AttachmentRow]) -> None:
        self.attachments = list(attachments)
        self.model.set_rows([
            (attachment_kind_text(a.kind), a.file_name,
             self._locale.formattedDataSize(a.size_bytes),
             f"{moment_text(self._locale, a.added_at)} ({a.added_by})" if a.added_by
             else moment_text(self._locale, a.added_at))
            for a in attachments], right_aligned=(FILE_SIZE,))
        self.empty_label.setVisible(not attachments)
        self.open_button.setEnabled(False)

    def chosen(self) -> AttachmentRow | None:
        rows = self.table.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self.attachments):
            return self.attachments[rows[0].row()]
        return None


class HistoryTab(QWidget):
    """Every change, oldest first, with who made it: the record of consent."""

    def __init__(self, locale: QLocale, format_day: Callable[[dt.date], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._locale = locale
        self._format_day = format_day
        self.model = TextTableModel([self.tr("When"), self.tr("Who"), self.tr("What"),
                                     self.tr("Details")], self)
        self.table = read_only_view(self.model)
        _stretch_last(self.table, wrap=True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        note = QLabel(self.tr(
            "Kept for good, with who made each change: this is the proof of the customer's "
            "consent."))
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)

    def set_history(self, history: Sequence[HistoryEntry]) -> None:
        self.model.set_rows([
            (moment_text(self._locale, entry.at), entry.by, event_text(entry.event),
             history_detail_text(entry.event, entry.detail, self._format_day))
            for entry in history])
        self.table.resizeRowsToContents()
