"""Cards & letters: edit templates with a live preview, print batches, see the history."""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QObject, QTimer, Signal
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.kernel.changes import Changes
from core.kernel.jobs import Cancelled
from core.printing.batches import BatchPlan, BatchRequest, plan_batch
from core.printing.errors import (
    IncompleteBusinessProfile,
    InvalidTemplate,
    NoRecipients,
    TemplateProblem,
)
from core.printing.formats import LABEL_SHEETS, PAGE_FORMATS, default_format, formats_for
from core.printing.recipients import sample_recipient
from core.printing.templates import (
    EMPTY_FIELD,
    MERGE_FIELDS,
    UNKNOWN_FIELD,
    TemplateData,
    TemplateText,
    check_template,
    list_templates,
    restore_default_template,
    save_template,
)
from core.printing.types import RecipientSelection, Skipped
from core.settings.profile import get_business_profile
from core.settings.types import BusinessProfileData

from gui.customers.stage_texts import explain_stage_choices
from gui.customers.texts import stage_labels
from gui.printing.print_history import PrintHistoryWidget, print_plan
from gui.printing.texts import (
    fill,
    paper_name,
    print_error_text,
    recipients_text,
    skip_reason_text,
)
from gui.settings.profile_needed import ask_to_complete_profile, preview_needs_text
from gui.shell.context import AppContext
from gui.shell.operations import run_long_job
from gui.widgets.conflict_dialog import saved_despite_other_desks
from gui.widgets.pdf_preview import PdfPreview, print_pdf

log = logging.getLogger(__name__)

PREVIEW_DELAY_MS = 250
# "Everyone" is last and never the default: a click must not print thousands of cards.
WHO_SELECTION, WHO_TAG, WHO_STAGE, WHO_EVERYONE = range(4)
PREVIEW_ITEMS = 30  # a preview shows the first cards of the batch, quickly


def ask_about_unsaved_edit(parent: QWidget, template: str, *, closing: bool = False,
                           can_save: bool = True) -> QMessageBox.StandardButton:
    """Save, Discard or Keep Editing (Cancel) for a template's unsaved wording, worded and
    laid out as gui.widgets.discard_prompt asks for dialogs (that one closes a dialog when
    answered; here the page must know the answer before it shows another template)."""
    question = (parent.tr("Save your changes to “%1” before closing?") if closing else
                parent.tr("Save your changes to “%1” before showing another template?"))
    buttons = QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    if can_save:
        buttons |= QMessageBox.StandardButton.Save
    box = QMessageBox(QMessageBox.Icon.Question, parent.tr("Unsaved changes"),
                      fill(question, template), buttons, parent)
    box.setInformativeText(parent.tr("If you discard them, what you typed here is lost."))
    box.button(QMessageBox.StandardButton.Cancel).setText(parent.tr("Keep Editing"))
    box.button(QMessageBox.StandardButton.Discard).setText(parent.tr("Discard"))
    # Enter saves (when it can); Esc keeps editing, never throws anything away.
    box.setDefaultButton(QMessageBox.StandardButton.Save if can_save
                         else QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    return QMessageBox.StandardButton(box.exec())


class CardsPage(QWidget):
    batch_printed = Signal(int)  # batch id

    def __init__(self, context: AppContext, undo_stack: QUndoStack | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._templates: list[TemplateData] = []
        # The shown template as it was opened (then as last saved here): the base a save
        # merges another desk's edit against (core.kernel.edits).
        self._opened_template: TemplateData | None = None
        self._profile = BusinessProfileData()
        self._selected_ids: tuple[int, ...] = ()
        self._shown_row = -1  # the template in the editor, whatever the list shows
        self.last_batch_path: Path | None = None

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_templates_tab(), self.tr("Templates"))
        self.tabs.addTab(self._build_batch_tab(), self.tr("Print a batch"))
        self.history = PrintHistoryWidget(context, undo_stack)
        self.tabs.addTab(self.history, self.tr("History"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self.title_edit.textChanged.connect(self._preview_timer.start)
        self.body_edit.textChanged.connect(self._preview_timer.start)
        self.format_combo.currentIndexChanged.connect(self._preview_timer.start)
        self.template_list.currentRowChanged.connect(self._on_template_chosen)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.who_combo.currentIndexChanged.connect(self._on_who_changed)
        self.labels_check.toggled.connect(self._on_who_changed)
        self.create_button.clicked.connect(self._on_create_clicked)
        self.batch_template_combo.currentIndexChanged.connect(self._on_who_changed)
        self.preview_button.clicked.connect(self._on_preview_clicked)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.history.batch_recorded.connect(self.batch_printed)
        self._loaded = False
        context.changes_applied.connect(self.on_changes)

    def showEvent(self, event: QShowEvent) -> None:
        # Loading renders a preview (and so imports reportlab): not on the startup path.
        if not self._loaded:
            self.load()
        super().showEvent(event)

    # -- building --------------------------------------------------------------------------

    def _build_templates_tab(self) -> QWidget:
        self.template_list = QListWidget()
        self.template_list.setMaximumWidth(260)
        self.title_edit = QLineEdit()
        self.body_edit = QPlainTextEdit()
        self.body_edit.setPlaceholderText(self.tr("Dear {first_name}, …"))
        self.format_combo = QComboBox()
        self.fields_label = QLabel(fill(self.tr("Merge fields: %1"),
                                        ", ".join("{" + f + "}" for f in MERGE_FIELDS)))
        self.fields_label.setWordWrap(True)
        self.fields_label.setStyleSheet("color: palette(mid);")
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color: #a33;")
        self.profile_button = QPushButton(self.tr("Open Business Profile…"))
        self.profile_button.hide()  # shown when the preview needs the business profile
        self.profile_button.clicked.connect(self._on_profile_clicked)
        self.save_button = QPushButton(self.tr("Save template"))
        self.restore_button = QPushButton(self.tr("Restore default"))
        self.template_preview = PdfPreview()
        self._fit_whole_page = False  # a letter: zoomed to show its whole page
        self._needed_fields: tuple[str, ...] = ()  # empty profile fields the preview needs
        self.template_preview.view.viewport().installEventFilter(self)

        editor = QWidget()
        form = QFormLayout(editor)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Message"), self.body_edit)
        form.addRow(self.tr("Paper"), self.format_combo)
        form.addRow(self.fields_label)
        form.addRow(self.problems_label)
        profile_row = QHBoxLayout()
        profile_row.addWidget(self.profile_button)
        profile_row.addStretch(1)
        form.addRow(profile_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        splitter = QSplitter()
        splitter.addWidget(self.template_list)
        splitter.addWidget(editor)
        splitter.addWidget(self.template_preview)
        splitter.setSizes([220, 460, 520])
        return splitter

    def _build_batch_tab(self) -> QWidget:
        self.batch_template_combo = QComboBox()
        self.who_combo = QComboBox()
        self.who_combo.addItems([self.tr("Customers selected in the list"),
                                 self.tr("Customers with a tag"),
                                 self.tr("Customers at a stage"),
                                 self.tr("Every customer who can be mailed")])
        self.tag_combo = QComboBox()
        self.stage_combo = QComboBox()
        for stage, label in stage_labels():  # the list's words, with each stage's rule
            self.stage_combo.addItem(label, stage)
        self.stage_tips = explain_stage_choices(self.stage_combo, self._context)
        self.batch_format_combo = QComboBox()
        self.batch_format_combo.addItem(self.tr("The template's paper"), "")
        for name in PAGE_FORMATS:
            self.batch_format_combo.addItem(paper_name(name), name)
        self.labels_check = QCheckBox(self.tr("Also print address labels (same order)"))
        self.sheet_combo = QComboBox()
        for name in LABEL_SHEETS:
            self.sheet_combo.addItem(paper_name(name), name)
        self.start_spin = QSpinBox()
        self.start_spin.setRange(1, 30)
        self.start_spin.setToolTip(self.tr("First free label on a half-used sheet"))
        self.already_sent_check = QCheckBox(
            self.tr("Leave out customers who already got this card this year"))
        self.already_sent_check.setChecked(True)
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.setToolTip(self.tr(
            "Count the recipients and show the first cards. Nothing is recorded."))
        self.create_button = QPushButton(self.tr("Create batch…"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setEnabled(False)
        self.skipped_list = QListWidget()
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.batch_preview = PdfPreview()
        self.batch_preview_label = QLabel(self.tr(
            "Press Preview to count the recipients and see the first cards here."))
        self.batch_preview_label.setWordWrap(True)

        side = QWidget()
        column = QVBoxLayout(side)
        form = QFormLayout()
        column.addLayout(form)
        form.addRow(self.tr("Template"), self.batch_template_combo)
        form.addRow(self.tr("Recipients"), self.who_combo)
        form.addRow(self.tr("Tag"), self.tag_combo)
        form.addRow(self.tr("Stage"), self.stage_combo)
        form.addRow(self.already_sent_check)
        form.addRow(self.tr("Paper"), self.batch_format_combo)
        form.addRow(self.labels_check)
        form.addRow(self.tr("Label sheet"), self.sheet_combo)
        form.addRow(self.tr("Start at label"), self.start_spin)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        column.addWidget(self.summary_label)
        self.left_out_label = QLabel(self.tr("Left out, and why:"))
        column.addWidget(self.left_out_label)
        column.addWidget(self.skipped_list, 1)  # every name left out, with the room there is
        right = QWidget()
        pane = QVBoxLayout(right)
        pane.setContentsMargins(0, 0, 0, 0)
        pane.addWidget(self.batch_preview_label)
        pane.addWidget(self.batch_preview, 1)
        splitter = QSplitter()
        splitter.addWidget(side)
        splitter.addWidget(right)
        splitter.setSizes([420, 780])
        return splitter

    # -- loading ---------------------------------------------------------------------------

    def load(self) -> None:
        """Read templates, tags and the profile again, and draw the preview. An unsaved
        edit of the shown template stays in the editor (another desk saved a setting)."""
        self._loaded = True
        shown = self.current_template()
        kept = self._edited_values() if self.is_edit_unsaved() else None
        self._profile = self._context.run(get_business_profile)
        self._templates = self._context.run(list_templates)
        self.template_list.blockSignals(True)
        self.template_list.clear()
        self.batch_template_combo.clear()
        titles = [t.title for t in self._templates]
        for template in self._templates:
            label = self._template_label(template.title, template.name, titles)
            item = QListWidgetItem(fill(self.tr("%1 (edited)"), label)
                                   if template.is_edited else label)
            if template.is_edited and template.has_default:
                item.setToolTip(self.tr("You changed this template's wording. "
                                        "Restore default brings back the original."))
            self.template_list.addItem(item)
            self.batch_template_combo.addItem(label, template.name)
        names = [t.name for t in self._templates]
        row = names.index(shown.name) if shown is not None and shown.name in names else 0
        self.template_list.setCurrentRow(min(row, len(self._templates) - 1))
        self.template_list.blockSignals(False)
        self._reload_tags()
        self._shown_row = -1  # draw it afresh, below
        self._show_template(self.template_list.currentRow())
        if kept is not None:
            self._put_edit_back(*kept)
        self._on_who_changed()
        self.history.load()

    def on_changes(self, changes: Changes) -> None:
        """Refresh what this page shows: the preview only when templates or the business
        profile changed (rendering it costs reportlab a moment), not on a customer save."""
        if not self._loaded:
            return  # the first showing loads everything
        if changes.templates or changes.settings:
            self.load()
        elif changes.customers:
            self._reload_tags()  # new tags become choosable

    def _reload_tags(self) -> None:
        from core.customers.services import list_tags

        current = self.tag_combo.currentData()
        self.tag_combo.clear()
        for _, name in self._context.run(list_tags):
            self.tag_combo.addItem(name, name)
        self.tag_combo.setCurrentIndex(max(self.tag_combo.findData(current), 0))

    def _template_label(self, title: str, name: str, all_titles: list[str]) -> str:
        """What the list shows: the title; the name too where titles repeat or are empty."""
        readable = name.removeprefix("life-event-").replace("-", " ").capitalize()
        if not title:
            return readable
        return f"{title} ({readable.lower()})" if all_titles.count(title) > 1 else title

    def set_selection(self, customer_ids: tuple[int, ...]) -> None:
        """The customers selected in the list, for "Customers selected in the list"."""
        self._selected_ids = tuple(customer_ids)
        self.who_combo.setItemText(WHO_SELECTION, fill(
            self.tr("Customers selected in the list: %1"), QLocale().toString(len(customer_ids)))
            if customer_ids else self.tr("Customers selected in the list"))

    # -- templates -------------------------------------------------------------------------

    def current_template(self) -> TemplateData | None:
        """The template in the editor (the list's choice once it is shown)."""
        row = self._shown_row if self._shown_row >= 0 else self.template_list.currentRow()
        return self._templates[row] if 0 <= row < len(self._templates) else None

    def is_edit_unsaved(self) -> bool:
        """The editor holds wording (or a paper) that differs from the shown template's."""
        if not 0 <= self._shown_row < len(self._templates):
            return False
        template = self._templates[self._shown_row]
        return self._edited_values() != (template.title, template.body,
                                         template.format_name)

    def _edited_values(self) -> tuple[str, str, str]:
        return (self.title_edit.text(), self.body_edit.toPlainText(),
                self.format_combo.currentData() or "")

    def _put_edit_back(self, title: str, body: str, format_name: str) -> None:
        self.title_edit.setText(title)
        self.body_edit.setPlainText(body)
        self.format_combo.setCurrentIndex(max(self.format_combo.findData(format_name), 0))

    def _on_template_chosen(self, row: int) -> None:
        """Another template chosen in the list: an unsaved edit is never dropped unasked."""
        if row != self._shown_row and self.is_edit_unsaved():
            chosen = self._templates[row].name if 0 <= row < len(self._templates) else ""
            self._go_back_to_shown()  # while asking, the list marks what the editor shows
            answer = ask_about_unsaved_edit(
                self, self.batch_template_combo.itemText(self._shown_row),
                can_save=not self._context.read_only)
            if answer == QMessageBox.StandardButton.Cancel:
                return  # Keep Editing
            if answer == QMessageBox.StandardButton.Save and not self._save_shown():
                return  # it said why
            # Saving read the list again: go on to the template that was chosen.
            row = max(self.batch_template_combo.findData(chosen), 0)
            self.template_list.blockSignals(True)
            self.template_list.setCurrentRow(row)
            self.template_list.blockSignals(False)
        self._show_template(row)

    def may_close(self) -> bool:
        """Before the window closes: an unsaved template edit is saved, discarded or kept
        (False: the person keeps editing, the window stays)."""
        if not self.is_edit_unsaved():
            return True
        self.window().raise_()
        answer = ask_about_unsaved_edit(
            self, self.batch_template_combo.itemText(self._shown_row), closing=True,
            can_save=not self._context.read_only)
        if answer == QMessageBox.StandardButton.Save:
            return self._save_shown()
        if answer == QMessageBox.StandardButton.Discard:
            return True
        # Keep editing: show where.
        self.tabs.setCurrentIndex(0)
        self.title_edit.window().activateWindow()
        return False

    def _go_back_to_shown(self) -> None:
        self.template_list.blockSignals(True)
        self.template_list.setCurrentRow(self._shown_row)
        self.template_list.blockSignals(False)

    def _show_template(self, row: int) -> None:
        self._shown_row = row
        template = self.current_template()
        if template is None:
            return
        self._opened_template = template
        for widget in (self.title_edit, self.body_edit, self.format_combo):
            widget.blockSignals(True)
        self.title_edit.setText(template.title)
        self.body_edit.setPlainText(template.body)
        self.format_combo.clear()
        default = default_format(template.kind, self._profile.locale)
        self.format_combo.addItem(fill(self.tr("Usual paper (%1)"), paper_name(default)), "")
        for name in formats_for(template.kind):
            self.format_combo.addItem(paper_name(name), name)
        self.format_combo.setCurrentIndex(max(self.format_combo.findData(template.format_name),
                                              0))
        for widget in (self.title_edit, self.body_edit, self.format_combo):
            widget.blockSignals(False)
        self.restore_button.setEnabled(template.has_default and template.is_edited)
        self.refresh_preview()

    def describe(self, problem: TemplateProblem) -> str:
        if problem.code == UNKNOWN_FIELD:
            return fill(self.tr("{%1} is not a merge field; check the spelling."), problem.field)
        if problem.code == EMPTY_FIELD:
            return fill(self.tr("{%1} is empty for the sample customer; some customers will "
                                "have nothing printed there."), problem.field)
        part = self.tr("title") if problem.part == "title" else self.tr("message")
        return fill(self.tr("A brace in the %1 has no partner; write {{ or }} to print a brace."),
                    part)

    def refresh_preview(self) -> None:
        """Check the edited template and draw it for a sample customer."""
        from core.printing.formats import get_page_format
        from core.printing.render import ItemsJob, render_items_bytes

        template = self.current_template()
        if template is None:
            return
        sample = sample_recipient(self._profile)
        title, body = self.title_edit.text(), self.body_edit.toPlainText()
        problems = check_template(title, body, sample.value_map())
        self.problems_label.setText("\n".join(self.describe(p) for p in problems))
        if any(p.code != EMPTY_FIELD for p in problems):
            return  # keep the last good preview while the person is typing a field
        fmt = get_page_format(self.format_combo.currentData()
                              or default_format(template.kind, self._profile.locale))
        if fmt.kind == "envelope":
            fmt = get_page_format(default_format(template.kind, self._profile.locale))
        self._needed_fields = ()
        self.profile_button.hide()
        try:
            pdf = render_items_bytes(ItemsJob(title, body, fmt, self._profile, (sample,)))
        except IncompleteBusinessProfile as exc:
            self._needed_fields = exc.fields
            self.problems_label.setText("\n".join(
                [*(self.describe(p) for p in problems if p.code != EMPTY_FIELD),
                 preview_needs_text(exc.fields)]))
            self.profile_button.show()
            self.template_preview.clear()
            return
        self.template_preview.show_pdf(pdf, scale=1.2)
        # A letter is seen whole, as it will come out of the printer; a card at a size
        # that reads.
        self._fit_whole_page = fmt.kind == "letter"
        self._fit_preview()

    def _fit_preview(self) -> None:
        """Zoom a letter so that its whole page fits the pane. (QPdfView's own FitInView
        left large pages blank: its scroll bar came and went, and each render was dropped.)"""
        preview = self.template_preview
        if not self._fit_whole_page or preview.page_count() < 1:
            return
        page = preview.view.document().pagePointSize(0)
        view = preview.view
        margins = view.documentMargins()
        room = view.viewport().size()
        width = room.width() - margins.left() - margins.right()
        height = room.height() - margins.top() - margins.bottom()
        if page.width() <= 0 or page.height() <= 0 or width <= 0 or height <= 0:
            return
        to_pixels = max(self.logicalDpiX(), 1) / 72
        view.setZoomFactor(0.96 * min(width / (page.width() * to_pixels),
                                      height / (page.height() * to_pixels)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.template_preview.view.viewport() and \
                event.type() == QEvent.Type.Resize:
            self._fit_preview()
        return super().eventFilter(watched, event)

    def _on_profile_clicked(self) -> None:
        from gui.settings.business_profile_dialog import BusinessProfileDialog

        BusinessProfileDialog(self._context, self, needed_fields=self._needed_fields).exec()

    def _on_save_clicked(self) -> None:
        if self._save_shown():
            self._context.post_status(self.tr("Template saved"))

    def _save_shown(self) -> bool:
        """Save the editor's wording into the shown template; False (and says why) if not.
        The page reloads on the change."""
        template = self.current_template()
        if template is None:
            return False
        opened = self._opened_template if self._opened_template is not None and \
            self._opened_template.name == template.name else template
        labels = {"title": self.tr("Title"), "body": self.tr("Text"),
                  "format_name": self.tr("Paper")}

        def take_choice(chosen: TemplateText, theirs: TemplateText, version: int) -> None:
            """Another desk saved this template meanwhile, changing the same part, and the
            person chose: the choice goes in the editor, and the next save is against theirs."""
            nonlocal opened
            self.title_edit.setText(chosen.title)
            self.body_edit.setPlainText(chosen.body)
            opened = dataclasses.replace(
                opened, title=theirs.title, body=theirs.body, format_name=theirs.format_name,
                version=version)
            self._opened_template = opened

        try:
            saved = saved_despite_other_desks(
                self, lambda: self._context.run(
                    save_template, name=template.name, kind=template.kind,
                    title=self.title_edit.text(), body=self.body_edit.toPlainText(),
                    format_name=self.format_combo.currentData() or "", base=opened),
                opened.name, lambda n: labels.get(n, n), take_choice)
        except InvalidTemplate as exc:
            QMessageBox.warning(self, self.tr("Template not saved"),
                                "\n".join(self.describe(p) for p in exc.problems))
            return False
        if saved is None:
            return False
        self._opened_template = saved
        return True

    def _on_restore_clicked(self) -> None:
        template = self.current_template()
        if template is None or not template.has_default:
            return
        if self.is_edit_unsaved() and QMessageBox.question(
                self, self.tr("Restore default"),
                self.tr("Bring back the original wording? What you typed here is discarded.")
        ) != QMessageBox.StandardButton.Yes:
            return
        self._show_template(self._shown_row)  # the stored wording: the reload keeps no edit
        self._context.run(restore_default_template, template.name)
        self._context.post_status(self.tr("Default template restored"))

    # -- batches ---------------------------------------------------------------------------

    def _on_who_changed(self) -> None:
        who = self.who_combo.currentIndex()
        self.tag_combo.setEnabled(who == WHO_TAG)
        self.stage_combo.setEnabled(who == WHO_STAGE)
        self.sheet_combo.setEnabled(self.labels_check.isChecked())
        self.start_spin.setEnabled(self.labels_check.isChecked())
        row = self.batch_template_combo.currentIndex()
        letter = 0 <= row < len(self._templates) and self._templates[row].kind == "letter"
        self.already_sent_check.setText(
            self.tr("Leave out customers who already got this letter this year") if letter
            else self.tr("Leave out customers who already got this card this year"))

    def selection(self) -> RecipientSelection:
        who = self.who_combo.currentIndex()
        if who == WHO_TAG:
            return RecipientSelection(tag=self.tag_combo.currentData() or "")
        if who == WHO_STAGE:
            return RecipientSelection(stage=self.stage_combo.currentData())
        if who == WHO_EVERYONE:
            return RecipientSelection(everyone=True)
        return RecipientSelection(customer_ids=self._selected_ids)

    def batch_request(self, labels: bool = False) -> BatchRequest:
        """The batch as chosen on the tab."""
        return BatchRequest(
            self.batch_template_combo.currentData() or "", self.selection(),
            self.batch_format_combo.currentData() or "",
            self.sheet_combo.currentData() if labels else "", self.start_spin.value(),
            leave_out_already_sent=self.already_sent_check.isChecked())

    def plan_current(self, *, labels: bool = False) -> BatchPlan | None:
        """Choose the recipients (reads only) and show how many, and who is left out and
        why; None (having said why) when there is nothing to print."""
        if self.who_combo.currentIndex() == WHO_SELECTION and not self._selected_ids:
            QMessageBox.information(self, self.tr("Nobody chosen"), self.tr(
                "Select customers in the Customers list first, or choose a tag or a stage."))
            return None
        try:
            plan = self._plan_batch(self.batch_request(labels))
        except Cancelled:
            return None
        except IncompleteBusinessProfile as exc:
            ask_to_complete_profile(self, self._context, exc.fields)
            return None
        except NoRecipients as exc:
            self._show_skipped(exc.skipped)
            self.summary_label.setText(recipients_text(0, exc.skipped))
            QMessageBox.information(self, self.tr("Nothing to print"), self.tr(
                "None of these customers can be mailed; see the list of who was left out."))
            return None
        except Exception as exc:
            message = print_error_text(exc)
            if message is None:
                raise
            QMessageBox.warning(self, self.tr("Cannot print this batch"), message)
            return None
        self._show_skipped(plan.skipped)
        self.summary_label.setText(recipients_text(len(plan.recipients), plan.skipped))
        return plan

    def _on_preview_clicked(self) -> None:
        self.preview_batch()

    def preview_batch(self) -> BatchPlan | None:
        """Count the recipients and draw the first cards; nothing is recorded or saved."""
        from core.printing.formats import get_page_format
        from core.printing.render import ItemsJob, render_items_bytes

        plan = self.plan_current()
        if plan is None:
            return None
        first = plan.recipients[:PREVIEW_ITEMS]
        pdf = render_items_bytes(ItemsJob(plan.template.title, plan.template.body,
                                          get_page_format(plan.format_name), plan.profile,
                                          first))
        self.batch_preview.show_pdf(pdf, scale=0.8)
        locale = QLocale()
        self.batch_preview_label.setText(fill(
            self.tr("Preview: the first %1 of %2. Nothing is recorded until you press "
                    "Create batch."), locale.toString(len(first)),
            locale.toString(len(plan.recipients))) if len(first) < len(plan.recipients)
            else self.tr("Preview: the whole batch. Nothing is recorded until you press "
                         "Create batch."))
        self.batch_preview_label.show()
        return plan

    def confirm_plan(self, plan: BatchPlan) -> bool:
        """Ask before anything is created, with the count and who is left out."""
        answer = QMessageBox.question(self, self.tr("Create batch"), fill(
            self.tr("Create the batch “%1”?\n\n%2\n\nThe list on the left says who is left "
                    "out and why."),
            self.batch_template_combo.currentText(),
            recipients_text(len(plan.recipients), plan.skipped)))
        return answer == QMessageBox.StandardButton.Yes

    def _on_create_clicked(self) -> None:
        plan = self.plan_current(labels=self.labels_check.isChecked())
        if plan is None or not self.confirm_plan(plan):
            return
        # A bare name: the dialog opens where the last PDF went (Documents at first).
        name = f"{self.batch_template_combo.currentData() or 'batch'}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the batch as"), name,
                                              self.tr("PDF (*.pdf)"))
        if path:
            self.print_planned(plan, Path(path))

    def create_batch(self, out_path: Path) -> int | None:
        """Plan, render (on a worker, with Cancel) and record a batch; returns its id."""
        plan = self.plan_current(labels=self.labels_check.isChecked())
        return None if plan is None else self.print_planned(plan, out_path)

    def print_planned(self, plan: BatchPlan, out_path: Path) -> int | None:
        """Record and write a planned batch (with Cancel); returns its id."""
        labels_path = (out_path.with_name(out_path.stem + "-labels.pdf")
                       if plan.label_sheet else None)
        try:
            summary = print_plan(self, self._context, plan, out_path, labels_path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Cannot print this batch"),
                                print_error_text(exc) or str(exc))
            return None
        if summary is None:
            return None
        text = fill(self.tr("%Ln item(s) saved to %1", "", summary.item_count), str(out_path))
        if labels_path:
            text += fill(self.tr("; labels in %1"), str(labels_path))
        self.summary_label.setText(text)
        self.last_batch_path = out_path
        self.print_button.setEnabled(True)
        self.batch_preview.show_pdf(out_path, scale=0.8)
        self.batch_preview_label.setText(fill(self.tr("The batch as saved to %1."),
                                              str(out_path)))
        self.batch_printed.emit(summary.id)
        return summary.id

    def _plan_batch(self, request: BatchRequest) -> BatchPlan:
        """Choosing "everyone" reads every customer: a long job, off the GUI thread."""
        database = self._context.database

        def plan(_progress: object, is_cancelled: Callable[[], bool]) -> BatchPlan:
            planned, _ = database.run(plan_batch, request)
            if is_cancelled():
                raise Cancelled()
            return planned

        return run_long_job(self, self.tr("Choosing the recipients…"), plan)

    def _show_skipped(self, skipped: tuple[Skipped, ...]) -> None:
        self.skipped_list.clear()
        self.skipped_list.addItems([
            f"{skip.name or fill(self.tr('Customer no. %1'), skip.customer_id)}: "
            f"{skip_reason_text(skip.reason)}" for skip in skipped])

    def _on_print_clicked(self) -> None:
        if self.last_batch_path is not None:
            print_pdf(self, self.last_batch_path)

