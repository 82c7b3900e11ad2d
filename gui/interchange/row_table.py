"""The table of an import's rows that did not simply become new customers: each row that
was skipped, filled in, overwritten, kept apart from a look-alike, or not imported, with
its line, the customer it matched and its problems in a column of their own."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLocale, QObject
from PySide6.QtWidgets import QHeaderView, QTableView

from core.interchange.outcomes import KEPT_APART, RowOutcome
from core.interchange.problems import is_rejection
from core.kernel.errors import Problem

from gui.interchange.texts import (
    REJECTED_ROW,
    VALUE_LEFT_OUT,
    matched_on_label,
    outcome_label,
    problem_reason_line,
)
from gui.widgets.text_table import TextTableModel, read_only_view

COL_LINE, COL_OUTCOME, COL_CUSTOMER, COL_DETAILS = range(4)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportRows", text)


def row_headers() -> list[str]:
    return [_tr("Line"), _tr("Outcome"), _tr("Customer it matched"), _tr("Why")]


def rows_model(parent: QObject) -> TextTableModel:
    return TextTableModel(row_headers(), parent=parent)


def rows_view(model: TextTableModel) -> QTableView:
    """The rows on one line each; the reasons take the room that is left (no sideways
    scrolling: a long reason is cut, and whole on its tooltip)."""
    table = read_only_view(model)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(COL_CUSTOMER, QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(COL_DETAILS, QHeaderView.ResizeMode.Stretch)
    header.resizeSection(COL_CUSTOMER, 220)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    return table


def _customer_text(outcome: RowOutcome) -> str:
    name = outcome.customer_name or _tr("(no name)")
    if outcome.customer_line is not None:
        return _tr("{0} (line {1} of this file)").format(
            name, QLocale().toString(outcome.customer_line))
    return name


def fill_rows(model: TextTableModel, outcomes: Sequence[RowOutcome],
              problems: Sequence[Problem]) -> int:
    """One row of the table per line of the file, in line order; returns how many."""
    by_line: dict[int, list[Problem]] = {}
    for problem in problems:
        by_line.setdefault(problem.line or 0, []).append(problem)
    locale = QLocale()
    lines: dict[int, list[str]] = {}
    for outcome in outcomes:
        why = matched_on_label(outcome.matched_on)
        if outcome.outcome == KEPT_APART:
            why = _tr("Not merged: {0}, but another name").format(why)
        else:
            why = _tr("Matched on {0}").format(why)
        lines[outcome.line] = [locale.toString(outcome.line), outcome_label(outcome.outcome),
                               _customer_text(outcome), why]
    for line, found in by_line.items():
        reasons = "; ".join(problem_reason_line(p) for p in found)
        if line in lines:
            lines[line][COL_DETAILS] += "; " + reasons
            continue
        what = REJECTED_ROW if any(is_rejection(p) for p in found) else VALUE_LEFT_OUT
        lines[line] = [locale.toString(line), outcome_label(what), "", reasons]
    rows = [lines[line] for line in sorted(lines)]
    model.set_rows(rows, right_aligned=(COL_LINE,))
    for row, cells in enumerate(rows):
        if cells[COL_DETAILS]:
            model.mark_cell(row, COL_DETAILS, cells[COL_DETAILS])  # the whole reason
    return len(rows)
