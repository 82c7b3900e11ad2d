"""The pages of the visits import: the file, how it was read, the check, the result.

The file page and the error line come from the customer import's wizard
(gui/interchange/import_pages.py); the rest is about sales rather than people.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWizard,
)

from core.visits.services import CREATE, SKIP, TILL_FORMATS, VisitImportSummary

from gui.interchange.import_pages import (
    SAMPLE_ROWS,
    DetectPage,
    FilePage,
    WizardPage,
    fill_model,
    fit_columns,
    fit_to_width,
)
from gui.shell.window_state import IMPORT_LAST_FOLDER
from gui.visits.till_texts import field_label, format_label, problem_reason
from gui.widgets.fields import short_date_format
from gui.widgets.text_table import TextTableModel, read_only_view

if TYPE_CHECKING:
    from gui.visits.import_visits_wizard import ImportVisitsWizard

MAX_LISTED = 200  # problems and unmatched rows shown on the check page


def plain_label(text: str = "") -> QLabel:
    """A label for the file's own text: never markup."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class TillFilePage(FilePage):
    """The customer import's file page, asking for a till export."""

    def __init__(self, wizard: ImportVisitsWizard) -> None:
        super().__init__(wizard)  # type: ignore[arg-type]  # only its layout and field
        self._visits_wizard = wizard
        self.setTitle(self.tr("Choose a file"))
        self.setSubTitle(self.tr("An export of sales from your till or online shop (Shopify, "
                                 "Square, WooCommerce), a list of appointments, or a "
                                 "spreadsheet with a date and the customer on each row."))

    def _on_browse_clicked(self) -> None:
        folder = IMPORT_LAST_FOLDER.read()
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import visits and purchases"), folder,
            self.tr("Exports (*.csv *.txt *.tsv);;All files (*)"))
        if name:
            IMPORT_LAST_FOLDER.write(str(Path(name).parent))
            self.path_edit.setText(name)

    def validatePage(self) -> bool:
        self._visits_wizard.path = Path(self.path_edit.text().strip())
        return self._visits_wizard.refresh_preview()


class ReadingPage(DetectPage):
    """The customer import's page of encoding and separator, with the till formats: what
    the file was recognised as, which columns give what, and its first rows."""

    def __init__(self, wizard: ImportVisitsWizard) -> None:
        super().__init__(wizard)  # type: ignore[arg-type]  # the same duck: options_changed
        self._visits_wizard = wizard
        self.setTitle(self.tr("How the file was read"))
        self.setSubTitle(self.tr("Regulars recognised these. Change one if the rows below "
                                 "look wrong."))
        self.format_combo.blockSignals(True)  # no file to read again yet
        self.format_combo.clear()
        for name in ("auto", *TILL_FORMATS):
            self.format_combo.addItem(format_label(name), name)
        self.format_combo.blockSignals(False)
        self.detected_label.setTextFormat(Qt.TextFormat.PlainText)  # the file's own names

    def show_preview(self) -> None:
        preview = self._visits_wizard.preview
        if preview is None:
            return
        lines = [self.tr("Recognised as: %1.").replace("%1", format_label(preview.format))]
        for title, fields in ((self.tr("Date from"), ("date", "date_alt")),
                              (self.tr("Customer from"), ("customer_ref", "customer_ref_alt",
                                                          "email", "phone", "name",
                                                          "first_name", "last_name")),
                              (self.tr("Amount from"), ("amount", "amount_alt", "refund")),
                              (self.tr("Order number from"), ("order_id", "order_id_alt"))):
            columns = preview.columns_for(*fields)
            if columns:
                lines.append(f"{title}: " + ", ".join(f"“{c}”" for c in columns))
        if not preview.columns_for("amount", "amount_alt"):
            lines.append(self.tr("No amounts: each row is a visit."))
        self.detected_label.setText("\n".join(lines))
        # Each column that is used on its own line, with what it gives and its first
        # values beside it, as the customer import shows a file.
        shown = preview.rows[:SAMPLE_ROWS]
        fill_model(self.sample_model,
                   [self.tr("Column"), self.tr("Read as")]
                   + [self.tr("Row %1").replace("%1", str(n + 1)) for n in range(len(shown))],
                   [[name, field_label(field)]
                    + [values[column] if column < len(values) else "" for _, values in shown]
                    for column, (name, field) in enumerate(zip(preview.header,
                                                               preview.mapping)) if field])
        fit_columns(self.sample_table)


class CheckPage(WizardPage):
    """What the import would do, counted by a dry run; the rows with problems; and the
    rows that match no customer, with the choice of creating or skipping them."""

    def __init__(self, wizard: ImportVisitsWizard) -> None:
        super().__init__(wizard)  # type: ignore[arg-type]
        self._visits_wizard = wizard
        self.setTitle(self.tr("Check before importing"))
        self.setSubTitle(self.tr("Nothing has been imported yet. These figures come from "
                                 "reading the whole file."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.counts_form = QFormLayout()
        self.problems_label = plain_label()
        self.problems_model = TextTableModel(parent=self)
        self.problems_table = read_only_view(self.problems_model)
        self.problems_table.setMaximumHeight(140)
        fit_to_width(self.problems_table)
        self.unmatched_box = QGroupBox(self.tr("Rows that match no customer"))
        self.unmatched_label = plain_label()
        self.unmatched_model = TextTableModel(parent=self)
        self.unmatched_table = read_only_view(self.unmatched_model)
        fit_to_width(self.unmatched_table)
        self.create_button = QRadioButton(self.tr("Create customers for them"))
        self.skip_button = QRadioButton(self.tr("Skip them"))
        self.create_button.setChecked(True)
        self.choice_group = QButtonGroup(self)
        self.choice_group.addButton(self.create_button)
        self.choice_group.addButton(self.skip_button)
        cancel_hint = plain_label(self.tr("Or press Cancel to import nothing, and add or fix "
                                          "these customers first."))
        box_layout = QVBoxLayout(self.unmatched_box)
        box_layout.addWidget(self.unmatched_label)
        box_layout.addWidget(self.unmatched_table, 1)
        box_layout.addWidget(self.create_button)
        box_layout.addWidget(self.skip_button)
        box_layout.addWidget(cancel_hint)
        layout = QVBoxLayout(self)
        layout.addLayout(self.counts_form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems_table)
        layout.addWidget(self.unmatched_box, 1)

    def unmatched_choice(self) -> str:
        return SKIP if self.skip_button.isChecked() else CREATE

    def initializePage(self) -> None:
        summary = self._visits_wizard.run(dry_run=True)
        while self.counts_form.rowCount():
            self.counts_form.removeRow(0)
        if summary is None:
            self.show_error(self._visits_wizard.last_error)
            return
        self.show_error("")
        for label, number in counts_rows(self, summary, dry_run=True):
            self.counts_form.addRow(label, QLabel(number))
        self._show_problems(summary)
        self._show_unmatched(summary)

    def isComplete(self) -> bool:
        return not self.error_label.text()

    def _show_problems(self, summary: VisitImportSummary) -> None:
        shown = summary.problems[:MAX_LISTED]
        self.problems_label.setVisible(bool(shown))
        self.problems_table.setVisible(bool(shown))
        if not shown:
            return
        locale = QLocale()
        text = self.tr("Rows with a problem: %1. Rejected rows are left out; a row in another "
                       "currency comes in without its amount.")
        self.problems_label.setText(text.replace("%1", locale.toString(summary.problem_total)))
        fill_model(self.problems_model,
                   [self.tr("Line"), self.tr("Column"), self.tr("Problem")],
                   [[str(p.line), field_label(p.field), problem_reason(p)] for p in shown])
        fit_columns(self.problems_table)

    def _show_unmatched(self, summary: VisitImportSummary) -> None:
        self.unmatched_box.setVisible(bool(summary.unmatched))
        if not summary.unmatched:
            return
        locale = QLocale()
        text = self.tr("Rows naming someone who is not in your customer list: %1. "
                       "New customers this would create: %2.")
        self.unmatched_label.setText(text.replace("%1", locale.toString(summary.unmatched))
                                     .replace("%2", locale.toString(summary.created)))
        rows = [[str(u.line), u.name, u.email, u.phone,
                 locale.toString(QDate(u.occurred_on.year, u.occurred_on.month,
                                       u.occurred_on.day), short_date_format(locale))
                 if u.occurred_on else ""]
                for u in summary.unmatched_rows[:MAX_LISTED]]
        header = [self.tr("Line"), self.tr("Name"), self.tr("Email"), self.tr("Phone"),
                  self.tr("Date")]
        # Only the columns the file fills (Square names people, but gives no email).
        used = [n for n in range(len(header)) if any(row[n] for row in rows)]
        fill_model(self.unmatched_model, [header[n] for n in used],
                   [[row[n] for n in used] for row in rows])
        fit_columns(self.unmatched_table)


class DonePage(WizardPage):
    def __init__(self, wizard: ImportVisitsWizard) -> None:
        super().__init__(wizard)  # type: ignore[arg-type]
        self._visits_wizard = wizard
        self.setTitle(self.tr("Import finished"))
        self.counts_form = QFormLayout()
        self.undo_label = plain_label()
        layout = QVBoxLayout(self)
        layout.addLayout(self.counts_form)
        layout.addWidget(self.undo_label)
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    def initializePage(self) -> None:
        summary = self._visits_wizard.run(dry_run=False)
        if summary is None:
            self.setTitle(self.tr("Nothing was imported"))
            self.show_error(self._visits_wizard.last_error)
            return
        for label, number in counts_rows(self, summary, dry_run=False):
            self.counts_form.addRow(label, QLabel(number))
        self.undo_label.setText(self.tr("Visits, lifetime value, last visit and stage are up "
                                        "to date. File > Import History can undo this "
                                        "import."))


def counts_rows(page: WizardPage, summary: VisitImportSummary, *, dry_run: bool
                ) -> list[tuple[str, str]]:
    """The figures as (label, number) rows, in the shop's digits; zeros of rarer kinds
    are left out."""
    locale = QLocale()
    rows = [
        (page.tr("Rows in the file"), summary.rows),
        (page.tr("Purchases to add") if dry_run else page.tr("Purchases added"),
         summary.purchases),
        (page.tr("Visits to add") if dry_run else page.tr("Visits added"), summary.visits),
        (page.tr("Refunds to add") if dry_run else page.tr("Refunds added"), summary.refunds),
        (page.tr("Matched to your customers"), summary.matched),
        (page.tr("Already imported before"), summary.already_imported),
        (page.tr("Sales with no customer named (left out)"), summary.anonymous),
        (page.tr("Rows with a problem (left out)"), summary.rejected),
        (page.tr("Amounts in another currency (left out)"), summary.other_currency),
    ]
    if not dry_run:
        rows.insert(5, (page.tr("New customers created"), summary.created))
    always = 2
    return [(f"{label}:", locale.toString(number)) for index, (label, number) in
            enumerate(rows) if number or index < always]
