"""The first pages of the import wizard: the file, how it was written, and its columns."""
from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from core.interchange.formats import FIELDS, FORMATS, IGNORE
from core.interchange.history import (
    MappingProfile,
    list_import_profiles,
    mapping_for_header,
    save_import_profile,
)
from core.interchange.preview import FilePreview

from gui.interchange.texts import (
    ENCODING_CHOICES,
    encoding_label,
    field_label,
    format_label,
    separator_label,
    source_choice_label,
    unmapped_text,
)
from gui.shell.window_state import IMPORT_LAST_FOLDER
from gui.widgets.text_table import TextTableModel, read_only_view

if TYPE_CHECKING:
    from gui.interchange.import_wizard import ImportWizard

DELIMITERS = ("auto", ",", ";", "\t", "|")
SAMPLE_ROWS = 3  # of the file, shown beside each column's name


class WizardPage(QWizardPage):
    """A wizard page with a line for the reason a file was refused."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.completeChanged.emit()


class FilePage(WizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Choose a file"))
        self.setSubTitle(self.tr("A CSV export from your shop system, spreadsheet or mailing "
                                 "tool, or a vCard file (.vcf) from your phone."))
        self.path_edit = QLineEdit()
        self.path_edit.textChanged.connect(self.completeChanged)
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    def _on_browse_clicked(self) -> None:
        folder = IMPORT_LAST_FOLDER.read()
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import customers"), folder,
            self.tr("Customer files (*.csv *.txt *.tsv *.vcf);;All files (*)"))
        if name:
            IMPORT_LAST_FOLDER.write(str(Path(name).parent))
            self.path_edit.setText(name)

    def isComplete(self) -> bool:
        return Path(self.path_edit.text().strip()).is_file()

    def validatePage(self) -> bool:
        self._wizard.path = Path(self.path_edit.text().strip())
        return self._wizard.refresh_preview()


class DetectPage(WizardPage):
    """What was detected, each choice changeable (the preview follows)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("How the file was written"))
        self.setSubTitle(self.tr("Regulars guessed these. If the names and accents below look "
                                 "wrong, change a choice and look again."))
        self.format_combo = QComboBox()
        for name in ("auto", *FORMATS):
            self.format_combo.addItem(source_choice_label(name), name)
        self.encoding_combo = QComboBox()
        for codec in ENCODING_CHOICES:
            self.encoding_combo.addItem(encoding_label(codec), codec)
        self.delimiter_combo = QComboBox()
        for value in DELIMITERS:
            self.delimiter_combo.addItem(separator_label(value), value)
        self.detected_label = QLabel()
        self.detected_label.setWordWrap(True)
        self.sample_model = TextTableModel(parent=self)
        self.sample_table = read_only_view(self.sample_model)
        fit_to_width(self.sample_table)
        form = QFormLayout()
        form.addRow(self.tr("Where is this file from?"), self.format_combo)
        form.addRow(self.tr("Characters (encoding)"), self.encoding_combo)
        form.addRow(self.tr("Columns separated by"), self.delimiter_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.detected_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.sample_table, 1)
        self.format_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.encoding_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.delimiter_combo.currentIndexChanged.connect(self._on_choice_changed)

    def initializePage(self) -> None:
        self.show_preview()

    def isComplete(self) -> bool:
        return not self.error_label.text()

    def _on_choice_changed(self) -> None:
        self._wizard.options_changed(
            format=str(self.format_combo.currentData()),
            encoding=str(self.encoding_combo.currentData() or "auto"),
            delimiter=str(self.delimiter_combo.currentData()))

    def show_preview(self) -> None:
        preview = self._wizard.preview
        if preview is None:
            return
        info = preview.info
        source = format_label(info.format) if info.kind == "csv" else format_label("vcard")
        text = self.tr("Regulars reads this as: {source}, {encoding}").format(
            source=source, encoding=encoding_label(info.encoding))
        if info.kind == "csv":
            text += self.tr(", columns separated by {0}").format(
                separator_label(info.delimiter).lower())
        self.detected_label.setText(text + ".")
        # Each column of the file on its own line, with its first values beside it: a
        # file with 80 columns reads down the page instead of far off to the right.
        shown = preview.samples[:SAMPLE_ROWS]
        fill_model(self.sample_model,
                   [self.tr("Column")] + [self.tr("Row {0}").format(n + 1)
                                          for n in range(len(shown))],
                   [[name] + [row[column] if column < len(row) else "" for row in shown]
                    for column, name in enumerate(info.header)])
        fit_columns(self.sample_table)


class MappingPage(WizardPage):
    """One row per column of the file: its name, a sample, and the field it goes to."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(self.tr("Choose where each column goes. Save the choice as a profile "
                                 "to use it again next time."))
        self.mapping_model = TextTableModel(
            [self.tr("Column"), self.tr("Example"), self.tr("Goes to")], parent=self)
        # The names and examples are read-only; "Goes to" is a list box in each row.
        self.mapping_table = read_only_view(self.mapping_model)
        self.mapping_table.verticalHeader().setVisible(True)  # column numbers, as before
        self.mapping_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.mapping_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.unmapped_label = unmapped_line()
        self.profile_combo = QComboBox()
        self.profile_combo.activated.connect(self._on_profile_chosen)
        self.profile_name_edit = QLineEdit()
        self.profile_name_edit.setPlaceholderText(self.tr("Profile name"))
        self.save_profile_button = QPushButton(self.tr("Save profile"))
        self.save_profile_button.clicked.connect(self._on_save_profile_clicked)
        profiles = QHBoxLayout()
        profiles.addWidget(QLabel(self.tr("Profile")))
        profiles.addWidget(self.profile_combo, 1)
        profiles.addWidget(self.profile_name_edit, 1)
        profiles.addWidget(self.save_profile_button)
        layout = QVBoxLayout(self)
        layout.addLayout(profiles)
        layout.addWidget(self.error_label)
        layout.addWidget(self.mapping_table, 1)
        layout.addWidget(self.unmapped_label)
        self._combos: list[QComboBox] = []

    def initializePage(self) -> None:
        preview = self._wizard.preview
        assert preview is not None
        self._profiles = self._wizard.context.run(list_import_profiles)
        self.profile_combo.clear()
        self.profile_combo.addItem(self.tr("(as detected)"), None)
        for profile in self._profiles:
            self.profile_combo.addItem(profile.name, profile.name)
        self._show(preview)

    def _show(self, preview: FilePreview) -> None:
        header = preview.info.header
        samples = [next((s[row] for s in preview.samples if row < len(s) and s[row]), "")
                   for row in range(len(header))]
        # A reset drops the previous list boxes (the view deletes its index widgets).
        self.mapping_model.set_rows([[name, sample[:80], ""]
                                     for name, sample in zip(header, samples)])
        self._combos = []
        for row in range(len(header)):
            combo = QComboBox()
            combo.addItem(self.tr("(ignore)"), IGNORE)
            for field in FIELDS:
                combo.addItem(field_label(field), field)
            combo.setCurrentIndex(max(0, combo.findData(preview.info.mapping[row])))
            combo.currentIndexChanged.connect(self._show_unmapped)
            self.mapping_table.setIndexWidget(self.mapping_model.index(row, 2), combo)
            self._combos.append(combo)
        self._show_unmapped()

    def mapping(self) -> tuple[str, ...]:
        return tuple(str(combo.currentData()) for combo in self._combos)

    def _show_unmapped(self) -> None:
        preview = self._wizard.preview
        if preview is not None and len(self._combos) == len(preview.info.header):
            chosen = replace(preview.info, mapping=self.mapping())
            show_unmapped(self.unmapped_label, chosen.unmapped_columns)

    def set_field(self, column: int, field: str) -> None:
        self._combos[column].setCurrentIndex(self._combos[column].findData(field))

    def _on_profile_chosen(self) -> None:
        name = self.profile_combo.currentData()
        profile = next((p for p in self._profiles if p.name == name), None)
        if profile is None or self._wizard.preview is None:
            return
        mapping = mapping_for_header(profile, list(self._wizard.preview.info.header))
        for column, field in enumerate(mapping):
            self.set_field(column, field)

    def _on_save_profile_clicked(self) -> None:
        name = self.profile_name_edit.text().strip()
        preview = self._wizard.preview
        if not name or preview is None:
            self.profile_name_edit.setFocus()
            return
        mapping = dict(zip(preview.info.header, self.mapping()))
        self._wizard.context.run(save_import_profile,
                                 MappingProfile(name, preview.info.format, mapping))
        self._wizard.context.post_status(self.tr("Saved import profile “{0}”").format(name))
        self.initializePage()
        self.profile_combo.setCurrentIndex(self.profile_combo.findData(name))

    def validatePage(self) -> bool:
        self._wizard.mapping = self.mapping() if self._combos else None
        return self._wizard.refresh_preview()


def unmapped_line() -> QLabel:
    """The line under a table that says which of the file's columns are left out."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # column names are the file's, not markup
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_unmapped(label: QLabel, columns: tuple[str, ...]) -> None:
    """Data is never left out silently: name every column nothing is imported from."""
    label.setText(unmapped_text(columns))
    # A tooltip would read a name like "<b>Fax</b>" as markup: escape it.
    label.setToolTip("<br>".join(html.escape(name) for name in columns)
                     if len(columns) > 1 else "")
    label.setVisible(bool(columns))


def fit_to_width(table: QTableView) -> None:
    """A table that never scrolls sideways: its columns share the width (see fit_columns),
    and the last column takes what is left."""
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.viewport().installEventFilter(_RefitOnResize(table))


class _RefitOnResize(QObject):
    """Fits a table's columns again whenever its width changes (the page is laid out
    after it was filled, and the window can be resized)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self._table = table
        self._width = -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self._table.viewport().width() != self._width:
            self._width = self._table.viewport().width()
            fit_columns(self._table)
        return False


def fit_columns(table: QTableView, *, least: int = 60) -> None:
    """Columns as wide as their contents, the widest narrowed until they all fit, and the
    last one widened to the edge. (Not the header's stretchLastSection: it keeps the last
    column at least 100 pixels wide, past the edge.)"""
    header = table.horizontalHeader()
    table.resizeColumnsToContents()
    count = header.count()
    room = table.viewport().width() or table.width()
    if count == 0 or room <= 0:
        return
    widths = [header.sectionSize(n) for n in range(count)]
    while sum(widths) > room:
        widest = max(range(count), key=widths.__getitem__)
        others = sorted(set(widths), reverse=True)
        target = max(least, others[1] if len(others) > 1 else least,
                     widths[widest] - (sum(widths) - room))
        if target >= widths[widest]:
            break
        widths[widest] = target
    widths[-1] += max(0, room - sum(widths))
    for column, width in enumerate(widths):
        header.resizeSection(column, width)


def fill_model(model: TextTableModel, header: list[str], rows: list[list[str]]) -> None:
    """Rows of a file as text on one line each (a newline shows as ⏎), cut at 200."""
    model.set_rows([[value.replace("\n", " ⏎ ")[:200] for value in values] for values in rows],
                   headers=header)
