"""One testimonial in full: the words as said beside the edited version, the facts, the
release in plain words, what can be done next, and tabs for its uses (the take-down
list), its files and its history. The same panel serves the Testimonials page and a
customer's record."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.kernel.changes import Changes
from core.kernel.desk import who_is_at_the_desk
from core.kernel.errors import NotFound, RegularsError
from core.testimonials.errors import AttachmentUnreadable, SourceUnreadable
from core.testimonials.services import (
    add_attachment,
    delete_testimonial,
    get_testimonial,
    open_attachment,
    tick_off_use,
)
from core.testimonials.types import (
    ATTACHMENT_KINDS,
    DECLINED,
    ENDED,
    EXPIRED,
    NOT_REQUESTED,
    REQUESTED,
    REVOKED,
    SIGNED,
    TakedownItem,
    TestimonialDetail,
    TestimonialRow,
)

from gui.printing.texts import fill
from gui.shell.context import AppContext
from gui.testimonials.detail_tabs import FilesTab, HistoryTab, UsesTab
from gui.testimonials.release_dialogs import (
    DeclineDialog,
    LogUseDialog,
    RevokeDialog,
    SignDialog,
    run_dialog,
)
from gui.testimonials.texts import (
    STATE_COLOURS,
    attachment_kind_text,
    how_given_text,
    rating_text,
    scope_lines,
    state_text,
)

# Which actions make sense in which release state.
CAN_REQUEST = (NOT_REQUESTED, REQUESTED)
CAN_SIGN = (NOT_REQUESTED, REQUESTED)


def badge_style(state: str) -> str:
    colour = STATE_COLOURS.get(state, "#6b7280")
    return f"background: {colour}; color: white; border-radius: 9px; padding: 2px 10px;"


class TestimonialPanel(QWidget):
    """Shows one testimonial (by id) and runs what can be done with it; reads it again
    when an operation anywhere changes testimonials."""

    __test__ = False  # pytest: not a test class
    print_requested = Signal(list)  # ids whose release forms to print
    change_requested = Signal(object)  # the TestimonialRow to change

    def __init__(self, context: AppContext, *, locale: QLocale,
                 format_day: Callable[[dt.date], str], today: Callable[[], dt.date],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._locale = locale
        self._format_day = format_day
        self._today = today
        self.detail: TestimonialDetail | None = None
        self.last_takedowns: tuple[TakedownItem, ...] = ()
        self.delete_box: QMessageBox | None = None

        self.name_label = QLabel()
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        self.state_label = QLabel()
        self.said_view = self._quote_view()
        self.edited_view = self._quote_view()
        self.said_caption = QLabel(self.tr("Words as said"))
        self.edited_caption = QLabel(self.tr("Edited version for use"))
        for caption in (self.said_caption, self.edited_caption):
            caption.setStyleSheet("font-weight: 600;")
        self.facts_label = QLabel()
        self.facts_label.setWordWrap(True)
        self.facts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.release_label = QLabel()
        self.release_label.setWordWrap(True)
        self.release_label.setTextFormat(Qt.TextFormat.PlainText)
        self.release_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.change_button = QPushButton(self.tr("Change…"))
        self.print_button = QPushButton(self.tr("Print Release Form…"))
        self.sign_button = QPushButton(self.tr("Signed…"))
        self.sign_button.setToolTip(self.tr(
            "The signed form came back: record the day, what was ticked, and the scan"))
        self.decline_button = QPushButton(self.tr("Declined…"))
        self.revoke_button = QPushButton(self.tr("Withdraw…"))
        self.revoke_button.setToolTip(self.tr(
            "The customer withdrew their permission: stop using it and take it down"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setToolTip(self.tr(
            "Delete this testimonial for good, with its history and files (captured by "
            "mistake, or the customer asks to be forgotten)"))
        self.delete_button.clicked.connect(self.delete)
        self.change_button.clicked.connect(self._on_change_clicked)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.sign_button.clicked.connect(lambda: self._run(SignDialog))
        self.decline_button.clicked.connect(lambda: self._run(DeclineDialog))
        self.revoke_button.clicked.connect(self.revoke)

        self.uses_tab = UsesTab(format_day)
        self.files_tab = FilesTab(locale)
        self.history_tab = HistoryTab(locale, format_day)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.uses_tab, self.tr("Where It Is Used"))
        self.tabs.addTab(self.files_tab, self.tr("Files"))
        self.tabs.addTab(self.history_tab, self.tr("History"))
        self.uses_tab.log_use_button.clicked.connect(lambda: self._run(LogUseDialog))
        self.uses_tab.taken_down_button.clicked.connect(self.tick_off_chosen_use)
        self.files_tab.open_button.clicked.connect(self.open_chosen_file)
        attach_menu = QMenu(self)
        for kind in ATTACHMENT_KINDS:
            attach_menu.addAction(attachment_kind_text(kind) + "…",
                                  partial(self._on_attach_clicked, kind))
        self.files_tab.attach_button.setMenu(attach_menu)

        self.empty_label = QLabel(self.tr("Choose a testimonial to see it here."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: palette(mid);")
        self.body = self._build_body()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.body, 1)
        self.body.hide()
        context.changes_applied.connect(self.on_changes)

    def _quote_view(self) -> QPlainTextEdit:
        view = QPlainTextEdit()
        view.setReadOnly(True)
        view.setFrameShape(QFrame.Shape.StyledPanel)
        view.setMinimumHeight(48)
        view.setMaximumHeight(96)
        return view

    def _build_body(self) -> QWidget:
        body = QWidget()
        head = QHBoxLayout()
        head.addWidget(self.name_label)
        head.addWidget(self.state_label)
        head.addStretch(1)
        quotes = QGridLayout()
        quotes.addWidget(self.said_caption, 0, 0)
        quotes.addWidget(self.edited_caption, 0, 1)
        quotes.addWidget(self.said_view, 1, 0)
        quotes.addWidget(self.edited_view, 1, 1)
        quotes.setColumnStretch(0, 1)
        quotes.setColumnStretch(1, 1)
        self._quotes = quotes
        actions = QHBoxLayout()
        for button in (self.change_button, self.print_button, self.sign_button,
                       self.decline_button, self.revoke_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.delete_button)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addLayout(quotes)
        layout.addWidget(self.facts_label)
        layout.addWidget(self.release_label)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)
        return body

    # -- showing ----------------------------------------------------------------------

    @property
    def row(self) -> TestimonialRow | None:
        return self.detail.row if self.detail else None

    def show_testimonial(self, testimonial_id: int | None) -> None:
        detail = None
        if testimonial_id is not None:
            try:
                detail = self._context.read(get_testimonial, testimonial_id, today=self._today())
            except NotFound:  # deleted on another desk meanwhile
                detail = None
        self.show_detail(detail)

    def show_detail(self, detail: TestimonialDetail | None) -> None:
        self.detail = detail
        self.body.setVisible(detail is not None)
        self.empty_label.setVisible(detail is None)
        if detail is None:
            return
        row = detail.row
        self.name_label.setText(row.customer_name)
        self.state_label.setText(state_text(row.release_state))
        self.state_label.setStyleSheet(badge_style(row.release_state))
        self.said_view.setPlainText(row.words)
        self.edited_view.setPlainText(row.edited_words)
        self.edited_view.setVisible(bool(row.edited_words))
        self.edited_caption.setVisible(bool(row.edited_words))
        # The words as said take the whole width when they are used as they are.
        self._quotes.addWidget(self.said_view, 1, 0, 1, 1 if row.edited_words else 2)
        self.said_caption.setText(self.tr("Words as said") if row.edited_words
                                  else self.tr("Words as said (used as they are)"))
        self.facts_label.setText(self.facts_text(row))
        self.release_label.setText(self.release_text(row))
        self.uses_tab.set_uses(detail.uses, release_ended=row.release_state in ENDED)
        self.files_tab.set_attachments(detail.attachments)
        self.history_tab.set_history(detail.history)
        if row.takedowns_open:
            self.tabs.setCurrentWidget(self.uses_tab)
        self._update_buttons()

    def facts_text(self, row: TestimonialRow) -> str:
        parts = [fill(self.tr("Given %1, %2"), self._format_day(row.given_on),
                      how_given_text(row.how_given).lower())]
        if row.rating:
            parts.insert(0, rating_text(row.rating))
        if row.captured_by:
            parts.append(fill(self.tr("captured by %1"), row.captured_by))
        parts.append(fill(self.tr("Incentive: %1 (disclosed wherever it is used)"),
                          row.incentive) if row.incentive else self.tr("No incentive given"))
        return "  ·  ".join(parts)

    def release_text(self, row: TestimonialRow) -> str:
        day = self._format_day
        state = row.release_state
        if state == NOT_REQUESTED:
            return self.tr("No release yet: print the release form for the customer to "
                           "sign. Until it is signed, this testimonial is not used anywhere.")
        if state == REQUESTED and row.requested_on:
            return fill(self.tr("Release form printed %1; waiting for the signed form to "
                                "come back."), day(row.requested_on))
        if state == DECLINED and row.declined_on:
            return fill(self.tr("The customer declined on %1: it is never used."),
                        day(row.declined_on))
        lines = []
        if state == REVOKED and row.revoked_on:
            why = f" ({row.revoke_reason})" if row.revoke_reason else ""
            lines.append(fill(self.tr("Withdrawn %1%2: no longer used."), day(row.revoked_on),
                              why))
        if state == EXPIRED:
            ended = row.expired_on or (row.scope.until if row.scope else None)
            lines.append(fill(self.tr("Expired %1: ask the customer to sign again if they "
                                      "still stand by it."), day(ended) if ended else ""))
        places, terms = scope_lines(row.scope, day) if row.scope else ("", "")
        if row.signed_on:
            lines.append(fill(self.tr("Signed %1, for use on: %2."), day(row.signed_on), places))
        if terms:
            lines.append(terms)
        return "\n".join(lines)

    def _update_buttons(self) -> None:
        row = self.row
        writable = not self._context.read_only and row is not None
        state = row.release_state if row else ""
        self.change_button.setEnabled(writable)
        self.delete_button.setEnabled(writable)
        self.print_button.setEnabled(writable and state in CAN_REQUEST)
        self.sign_button.setEnabled(writable and state in CAN_SIGN)
        self.decline_button.setEnabled(writable and state in CAN_SIGN)
        self.revoke_button.setEnabled(writable and state == SIGNED)
        self.uses_tab.log_use_button.setEnabled(writable and state == SIGNED)
        self.uses_tab.log_use_button.setToolTip(
            "" if state == SIGNED else self.tr("Only a testimonial with a signed release "
                                               "can be used"))
        self.files_tab.attach_button.setEnabled(writable)
        self.uses_tab.update_buttons()
        if not writable:
            self.uses_tab.taken_down_button.setEnabled(False)

    def on_changes(self, changes: Changes) -> None:
        if (changes.testimonials or changes.customers) and self.detail is not None:
            self.show_testimonial(self.detail.row.id)

    # -- doing ------------------------------------------------------------------------

    def _run(self, make: type) -> object:
        row = self.row
        if row is None or self._context.read_only:
            return None
        return run_dialog(make, self._context, row, self, self._today(), self._locale,
                          on_changed_elsewhere=lambda: self.show_testimonial(row.id))

    def revoke(self) -> None:
        dialog = self._run(RevokeDialog)
        if isinstance(dialog, RevokeDialog) and dialog.takedowns:
            self.last_takedowns = dialog.takedowns
            self.tabs.setCurrentWidget(self.uses_tab)
            places = "\n".join(f"• {item.where}" for item in dialog.takedowns)
            QMessageBox.information(self, self.tr("Take It Down"), fill(self.tr(
                "The release is withdrawn. Take the testimonial down from these places, "
                "and tick each off under “Where It Is Used” once it is gone:\n\n%1"), places))

    def delete(self) -> bool:
        """Asks first (saying where it is still shown), then deletes it for good."""
        row = self.row
        if row is None or self._context.read_only or self.detail is None:
            return False
        still = [use.where for use in self.detail.uses if use.removed_on is None]
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete Testimonial"), fill(
            self.tr("Delete %1's testimonial for good?"), row.customer_name), parent=self)
        informative = self.tr("Its history, the record of the customer's consent, and its "
                              "files go with it. This cannot be undone.")
        if still:
            informative += "\n\n" + self.tr(
                "It is still shown in these places; take it down there by hand:") + "\n" + (
                "\n".join(f"• {where}" for where in still))
        box.setInformativeText(informative)
        delete = box.addButton(self.tr("Delete for Good"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.delete_box = box
        box.exec()
        box.deleteLater()
        if box.clickedButton() is not delete:
            return False
        self._context.run(delete_testimonial, row.id)
        self._context.post_status(fill(self.tr("Deleted %1's testimonial."), row.customer_name))
        return True

    def tick_off_chosen_use(self) -> None:
        use = self.uses_tab.chosen_use()
        if use is None or use.removed_on is not None or self._context.read_only:
            return
        self._context.run(tick_off_use, use.id, on=self._today(), by=who_is_at_the_desk())

    def _on_change_clicked(self) -> None:
        if self.row is not None:
            self.change_requested.emit(self.row)

    def _on_print_clicked(self) -> None:
        if self.row is not None:
            self.print_requested.emit([self.row.id])

    def _on_attach_clicked(self, kind: str) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, fill(self.tr("Attach: %1"), attachment_kind_text(kind)), "",
            self.tr("All files (*)"))
        if chosen:
            self.attach(kind, Path(chosen))

    def attach(self, kind: str, path: Path) -> bool:
        row = self.row
        if row is None or self._context.read_only:
            return False
        try:
            self._context.run(add_attachment, row.id, kind, path, by=who_is_at_the_desk())
        except SourceUnreadable as exc:
            QMessageBox.warning(self, self.tr("Cannot Attach"), fill(self.tr(
                "The file %1 could not be read (%2)."), exc.path, exc.reason))
            return False
        self.tabs.setCurrentWidget(self.files_tab)
        return True

    def open_chosen_file(self) -> None:
        attachment = self.files_tab.chosen()
        if attachment is None:
            return
        try:
            path = self._context.read(open_attachment, attachment.id)
        except AttachmentUnreadable as exc:
            text = (self.tr("The copy of %1 kept with Regulars' data is missing. Restore a "
                            "backup, or attach the file again.") if exc.missing else
                    self.tr("The copy of %1 kept with Regulars' data has changed since it was "
                            "attached (its checksum no longer matches). Restore a backup, or "
                            "attach the file again."))
            QMessageBox.warning(self, self.tr("Cannot Open"), fill(text, exc.file_name))
            return
        except RegularsError:
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

