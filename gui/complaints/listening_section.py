"""The Listening page's complaints and promises (a section of gui.listening.page): the
figures over the last 90 days (each with its formula in a tooltip), the complaints still
open by age, and the promises due."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QHeaderView, QLabel, QTableView, QWidget

from core.complaints.types import (
    FIGURE_DAYS,
    ComplaintRow,
    ListeningFigures,
    PromiseRow,
    Spread,
)
from core.kernel.changes import Changes
from core.program.clock import shop_today

from gui.complaints.alive import while_alive
from gui.complaints.texts import duration_text, promise_state_text, severity_text, status_text
from gui.listening.section import ListeningSection
from gui.program.dates import short_date_formatter
from gui.shell.context import AppContext
from gui.widgets.text_table import RowLook, TextTableModel, read_only_view

_LATE = QColor("#b91c1c")


@dataclass(frozen=True)
class ListeningComplaints:
    figures: ListeningFigures
    complaints: tuple[ComplaintRow, ...]
    promises: tuple[PromiseRow, ...]


def read_listening_complaints(session: Any, today: dt.date) -> ListeningComplaints:
    from core.complaints.queries import listening_figures, promises_due, unresolved_complaints

    return ListeningComplaints(listening_figures(session, today),
                               unresolved_complaints(session), promises_due(session, today))


class ComplaintsListeningSection(ListeningSection):
    def __init__(self, context: AppContext, locale: QLocale, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = shop_today) -> None:
        super().__init__(context, locale, self.tr("Complaints and promises"), parent)
        self._context = context
        self._locale = locale
        self._format_day = short_date_formatter(locale)
        self._today = today
        self.shown: ListeningComplaints | None = None
        self.first_response_label = QLabel()
        self.resolve_label = QLabel()
        self.promises_label = QLabel()
        self.first_response_label.setToolTip(self.tr(
            "Time to first response: from the moment a complaint is opened to its first move "
            "(in progress, waiting on the customer, resolved or closed), over the complaints "
            "opened in the last %1 days. Median: the middle one; 90th percentile: 9 in 10 "
            "were answered at least this fast.").replace("%1", str(FIGURE_DAYS)))
        self.resolve_label.setToolTip(self.tr(
            "Time to resolve: from opening to resolution, less the time spent waiting on the "
            "customer, over the complaints resolved in the last %1 days (those closed without "
            "resolution are not counted). Median: the middle one; 90th percentile: 9 in 10 "
            "were resolved at least this fast.").replace("%1", str(FIGURE_DAYS)))
        self.promises_label.setToolTip(self.tr(
            "Promises kept on time = promises kept on or before their day ÷ promises due in "
            "the last %1 days (up to yesterday; one not kept counts as late).").replace(
            "%1", str(FIGURE_DAYS)))
        figures = QGridLayout()
        figures.setHorizontalSpacing(28)
        for column, (caption, label) in enumerate((
                (self.tr("First response"), self.first_response_label),
                (self.tr("Time to resolve"), self.resolve_label),
                (self.tr("Promises kept on time"), self.promises_label))):
            caption_label = QLabel(caption)
            caption_label.setStyleSheet("color: palette(mid);")
            caption_label.setToolTip(label.toolTip())
            label.setStyleSheet("font-size: 12pt; font-weight: 600;")
            figures.addWidget(caption_label, 0, column)
            figures.addWidget(label, 1, column)
        figures.setColumnStretch(3, 1)
        self.period_label = QLabel(self.tr("Over the last %1 days; hover over a figure for "
                                           "how it is worked out.").replace(
            "%1", str(FIGURE_DAYS)))
        self.period_label.setStyleSheet("color: palette(mid);")

        self.complaints_model = TextTableModel(
            [self.tr("Open for"), self.tr("Customer"), self.tr("What happened"),
             self.tr("Severity"), self.tr("Status"), self.tr("Put right by"), self.tr("Owner")],
            self)
        self.complaints_table = read_only_view(self.complaints_model)
        self.complaints_table.doubleClicked.connect(
            lambda index: self._open(self.shown.complaints[index.row()].customer_id
                                     if self.shown else None))
        self.no_complaints_label = QLabel(self.tr("No complaint is open."))
        self.promises_model = TextTableModel(
            [self.tr("Customer"), self.tr("Promised"), self.tr("By"), self.tr("Who keeps it"),
             self.tr("State")], self)
        self.promises_table = read_only_view(self.promises_model)
        self.promises_table.doubleClicked.connect(
            lambda index: self._open(self.shown.promises[index.row()].customer_id
                                     if self.shown else None))
        self.no_promises_label = QLabel(self.tr("No promise is due this week."))

        layout = self.body
        layout.addLayout(figures)
        layout.addWidget(self.period_label)
        layout.addWidget(_heading(self.tr("Open complaints, oldest first")))
        layout.addWidget(self.no_complaints_label)
        layout.addWidget(self.complaints_table)
        layout.addWidget(_heading(self.tr("Promises due")))
        layout.addWidget(self.no_promises_label)
        layout.addWidget(self.promises_table)

    def wants(self, changes: Changes) -> bool:
        return changes.listening or changes.customers

    def load(self) -> None:
        self._context.operations.query(read_listening_complaints, self._today(),
                                       on_done=while_alive(self, self.show_result))

    def _open(self, customer_id: int | None) -> None:
        if customer_id is not None:
            self.open_customer_requested.emit(customer_id)

    def spread_text(self, spread: Spread) -> str:
        if spread.median is None or spread.p90 is None:
            return self.tr("none yet")
        return self.tr("median %1 · 9 in 10 within %2").replace(
            "%1", duration_text(spread.median, self._locale)).replace(
            "%2", duration_text(spread.p90, self._locale))

    def show_result(self, result: ListeningComplaints) -> None:
        self.shown = result
        figures = result.figures
        self.first_response_label.setText(self.spread_text(figures.first_response))
        self.resolve_label.setText(self.spread_text(figures.resolve))
        share = figures.promises_on_time_share
        self.promises_label.setText(
            self.tr("none due yet") if share is None else
            self.tr("%1 % (%2 of %3)").replace("%1", self._locale.toString(round(share * 100)))
            .replace("%2", self._locale.toString(figures.promises_on_time))
            .replace("%3", self._locale.toString(figures.promises_due)))
        now = dt.datetime.now()
        today = self._today()
        self.complaints_model.set_rows([
            (duration_text(row.open_for(now), self._locale), row.customer_name,
             row.summary.splitlines()[0] if row.summary else "", severity_text(row.severity),
             status_text(row.status), self._format_day(row.due_on), row.owner)
            for row in result.complaints],
            looks=[RowLook(foreground=_LATE) if row.due_on < today else None
                   for row in result.complaints])
        self.promises_model.set_rows([
            (row.customer_name, row.what, self._format_day(row.due_on), row.owner,
             promise_state_text(row, today, self._format_day, self._locale))
            for row in result.promises],
            looks=[RowLook(foreground=_LATE) if row.due_on < today else None
                   for row in result.promises])
        for table, model, empty, stretch in (
                (self.complaints_table, self.complaints_model, self.no_complaints_label, 2),
                (self.promises_table, self.promises_model, self.no_promises_label, 1)):
            empty.setVisible(model.rowCount() == 0)
            table.setVisible(model.rowCount() > 0)
            table.resizeColumnsToContents()
            table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
            _fit_rows(table, model.rowCount())


def _fit_rows(table: QTableView, rows: int, most: int = 12) -> None:
    """As tall as its rows (the page scrolls, not each list), up to `most` of them."""
    table.setFixedHeight(table.horizontalHeader().sizeHint().height()
                         + min(rows, most) * table.verticalHeader().defaultSectionSize()
                         + 2 * table.frameWidth() + 2)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-size: 11pt; font-weight: 600; padding-top: 8px;")
    return label
