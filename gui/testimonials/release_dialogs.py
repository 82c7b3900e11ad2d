"""The release's small dialogs: signed (the day, the scope actually ticked, the scan),
declined, withdrawn (the day and why), and a place where the testimonial is used.

Each runs its core service itself, shows a problem under the field it concerns, and asks
before throwing away what was typed. A release move carries the release as the person saw
it: when another desk recorded it otherwise meanwhile, nothing is saved, the dialog says
what was recorded there beside what was typed here, and the testimonial is read again (a
consent is a fact on paper to look at again, not a value to pick)."""
from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core.kernel.desk import who_is_at_the_desk
from core.kernel.edits import EditConflict, SavedMeanwhile
from core.kernel.errors import Invalid, NotFound, RegularsError
from core.store.errors import DatabaseBusy
from core.testimonials.errors import NotReleasedFor, SourceUnreadable, WrongReleaseState
from core.testimonials.services import (
    decline_release,
    get_testimonial,
    log_use,
    revoke_release,
    sign_release,
)
from core.testimonials.types import (
    CHANNELS,
    DECLINED_EVENT,
    EXPIRED_EVENT,
    FIRST_NAME_INITIAL,
    FLYER,
    FORM_PRINTED,
    FORM_WITHDRAWN,
    NAMINGS,
    NOT_REQUESTED,
    PLACE_KINDS,
    PRINT,
    REQUESTED,
    REVOKED_EVENT,
    SIGNED,
    SIGNED_EVENT,
    SOCIAL,
    SOCIAL_POST,
    WEB_PAGE,
    WEBSITE,
    ReleaseRecord,
    ReleaseScope,
    TakedownItem,
    TestimonialRow,
    UseDraft,
    default_release_end,
)

from gui.printing.texts import fill
from gui.shell.context import AppContext
from gui.testimonials.problems import clear_problems, error_label, show_message, show_problems
from gui.testimonials.texts import (
    channel_text,
    day_format,
    left_out_text,
    naming_text,
    place_kind_text,
    release_record_text,
    short_quote,
    state_text,
)
from gui.widgets.discard_prompt import DiscardPrompt
from gui.widgets.fields import FieldMessage, date_edit, line_edit, with_message
from gui.widgets.sizing import grow_to_fit

SCAN_FILES = "*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.heic"
# The history's events that record a release's move (who recorded it, when it clashed).
RELEASE_EVENTS = (FORM_PRINTED, SIGNED_EVENT, DECLINED_EVENT, REVOKED_EVENT, EXPIRED_EVENT,
                  FORM_WITHDRAWN)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> dt.date:
    value: dt.date = edit.date().toPython()  # type: ignore[assignment]
    return value


class ReleaseDialog(QDialog):
    """What the release dialogs share: whose testimonial, a form, a message line, the
    buttons, and Save running `_save()` (which raises core's errors). A move is allowed
    from the release states in `allowed_from`."""

    changed_elsewhere = Signal()  # another desk recorded the release otherwise: read again
    allowed_from: tuple[str, ...] = ()

    def __init__(self, context: AppContext, row: TestimonialRow, parent: QWidget | None,
                 title: str, save_text: str, locale: QLocale | None, today: dt.date) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._context = context
        self.row = row
        self._today = today
        self.shop_locale = locale or QLocale()
        self.messages: dict[str, FieldMessage] = {}
        self.about_label = about = QLabel()
        about.setWordWrap(True)
        self._show_about()
        self.form = QFormLayout()
        self.form_message_label = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(save_text)
        self.save_button.setEnabled(not context.read_only)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(self.form)
        layout.addWidget(self.form_message_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def _show_about(self) -> None:
        self.about_label.setText(
            f"<b>{html.escape(self.row.customer_name)}</b> — "
            f"“{html.escape(short_quote(self.row.final_words, 120))}”")

    @property
    def base(self) -> dict[str, ReleaseRecord | int | None]:
        """The release as the person saw it, for the move to be checked against."""
        return {"base": self.row.release, "base_version": self.row.version}

    def add_row(self, label: str, field: QWidget, name: str) -> None:
        cell, self.messages[name] = with_message(field)
        self.form.addRow(label, cell)

    def finish(self) -> None:
        self._baseline = self.typed()
        self.discard_prompt = DiscardPrompt(self, is_dirty=lambda: self.typed() != self._baseline,
                                            save=self.save, can_save=self.save_button.isEnabled)

    def typed(self) -> tuple[object, ...]:
        return ()

    def _save(self) -> bool:
        """Run the service; False when a problem is already shown (nothing saved)."""
        raise NotImplementedError

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        clear_problems(self.messages, self.form_message_label)
        try:
            for _attempt in range(3):
                try:
                    if not self._save():
                        return
                    break
                except SavedMeanwhile:  # lost the race by a moment: checked again
                    continue
            else:
                raise SavedMeanwhile()
        except Invalid as exc:
            show_problems(self.messages, exc, self.form_message_label)
            return
        except EditConflict as conflict:
            self._recorded_elsewhere(conflict)
            return
        except RegularsError as exc:
            self.show_message(self.error_text(exc))
            return
        self._baseline = self.typed()
        self.accept()

    def _recorded_elsewhere(self, conflict: EditConflict[ReleaseRecord]) -> None:
        """Nothing was saved: say what the other desk recorded (and who) beside what was
        typed here, and read the testimonial again (Save stays only where the move still
        makes sense)."""
        day = day_format(self.shop_locale)
        theirs = release_record_text(conflict.theirs, day)
        try:
            detail = self._context.read(get_testimonial, self.row.id, today=self._today)
        except NotFound:  # deleted there meanwhile
            detail = None
        if detail is not None:
            self.row = detail.row
            self._show_about()
            by = next((entry.by for entry in reversed(detail.history)
                       if entry.event in RELEASE_EVENTS), "")
            if by:
                theirs = fill(self.tr("%1 (by %2)"), theirs, by)
        self.show_message(fill(self.tr(
            "Not saved: while this was open, someone at another desk recorded this release "
            "differently.\n\nRecorded there: %1\n\nWhat you entered: %2\n\nNothing was "
            "changed. Check the signed form or ask the customer, then record what is true."),
            theirs, release_record_text(conflict.mine, day)))
        self.save_button.setEnabled(detail is not None and not self._context.read_only
                                    and self.row.release_state in self.allowed_from)
        grow_to_fit(self)
        self.changed_elsewhere.emit()

    def error_text(self, exc: RegularsError) -> str:
        if isinstance(exc, WrongReleaseState):
            return fill(self.tr("This cannot be done now: the release is “%1”. Someone may "
                                "have changed it on another desk; close and look again."),
                        state_text(exc.state))
        if isinstance(exc, NotFound) and exc.kind == "testimonial":
            return self.tr("Not saved: this testimonial was deleted at another desk "
                           "meanwhile.")
        if isinstance(exc, SourceUnreadable):
            return fill(self.tr("The file %1 could not be read (%2): nothing was saved."),
                        exc.path, exc.reason)
        if isinstance(exc, NotReleasedFor):
            return fill(self.tr("It may not be used there: %1."), left_out_text(exc.reason))
        if isinstance(exc, (DatabaseBusy, SavedMeanwhile)):
            return self.tr("Not saved yet: another program is still using the database. "
                           "Press Save to try again.")
        return self.tr("This could not be saved.")

    def show_message(self, text: str) -> None:
        show_message(self.form_message_label, text)

    def reject(self) -> None:
        if self.discard_prompt.may_close():
            super().reject()


class SignDialog(ReleaseDialog):
    """The signed form came back: the day, and exactly what the customer ticked."""

    allowed_from = (NOT_REQUESTED, REQUESTED)

    def __init__(self, context: AppContext, row: TestimonialRow, parent: QWidget | None = None,
                 *, today: dt.date, locale: QLocale | None = None) -> None:
        super().__init__(context, row, parent, self.tr("Release Signed"),
                         self.tr("Save Signed Release"), locale, today)
        intro = QLabel(self.tr("Copy what the customer ticked on the signed form."))
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.signed_edit = date_edit(self.shop_locale)
        self.signed_edit.setDate(_qdate(today))
        self.add_row(self.tr("Signed on:"), self.signed_edit, "signed_on")
        self.channel_checks: dict[str, QCheckBox] = {}
        channels = QVBoxLayout()
        channels.setSpacing(2)
        for code in CHANNELS:
            check = QCheckBox(channel_text(code))
            self.channel_checks[code] = check
            channels.addWidget(check)
        channels_box = QWidget()
        channels_box.setLayout(channels)
        channels.setContentsMargins(0, 0, 0, 0)
        self.add_row(self.tr("May be used on:"), channels_box, "channels")
        self.naming_group = QButtonGroup(self)
        self.naming_buttons: dict[str, QRadioButton] = {}
        naming = QVBoxLayout()
        naming.setSpacing(2)
        naming.setContentsMargins(0, 0, 0, 0)
        for code in NAMINGS:
            button = QRadioButton(naming_text(code))
            self.naming_buttons[code] = button
            self.naming_group.addButton(button)
            naming.addWidget(button)
        self.naming_buttons[FIRST_NAME_INITIAL].setChecked(True)
        naming_box = QWidget()
        naming_box.setLayout(naming)
        self.add_row(self.tr("Name shown as:"), naming_box, "naming")
        self.photo_check = QCheckBox(self.tr("A photo or likeness may be used"))
        self.editing_check = QCheckBox(self.tr("Light editing for length is allowed"))
        self.form.addRow("", self.photo_check)
        self.form.addRow("", self.editing_check)
        self.until_revoked_radio = QRadioButton(self.tr("Until withdrawn"))
        self.until_date_radio = QRadioButton(self.tr("Until:"))
        self.until_edit = date_edit(self.shop_locale)
        self.until_edit.setDate(_qdate(default_release_end(today)))
        self.until_date_radio.setChecked(True)
        self.until_date_radio.toggled.connect(self.until_edit.setEnabled)
        self.signed_edit.dateChanged.connect(self._on_signed_changed)
        duration = QHBoxLayout()
        duration.setContentsMargins(0, 0, 0, 0)
        duration.addWidget(self.until_date_radio)
        duration.addWidget(self.until_edit)
        duration.addSpacing(16)
        duration.addWidget(self.until_revoked_radio)
        duration.addStretch(1)
        duration_box = QWidget()
        duration_box.setLayout(duration)
        self.add_row(self.tr("Lasts:"), duration_box, "until")
        self.scan_edit = QLineEdit()
        self.scan_edit.setPlaceholderText(self.tr("The scanned or photographed signed form"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._on_browse_clicked)
        scan = QHBoxLayout()
        scan.setContentsMargins(0, 0, 0, 0)
        scan.addWidget(self.scan_edit, 1)
        scan.addWidget(browse)
        scan_box = QWidget()
        scan_box.setLayout(scan)
        self.add_row(self.tr("Scan of the form:"), scan_box, "scan")
        self.finish()

    def _on_signed_changed(self, date: QDate) -> None:
        signed: dt.date = date.toPython()  # type: ignore[assignment]
        self.until_edit.setDate(_qdate(default_release_end(signed)))

    def _on_browse_clicked(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the scan of the signed form"), "",
            fill(self.tr("Scans (%1);;All files (*)"), SCAN_FILES))
        if chosen:
            self.scan_edit.setText(chosen)

    def scope(self) -> ReleaseScope:
        naming = next(code for code, button in self.naming_buttons.items()
                      if button.isChecked())
        return ReleaseScope(
            channels=tuple(code for code, check in self.channel_checks.items()
                           if check.isChecked()),
            naming=naming, photo=self.photo_check.isChecked(),
            light_editing=self.editing_check.isChecked(),
            until=_day(self.until_edit) if self.until_date_radio.isChecked() else None)

    def typed(self) -> tuple[object, ...]:
        return (self.scope(), self.scan_edit.text())

    def _save(self) -> bool:
        scan_text = self.scan_edit.text().strip()
        scan = Path(scan_text) if scan_text else None
        if scan is not None and not scan.is_file():
            self.messages["scan"].show_message(self.tr(
                "There is no file here; choose the scan again, or leave this empty."))
            return False
        self._context.run(sign_release, self.row.id, self.scope(),
                          signed_on=_day(self.signed_edit), by=who_is_at_the_desk(), scan=scan,
                          **self.base)
        return True


class DeclineDialog(ReleaseDialog):
    allowed_from = (NOT_REQUESTED, REQUESTED)

    def __init__(self, context: AppContext, row: TestimonialRow, parent: QWidget | None = None,
                 *, today: dt.date, locale: QLocale | None = None) -> None:
        super().__init__(context, row, parent, self.tr("Release Declined"),
                         self.tr("Save"), locale, today)
        intro = QLabel(self.tr("The customer would rather not: this testimonial will never "
                               "be offered for use."))
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.on_edit = date_edit(self.shop_locale)
        self.on_edit.setDate(_qdate(today))
        self.add_row(self.tr("Declined on:"), self.on_edit, "on")
        self.reason_edit = line_edit(300, 300, self.tr("Optional"))
        self.add_row(self.tr("Reason:"), self.reason_edit, "reason")
        self.finish()

    def typed(self) -> tuple[object, ...]:
        return (self.reason_edit.text(),)

    def _save(self) -> bool:
        self._context.run(decline_release, self.row.id, on=_day(self.on_edit),
                          reason=self.reason_edit.text(), by=who_is_at_the_desk(), **self.base)
        return True


class RevokeDialog(ReleaseDialog):
    """The customer withdrew their permission. `takedowns` are then the places still
    using it."""

    allowed_from = (SIGNED,)

    def __init__(self, context: AppContext, row: TestimonialRow, parent: QWidget | None = None,
                 *, today: dt.date, locale: QLocale | None = None) -> None:
        super().__init__(context, row, parent, self.tr("Withdraw the Release"),
                         self.tr("Withdraw"), locale, today)
        self.takedowns: tuple[TakedownItem, ...] = ()
        intro = QLabel(self.tr(
            "From this day the testimonial is no longer offered for use. Every place where "
            "it is still used goes on the take-down list."))
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.on_edit = date_edit(self.shop_locale)
        self.on_edit.setDate(_qdate(today))
        self.add_row(self.tr("Withdrawn on:"), self.on_edit, "on")
        self.reason_edit = line_edit(300, 300, self.tr("For example: asked by phone"))
        self.add_row(self.tr("Reason:"), self.reason_edit, "reason")
        self.finish()

    def typed(self) -> tuple[object, ...]:
        return (self.reason_edit.text(),)

    def _save(self) -> bool:
        self.takedowns = self._context.run(revoke_release, self.row.id, on=_day(self.on_edit),
                                           reason=self.reason_edit.text(),
                                           by=who_is_at_the_desk(), **self.base)
        return True


class LogUseDialog(ReleaseDialog):
    """A place where the testimonial is used: only on places the release covers (checked
    against the release as stored when saving)."""

    def __init__(self, context: AppContext, row: TestimonialRow, parent: QWidget | None = None,
                 *, today: dt.date, locale: QLocale | None = None) -> None:
        super().__init__(context, row, parent, self.tr("Log a Use"), self.tr("Save"), locale, today)
        self.kind_combo = QComboBox()
        for code in PLACE_KINDS:
            self.kind_combo.addItem(place_kind_text(code), code)
        self.add_row(self.tr("What:"), self.kind_combo, "place_kind")
        self.where_edit = line_edit(300, 320, self.tr(
            "A page's address, “flyer in the window”, “Instagram post of 3 May”"))
        self.add_row(self.tr("Where:"), self.where_edit, "where")
        self.channel_combo = QComboBox()
        allowed = row.scope.channels if row.scope else ()
        for code in allowed:
            self.channel_combo.addItem(channel_text(code), code)
        self.add_row(self.tr("Counts as:"), self.channel_combo, "channel")
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self._on_kind_changed()
        self.started_edit = date_edit(self.shop_locale)
        self.started_edit.setDate(_qdate(today))
        self.add_row(self.tr("Used since:"), self.started_edit, "started_on")
        self.finish()

    def _on_kind_changed(self) -> None:
        """A web page counts as the website, a post as social media, a flyer as printed
        material (where the release allows it; the person may still choose)."""
        usual = {WEB_PAGE: WEBSITE, SOCIAL_POST: SOCIAL, FLYER: PRINT}.get(
            str(self.kind_combo.currentData()))
        index = self.channel_combo.findData(usual) if usual else -1
        if index >= 0:
            self.channel_combo.setCurrentIndex(index)

    def typed(self) -> tuple[object, ...]:
        return (self.where_edit.text(),)

    def _save(self) -> bool:
        draft = UseDraft(place_kind=str(self.kind_combo.currentData()),
                         where=self.where_edit.text(),
                         channel=str(self.channel_combo.currentData() or ""),
                         started_on=_day(self.started_edit))
        self._context.run(log_use, self.row.id, draft, by=who_is_at_the_desk())
        return True


def run_dialog(make: Callable[..., ReleaseDialog], context: AppContext, row: TestimonialRow,
               parent: QWidget, today: dt.date, locale: QLocale | None = None,
               on_changed_elsewhere: Callable[[], None] | None = None,
               **kwargs: Any) -> ReleaseDialog | None:
    """Open one of these dialogs; it, once saved, or None. `on_changed_elsewhere` runs
    when another desk turns out to have recorded the release otherwise (to read it again)."""
    dialog = make(context, row, parent, today=today, locale=locale, **kwargs)
    if on_changed_elsewhere is not None:
        dialog.changed_elsewhere.connect(on_changed_elsewhere)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    # Gone with its widgets now, on this thread: left to the parent, its Python side (a
    # cycle through its discard prompt) would be collected later on whichever thread
    # collects garbage, and PySide6 deleting widgets from there crashed the window.
    dialog.deleteLater()
    return dialog if accepted else None
