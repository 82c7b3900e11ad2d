"""The Details tab of the customer editor: who the customer is and how to reach them."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, QModelIndex, QStringListModel, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.customers.queries import all_tags
from core.customers.types import CustomerDraft
from core.customers.validation import format_phone
from core.kernel.errors import Problem

from gui.customers.texts import needs_checking_text
from gui.shell.context import AppContext
from gui.widgets.customer_matches import ID_ROLE, NAME_ROLE, fill_customer_matches
from gui.widgets.fields import (
    FieldMessage,
    PartialDateEdit,
    add_form_row,
    date_edit,
    line_edit,
    with_message,
)

FIELD_MIN_WIDTH = 240


class DetailsTab(QWidget):
    """Name, contact, address, dates, preferences, tags and notes of one customer."""

    def __init__(self, context: AppContext, customer_id: int | None, locale: QLocale,
                 region: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._region = region
        self._customer_id = customer_id
        self._referred_by_id: int | None = None
        # Values an import left out (None: none loaded, so saving leaves them as stored).
        self._needs_checking: tuple[Problem, ...] | None = None
        self.messages: dict[str, FieldMessage] = {}

        self.first_name_edit = self._line_edit(200)
        self.last_name_edit = self._line_edit(200)
        self.organisation_edit = self._line_edit(200)
        self.email_edit = self._line_edit(320, self.tr("name@example.com"))
        self.phone_edit = self._line_edit(40, self.tr("Any format; +country code if abroad"))
        self.customer_since_edit = date_edit(locale)
        self.birthday_edit = PartialDateEdit(locale, optional=True)
        self.source_combo = QComboBox()
        self.source_combo.setEditable(True)
        self.source_combo.addItems(["", self.tr("walk-in"), self.tr("referral"),
                                    self.tr("website"), self.tr("social media"),
                                    self.tr("search engine"), self.tr("event"),
                                    self.tr("flyer"), self.tr("newspaper")])
        source_edit = self.source_combo.lineEdit()
        assert source_edit is not None
        source_edit.setMaxLength(100)
        source_edit.setPlaceholderText(self.tr("How they found us"))
        self.referred_by_edit = self._line_edit(400, self.tr("Type a customer's name"))
        self.referred_by_edit.setClearButtonEnabled(True)

        self.street_edit = self._line_edit(300)
        self.city_edit = self._line_edit(200)
        self.region_edit = self._line_edit(200)
        self.postal_code_edit = self._line_edit(40)
        self.country_edit = self._line_edit(100)
        self.no_mail_check = QCheckBox(self.tr("No mail"))
        self.no_email_check = QCheckBox(self.tr("No email"))
        self.no_birthday_cards_check = QCheckBox(self.tr("No birthday cards"))
        self.no_calls_check = QCheckBox(self.tr("No calls"))
        self.no_campaigns_check = QCheckBox(self.tr("Leave out of all cards, letters and calls"))
        self.tags_edit = self._line_edit(2000, self.tr("vip, newsletter"))
        self.tags_edit.setToolTip(self.tr("Separate tags with commas"))
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setPlaceholderText(self.tr("Anything worth remembering"))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(72)

        person = QFormLayout()
        self._add_row(person, self.tr("&First name:"), self.first_name_edit, "first_name")
        self._add_row(person, self.tr("&Last name:"), self.last_name_edit, "last_name")
        self._add_row(person, self.tr("&Organisation:"), self.organisation_edit, "organisation")
        self._add_row(person, self.tr("&Email:"), self.email_edit, "email")
        self._add_row(person, self.tr("&Phone:"), self.phone_edit, "phone")
        self._add_row(person, self.tr("Customer &since:"), self.customer_since_edit,
                      "customer_since")
        self._add_row(person, self.tr("&Birthday:"), self.birthday_edit, "birthday")
        self._add_row(person, self.tr("So&urce:"), self.source_combo, "source")
        self._add_row(person, self.tr("&Referred by:"), self.referred_by_edit, "referred_by_id")
        address = QFormLayout()
        self._add_row(address, self.tr("S&treet:"), self.street_edit, "street")
        self._add_row(address, self.tr("Cit&y:"), self.city_edit, "city")
        self._add_row(address, self.tr("Re&gion:"), self.region_edit, "region")
        self._add_row(address, self.tr("Postal &code:"), self.postal_code_edit, "postal_code")
        self._add_row(address, self.tr("Cou&ntry:"), self.country_edit, "country")
        preferences = QVBoxLayout()
        for check in (self.no_mail_check, self.no_email_check, self.no_birthday_cards_check,
                      self.no_calls_check, self.no_campaigns_check):
            preferences.addWidget(check)
        address.addRow(self.tr("Contact:"), preferences)
        self._add_row(address, self.tr("T&ags:"), self.tags_edit, "tags")

        person_box = QGroupBox(self.tr("Person"))
        person_box.setLayout(person)
        address_box = QGroupBox(self.tr("Address and preferences"))
        address_box.setLayout(address)
        notes_box = QGroupBox(self.tr("Notes"))
        notes_layout = QVBoxLayout(notes_box)
        notes_cell, self.messages["notes"] = with_message(self.notes_edit)
        notes_layout.addWidget(notes_cell)
        grid = QGridLayout(self)
        grid.addWidget(self._build_needs_checking(), 0, 0, 1, 2)
        grid.addWidget(person_box, 1, 0)
        grid.addWidget(address_box, 1, 1)
        grid.addWidget(notes_box, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 1)

        self._build_referrer_search()
        self._build_tag_completer()

    # -- building -------------------------------------------------------------------------

    def _line_edit(self, max_length: int, placeholder: str = "") -> QLineEdit:
        return line_edit(max_length, FIELD_MIN_WIDTH, placeholder)

    def _add_row(self, form: QFormLayout, label: str, field: QWidget, name: str) -> None:
        add_form_row(form, label, field, self.messages, name)

    def _build_needs_checking(self) -> QFrame:
        """What an import could not use ("phone '12' was not a phone number"), until a
        person has looked at it and pressed Checked."""
        self.needs_checking_frame = QFrame()
        self.needs_checking_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.needs_checking_label = QLabel()
        self.needs_checking_label.setTextFormat(Qt.TextFormat.PlainText)
        self.needs_checking_label.setWordWrap(True)
        self.needs_checking_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.checked_button = QPushButton(self.tr("Checked"))
        self.checked_button.setToolTip(self.tr("Remove this note when the record is saved"))
        self.checked_button.clicked.connect(self._on_checked_clicked)
        layout = QHBoxLayout(self.needs_checking_frame)
        layout.addWidget(self.needs_checking_label, 1)
        layout.addWidget(self.checked_button, 0, Qt.AlignmentFlag.AlignTop)
        self.needs_checking_frame.setVisible(False)
        return self.needs_checking_frame

    def _show_needs_checking(self) -> None:
        notes = self._needs_checking or ()
        self.needs_checking_label.setText("\n".join(needs_checking_text(n) for n in notes))
        self.needs_checking_frame.setVisible(bool(notes))

    def _build_referrer_search(self) -> None:
        self._referrer_model = QStandardItemModel(self)
        self.referrer_completer = QCompleter(self._referrer_model, self)
        self.referrer_completer.setCompletionMode(
            QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.referrer_completer.setWidget(self.referred_by_edit)
        self.referrer_completer.activated[QModelIndex].connect(  # type: ignore[index]
            self._on_referrer_chosen)
        self.referred_by_edit.textEdited.connect(self._on_referrer_text_edited)

    def _build_tag_completer(self) -> None:
        names = [name for _, name in all_tags(self._context.database.raw())]
        self.tag_completer = QCompleter(QStringListModel(names, self), self)
        self.tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tag_completer.setWidget(self.tags_edit)
        self.tag_completer.activated[str].connect(self._on_tag_chosen)  # type: ignore[index]
        self.tags_edit.textEdited.connect(self._on_tags_text_edited)

    # -- the draft --------------------------------------------------------------------------

    def set_draft(self, draft: CustomerDraft, referred_by_name: str) -> None:
        for name in ("first_name", "last_name", "organisation", "email", "street", "city",
                     "region", "postal_code", "country"):
            getattr(self, f"{name}_edit").setText(getattr(draft, name))
        # Stored as E.164; shown the way people in the shop's country write it.
        self.phone_edit.setText(format_phone(draft.phone, self._region))
        self.notes_edit.setPlainText(draft.notes)
        self.source_combo.setCurrentText(draft.source)
        self._referred_by_id = draft.referred_by_id
        self.referred_by_edit.setText(referred_by_name if draft.referred_by_id else "")
        if draft.customer_since is not None:
            since = draft.customer_since
            self.customer_since_edit.setDate(QDate(since.year, since.month, since.day))
        self.birthday_edit.set_value(draft.birthday)
        self.no_mail_check.setChecked(draft.no_mail)
        self.no_email_check.setChecked(draft.no_email)
        self.no_birthday_cards_check.setChecked(draft.no_birthday_cards)
        self.no_calls_check.setChecked(draft.no_calls)
        self.no_campaigns_check.setChecked(draft.no_campaigns)
        self.tags_edit.setText(", ".join(draft.tags))
        self._needs_checking = draft.needs_checking
        self._show_needs_checking()

    def draft(self) -> CustomerDraft:
        since: dt.date = self.customer_since_edit.date().toPython()  # type: ignore[assignment]
        return CustomerDraft(
            first_name=self.first_name_edit.text(), last_name=self.last_name_edit.text(),
            organisation=self.organisation_edit.text(), email=self.email_edit.text(),
            phone=self.phone_edit.text(), street=self.street_edit.text(),
            city=self.city_edit.text(), region=self.region_edit.text(),
            postal_code=self.postal_code_edit.text(), country=self.country_edit.text(),
            notes=self.notes_edit.toPlainText(), source=self.source_combo.currentText(),
            referred_by_id=self._referred_by_id, customer_since=since,
            birthday=self.birthday_edit.value(), no_mail=self.no_mail_check.isChecked(),
            no_email=self.no_email_check.isChecked(),
            no_birthday_cards=self.no_birthday_cards_check.isChecked(),
            no_calls=self.no_calls_check.isChecked(),
            no_campaigns=self.no_campaigns_check.isChecked(),
            tags=tuple(t.strip() for t in self.tags_edit.text().split(",") if t.strip()),
            needs_checking=self._needs_checking,
        )

    def referrer_unresolved(self) -> bool:
        """Text in Referred by that names no chosen customer."""
        return bool(self.referred_by_edit.text().strip()) and self._referred_by_id is None

    @property
    def referred_by_id(self) -> int | None:
        return self._referred_by_id

    # -- slots ----------------------------------------------------------------------------

    def _on_checked_clicked(self) -> None:
        self._needs_checking = ()
        self._show_needs_checking()

    def _on_referrer_text_edited(self, text: str) -> None:
        self._referred_by_id = None
        if fill_customer_matches(self._referrer_model, self._context.database.raw(), text,
                                 leave_out=self._customer_id):
            self.referrer_completer.complete()
        else:
            self._hide_popup(self.referrer_completer)

    @staticmethod
    def _hide_popup(completer: QCompleter) -> None:
        popup = completer.popup()
        if popup is not None:
            popup.hide()

    def _on_referrer_chosen(self, index: QModelIndex) -> None:
        self._referred_by_id = int(index.data(ID_ROLE))
        self.referred_by_edit.setText(str(index.data(NAME_ROLE)))
        self.messages["referred_by_id"].clear_message()

    def _on_tags_text_edited(self, text: str) -> None:
        prefix = text.rsplit(",", 1)[-1].strip()
        if not prefix:
            self._hide_popup(self.tag_completer)
            return
        self.tag_completer.setCompletionPrefix(prefix)
        self.tag_completer.complete()

    def _on_tag_chosen(self, tag: str) -> None:
        done = [t.strip() for t in self.tags_edit.text().split(",")[:-1] if t.strip()]
        self.tags_edit.setText(", ".join([*done, tag]) + ", ")
