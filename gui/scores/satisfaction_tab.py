"""The customer record's Satisfaction tab: their latest answer, a small trend line, and
every answer, with Record a Score… to add one."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDate, QDateTime, QLocale, QMargins, Qt, QTime
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.scores.types import CSAT, NPS, ScoreRow

from gui.scores import texts
from gui.shell.context import AppContext
from gui.widgets.text_table import RowLook, TextTableModel, read_only_view

COL_DATE, COL_QUESTION, COL_ANSWER, COL_MEANS, COL_CHANNEL, COL_COMMENT = range(6)
NPS_COLOR = "#2f5d57"
CSAT_COLOR = "#c07a2c"


class SatisfactionTab(QWidget):
    def __init__(self, context: AppContext, format_day: Callable[[dt.date], str],
                 name: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._format_day = format_day
        self._name = name
        self.customer_id: int | None = None
        self.rows: list[ScoreRow] = []

        self.latest_label = QLabel()
        font = QFont(self.latest_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.latest_label.setFont(font)
        self.latest_label.setWordWrap(True)
        self.record_button = QPushButton(self.tr("Record a Score…"))
        self.record_button.setToolTip(self.tr("How likely they are to recommend you (0–10), "
                                              "or how satisfied they were (1–5)"))
        self.record_button.clicked.connect(self._on_record_clicked)
        top = QHBoxLayout()
        top.addWidget(self.latest_label, 1)
        top.addWidget(self.record_button, 0, Qt.AlignmentFlag.AlignTop)

        self.chart = QChart()
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.setBackgroundRoundness(6)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setFixedHeight(170)

        self.model = TextTableModel([self.tr("Date"), self.tr("Question"), self.tr("Answer"),
                                     self.tr("Means"), self.tr("How"), self.tr("Comment")],
                                    self)
        self.table = read_only_view(self.model)
        self.empty_label = QLabel(self.tr(
            "No answers yet. Ask how likely they are to recommend you, or how satisfied "
            "they were, and record it here; paper survey cards come back here too."))
        self.empty_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.chart_view)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        self.set_rows(None, [])

    def load(self, customer_id: int | None) -> None:
        from core.scores.services import customer_scores

        rows = [] if customer_id is None else self._context.read(customer_scores, customer_id)
        self.set_rows(customer_id, rows)

    def set_rows(self, customer_id: int | None, rows: Sequence[ScoreRow]) -> None:
        self.customer_id = customer_id
        self.rows = list(rows)
        self.record_button.setEnabled(customer_id is not None and not self._context.read_only)
        self.empty_label.setVisible(not self.rows)
        self.chart_view.setVisible(bool(self.rows))
        self.latest_label.setText(self._latest_text())
        self.model.set_rows([
            (self._format_day(r.answered_on), r.question, texts.answer_text(r.scale, r.score),
             texts.mood_text(r.scale, r.score), texts.channel_name(r.channel)
             + (f" ({r.survey_code})" if r.survey_code else ""), r.comment.replace("\n", " "))
            for r in self.rows],
            looks=[RowLook(tooltip=r.comment) if r.comment else None for r in self.rows])
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(COL_COMMENT,
                                                           QHeaderView.ResizeMode.Stretch)
        self._draw_trend()

    def _latest_text(self) -> str:
        if not self.rows:
            return self.tr("<b>No score yet</b>")
        latest = self.rows[0]
        color = texts.mood_color(latest.scale, latest.score)
        return (self.tr("Latest: <b>%1</b> <span style='color:%2'>(%3)</span> on %4, "
                        "%5 – “%6”")
                .replace("%1", texts.answer_text(latest.scale, latest.score))
                .replace("%2", color)
                .replace("%3", texts.mood_text(latest.scale, latest.score))
                .replace("%4", self._format_day(latest.answered_on))
                .replace("%5", texts.channel_name(latest.channel).lower())
                .replace("%6", _escape(_short_question(latest.question))))

    def _draw_trend(self) -> None:
        """Each scale as its own line over time: recommend (0–10) against the left axis,
        satisfied (1–5) against the right one; never mixed into one number."""
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        if not self.rows:
            return
        dates = [r.answered_on for r in self.rows]
        x_axis = QDateTimeAxis()
        day_first = QLocale().dateFormat(QLocale.FormatType.ShortFormat).find("d") < \
            QLocale().dateFormat(QLocale.FormatType.ShortFormat).find("M")
        x_axis.setFormat("MMM yyyy" if (max(dates) - min(dates)).days > 60
                         else "d MMM" if day_first else "MMM d")
        x_axis.setTickCount(min(6, max(2, len(set(dates)))))
        first, last = min(dates), max(dates)
        if first == last:
            first, last = first - dt.timedelta(days=15), last + dt.timedelta(days=15)
        x_axis.setRange(_moment(first), _moment(last))
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        for scale, color, lowest, highest, side in (
                (NPS, NPS_COLOR, 0, 10, Qt.AlignmentFlag.AlignLeft),
                (CSAT, CSAT_COLOR, 1, 5, Qt.AlignmentFlag.AlignRight)):
            points = [(r.answered_on, r.score) for r in reversed(self.rows) if r.scale == scale]
            if not points:
                continue
            series = QLineSeries()
            series.setName(texts.scale_short(scale))
            series.setPointsVisible(True)
            series.setMarkerSize(9)
            pen = QPen(QColor(color))
            pen.setWidthF(2.2)
            series.setPen(pen)
            for day, score in points:
                series.append(_moment(day).toMSecsSinceEpoch(), score)
            chart.addSeries(series)
            y_axis = QValueAxis()
            y_axis.setRange(lowest, highest)
            y_axis.setTickCount(3)
            y_axis.setLabelFormat("%d")
            y_axis.setLabelsColor(QColor(color))
            chart.addAxis(y_axis, side)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)

    def _on_record_clicked(self) -> None:
        if self.customer_id is None:
            return
        from gui.scores.record_dialog import RecordScoreDialog

        scale = self.rows[0].scale if self.rows else NPS
        dialog = RecordScoreDialog(self._context, self.customer_id, self._name(), scale=scale,
                                   parent=self)
        if dialog.exec():
            self.load(self.customer_id)


def _moment(day: dt.date) -> QDateTime:
    return QDateTime(QDate(day.year, day.month, day.day), QTime(12, 0))


def _short_question(question: str) -> str:
    return question if len(question) <= 70 else question[:67] + "…"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
