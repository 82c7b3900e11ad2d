"""Export testimonials for one channel: only those whose release is signed, unexpired and
covers it, each named as the release allows; says how many were left out and why."""
from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from pathlib import Path

from PySide6.QtCore import QLocale, QStandardPaths
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core.testimonials.services import plan_export, write_export
from core.testimonials.types import CHANNELS, WEBSITE, ExportPlan

from gui.printing.texts import fill
from gui.shell.context import AppContext
from gui.shell.window_state import EXPORT_LAST_FOLDER
from gui.testimonials.texts import (
    TestimonialCounts,
    channel_text,
    left_out_text,
)

log = logging.getLogger(__name__)
# What to write; core chooses the format by the file's ending.
HTML, CSV, JSON = "html", "csv", "json"


def left_out_summary(plan: ExportPlan, locale: QLocale) -> str:
    """"12 left out (no signed release yet: 9; the customer withdrew it: 3)"."""
    counts = Counter(item.reason for item in plan.left_out)
    why = "; ".join(f"{left_out_text(reason)}: {locale.toString(n)}"
                    for reason, n in counts.most_common())
    return f"{TestimonialCounts().left_out(len(plan.left_out)).rstrip(':')} ({why})"


class ExportDialog(QDialog):
    """Choose the channel and the kind of file; see what goes and what is left out."""

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 today: dt.date, locale: QLocale | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export Testimonials"))
        self._context = context
        self._today = today
        self._locale = locale or QLocale()
        self.plan: ExportPlan | None = None
        self.written_path: Path | None = None
        self.channel_combo = QComboBox()
        for code in CHANNELS:
            self.channel_combo.addItem(channel_text(code), code)
        self.channel_combo.setCurrentIndex(self.channel_combo.findData(WEBSITE))
        self.format_group = QButtonGroup(self)
        self.format_buttons: dict[str, QRadioButton] = {}
        formats = QVBoxLayout()
        formats.setSpacing(2)
        for code, text in ((HTML, self.tr("A block to paste into a web page (HTML)")),
                           (CSV, self.tr("A spreadsheet (CSV)")),
                           (JSON, self.tr("Data for a web developer (JSON)"))):
            button = QRadioButton(text)
            self.format_buttons[code] = button
            self.format_group.addButton(button)
            formats.addWidget(button)
        self.format_buttons[HTML].setChecked(True)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setStyleSheet("font-size: 11pt;")
        self.left_out_label = QLabel()
        self.left_out_list = QListWidget()
        self.left_out_list.setMaximumHeight(180)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(self.tr("Export…"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._on_export_clicked)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("For use on:"), self.channel_combo)
        form.addRow(self.tr("As:"), formats)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.left_out_label)
        layout.addWidget(self.left_out_list)
        note = QLabel(self.tr(
            "Each is named as its release allows, with the line saying when a gift or "
            "discount was given for it."))
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.channel_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    def channel(self) -> str:
        return str(self.channel_combo.currentData())

    def file_format(self) -> str:
        return next(code for code, button in self.format_buttons.items() if button.isChecked())

    def refresh(self) -> None:
        plan = self.plan = self._context.read(plan_export, self.channel(), today=self._today)
        counts = TestimonialCounts()
        self.summary_label.setText(
            counts.will_export(len(plan.items)) if plan.items else fill(self.tr("No testimonial may be used on %1 yet."),
                                    channel_text(plan.channel).lower()))
        self.export_button.setEnabled(bool(plan.items))
        self.left_out_list.clear()
        for left in plan.left_out:
            self.left_out_list.addItem(f"{left.customer_name}: {left_out_text(left.reason)}")
        self.left_out_label.setText(counts.left_out(len(plan.left_out)))
        self.left_out_label.setVisible(bool(plan.left_out))
        self.left_out_list.setVisible(bool(plan.left_out))

    def _on_export_clicked(self) -> None:
        suffix = {HTML: ".html", CSV: ".csv", JSON: ".json"}[self.file_format()]
        folder = EXPORT_LAST_FOLDER.read()
        if not folder or not Path(folder).is_dir():
            folder = (QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home()))
        name = fill(self.tr("testimonials-%1"), self.channel()) + suffix
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export testimonials as"), str(Path(folder) / name),
            fill(self.tr("%1 files (*%2)"), suffix[1:].upper(), suffix))
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() not in (suffix, ".htm"):
            path = path.with_name(path.name + suffix)
        EXPORT_LAST_FOLDER.write(str(path.parent))
        self.export_to(path)

    def export_to(self, path: Path) -> int | None:
        """Write the chosen channel's testimonials to `path`; how many, or None."""
        self.refresh()  # as of now: another desk may have withdrawn one meanwhile
        plan = self.plan
        if plan is None or not plan.items:
            return None
        try:
            written = write_export(plan, path)
        except OSError as exc:
            log.warning("testimonial export to %s failed: %s", path, exc)
            QMessageBox.critical(self, self.tr("Export failed"), fill(self.tr(
                "Could not write “%1”:\n%2\n\nChoose another folder, or close the file if "
                "another program has it open."), path, exc.strerror or str(exc)))
            return None
        self.written_path = path
        message = fill(TestimonialCounts().exported(written), path)
        if plan.left_out:
            message += " " + left_out_summary(plan, self._locale) + "."
        self._context.post_status(message)
        self.accept()
        return written
