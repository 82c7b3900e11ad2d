"""The business profile: the shop's name, address, logo and signature for cards and letters,
and the country, language and currency everything else is shown in."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.customers.validation import format_phone
from core.kernel.errors import Invalid
from core.settings.services import (
    business_profile_version,
    get_business_profile,
    save_business_profile,
)
from core.settings.types import BusinessProfileData

from gui.customers.texts import problem_text
from gui.shell.context import AppContext
from gui.widgets.conflict_dialog import saved_despite_other_desks, shown_value
from gui.widgets.discard_prompt import DiscardPrompt
from gui.widgets.fields import (
    FieldMessage,
    add_form_row,
    align_form_labels,
    line_edit,
)
from gui.widgets.sizing import grow_to_fit

if TYPE_CHECKING:
    from babel import Locale

# Languages a shop is likely to print its cards in; the profile's own is always offered.
LOCALES = (
    "en_US", "en_GB", "en_CA", "en_AU", "en_NZ", "en_IE", "fr_FR", "fr_CA", "fr_BE", "fr_CH",
    "de_DE", "de_AT", "de_CH", "es_ES", "es_MX", "es_AR", "pt_PT", "pt_BR", "it_IT", "nl_NL",
    "nl_BE", "pl_PL", "cs_CZ", "sv_SE", "da_DK", "nb_NO", "fi_FI", "el_GR", "tr_TR", "ru_RU",
    "uk_UA", "he_IL", "ar_SA", "ja_JP", "ko_KR", "zh_CN", "zh_TW", "vi_VN", "hi_IN",
)
CURRENCIES = (
    "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
    "TRY", "ILS", "AED", "SAR", "JPY", "CNY", "KRW", "INR", "VND", "BRL", "MXN", "ARS", "ZAR",
    "SGD", "HKD", "UAH",
)
FIELD_MIN_WIDTH = 320
LOGO_MAX_PIXELS = 1200  # plenty for print; keeps the database small
LOGO_PREVIEW = (240, 96)


class BusinessProfileDialog(QDialog):
    profile_saved = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 needed_fields: tuple[str, ...] = ()) -> None:
        """`needed_fields`: empty fields something is to print; each says so, and the
        first has the focus."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Business Profile"))
        self._context = context
        self.profile, self._opened_version = context.read(_profile_and_version)
        self._logo_png = self.profile.logo_png
        self.messages: dict[str, FieldMessage] = {}
        self._field_labels: dict[str, str] = {}  # the conflict dialog names fields so

        display_locale = _babel_locale(self.profile.locale) or _babel_locale("en_US")
        assert display_locale is not None
        self._display_locale: Locale = display_locale
        self.name_edit = self._line_edit(200)
        self.street_edit = self._line_edit(300)
        self.city_edit = self._line_edit(200)
        self.state_edit = self._line_edit(200)
        self.state_edit.setPlaceholderText(self.tr("For example OR, Ontario or Kent"))
        self.postal_code_edit = self._line_edit(40)
        self.country_edit = self._line_edit(100)
        self.phone_edit = self._line_edit(40)
        self.email_edit = self._line_edit(320)
        self.signature_name_edit = self._line_edit(200)
        self.signature_name_edit.setPlaceholderText(self.tr("Who signs the cards"))
        self.logo_label = QLabel()
        self.logo_label.setFixedSize(*LOGO_PREVIEW)
        self.logo_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.logo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.choose_logo_button = QPushButton(self.tr("Choose Image…"))
        self.remove_logo_button = QPushButton(self.tr("Remove"))
        for button in (self.choose_logo_button, self.remove_logo_button):
            button.setAutoDefault(False)
        self.region_combo = self._combo(self._regions())
        self.locale_combo = self._combo(self._locales())
        self.currency_combo = self._combo(self._currencies())

        business = QFormLayout()
        self._add_row(business, self.tr("&Name:"), self.name_edit, "name")
        self._add_row(business, self.tr("S&treet:"), self.street_edit, "street")
        self._add_row(business, self.tr("Cit&y:"), self.city_edit, "city")
        self._add_row(business, self.tr("State or pro&vince:"), self.state_edit, "state")
        self._add_row(business, self.tr("Postal &code:"), self.postal_code_edit, "postal_code")
        self._add_row(business, self.tr("Cou&ntry:"), self.country_edit, "country")
        self._add_row(business, self.tr("&Phone:"), self.phone_edit, "phone")
        self._add_row(business, self.tr("&Email:"), self.email_edit, "email")
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.choose_logo_button)
        logo_buttons.addWidget(self.remove_logo_button)
        logo_buttons.addStretch(1)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_label)
        logo_row.addLayout(logo_buttons)
        logo_row.addStretch(1)
        logo_widget = QWidget()
        logo_widget.setLayout(logo_row)
        logo_row.setContentsMargins(0, 0, 0, 0)
        cards = QFormLayout()
        self._add_row(cards, self.tr("&Logo:"), logo_widget, "logo_png")
        self._add_row(cards, self.tr("&Signature:"), self.signature_name_edit, "signature_name")
        regional = QFormLayout()
        self._add_row(regional, self.tr("Co&untry:"), self.region_combo, "region")
        self._add_row(regional, self.tr("&Language:"), self.locale_combo, "locale")
        self._add_row(regional, self.tr("Cu&rrency:"), self.currency_combo, "currency")
        hint = QLabel(self.tr("Phone numbers without a country code are read as numbers of "
                              "this country. Dates and money are shown in this language."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(mid);")
        regional.addRow(hint)

        align_form_labels(business, cards, regional)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.save_button.setEnabled(not context.read_only)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_save_clicked)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self._on_save_clicked)
        self.discard_prompt = DiscardPrompt(
            self, is_dirty=self.has_unsaved_changes, save=self._on_save_clicked,
            can_save=self.save_button.isEnabled,
            question=lambda: self.tr("Save the changes to the business profile?"))
        layout = QVBoxLayout(self)
        for title, form in ((self.tr("Business"), business),
                            (self.tr("Cards and letters"), cards),
                            (self.tr("Country, language and currency"), regional)):
            box = QGroupBox(title)
            box.setLayout(form)
            layout.addWidget(box)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)

        self.choose_logo_button.clicked.connect(self._on_choose_logo_clicked)
        self.remove_logo_button.clicked.connect(self._on_remove_logo_clicked)
        self._show_profile(self.profile)
        self._shown = self.profile_draft()  # as the fields show it (phone formatted)
        self._opened = self._shown  # the base a save merges another desk's changes against
        self.name_edit.setFocus()
        self.needed_fields = needed_fields
        self._show_needed()

    # -- building -------------------------------------------------------------------------

    def _line_edit(self, max_length: int) -> QLineEdit:
        return line_edit(max_length, FIELD_MIN_WIDTH)

    def _combo(self, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        for code, label in items:
            combo.addItem(label, code)
        combo.setMinimumWidth(FIELD_MIN_WIDTH)
        combo.setMaxVisibleItems(20)
        return combo

    def _add_row(self, form: QFormLayout, label: str, field: QWidget, name: str) -> None:
        self._field_labels[name] = label.rstrip(":").replace("&", "")
        add_form_row(form, label, field, self.messages, name)

    def _regions(self) -> list[tuple[str, str]]:
        import phonenumbers

        names = self._display_locale.territories
        return sorted(((code, f"{names.get(code, code)} ({code})")
                       for code in phonenumbers.SUPPORTED_REGIONS), key=lambda item: item[1])

    def _locales(self) -> list[tuple[str, str]]:
        codes = list(dict.fromkeys([*LOCALES, self.profile.locale]))
        items = []
        for code in codes:
            parsed = _babel_locale(code)
            if parsed is not None:
                name = parsed.get_display_name(parsed) or code
                items.append((code, f"{name[:1].upper()}{name[1:]}"))
        return sorted(items, key=lambda item: item[1].casefold())

    def _currencies(self) -> list[tuple[str, str]]:
        from babel.numbers import get_currency_name

        codes = list(dict.fromkeys([*CURRENCIES, self.profile.currency]))
        return [(code, f"{code} – {get_currency_name(code, locale=self._display_locale)}")
                for code in codes]

    # -- showing and saving ---------------------------------------------------------------

    def _show_profile(self, profile: BusinessProfileData) -> None:
        for name in ("name", "street", "city", "state", "postal_code", "country", "email",
                     "signature_name"):
            getattr(self, f"{name}_edit").setText(getattr(profile, name))
        self.phone_edit.setText(format_phone(profile.phone, profile.region))
        for combo, value in ((self.region_combo, profile.region),
                             (self.locale_combo, profile.locale),
                             (self.currency_combo, profile.currency)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self._show_logo()

    def _show_needed(self) -> None:
        focused = False
        for field in self.needed_fields:
            message = self.messages.get(field)
            if message is None:
                continue
            message.show_message(self.tr("Cards and letters print this; fill it in."))
            if not focused:
                message.field_widget.setFocus()
                focused = True
        if self.needed_fields:
            grow_to_fit(self)

    def _show_logo(self) -> None:
        self.remove_logo_button.setEnabled(self._logo_png is not None)
        if self._logo_png is None:
            self.logo_label.setPixmap(QPixmap())
            self.logo_label.setText(self.tr("No logo"))
            return
        pixmap = QPixmap()
        pixmap.loadFromData(QByteArray(self._logo_png), "PNG")
        self.logo_label.setPixmap(pixmap.scaled(
            *LOGO_PREVIEW, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))

    def set_logo_file(self, path: str) -> bool:
        """Take a PNG or JPEG as the logo, stored as PNG; False (with a message) if unreadable."""
        png = logo_png_from_file(path)
        if png is None:
            self.messages["logo_png"].show_message(
                self.tr("This file is not a PNG or JPEG image."))
            return False
        self._logo_png = png
        self.messages["logo_png"].clear_message()
        self._show_logo()
        return True

    def profile_draft(self) -> BusinessProfileData:
        return BusinessProfileData(
            name=self.name_edit.text(), street=self.street_edit.text(),
            city=self.city_edit.text(), state=self.state_edit.text(),
            postal_code=self.postal_code_edit.text(),
            country=self.country_edit.text(), phone=self.phone_edit.text(),
            email=self.email_edit.text(), logo_png=self._logo_png,
            signature_name=self.signature_name_edit.text(),
            region=str(self.region_combo.currentData()),
            locale=str(self.locale_combo.currentData()),
            currency=str(self.currency_combo.currentData()),
        )

    def _take_choice(self, chosen: BusinessProfileData, theirs: BusinessProfileData,
                     version: int) -> None:
        """Another desk saved the profile meanwhile and the person chose: the choices go
        in the fields, and the next save goes against theirs."""
        self._show_profile(chosen)
        self._opened, self._opened_version = theirs, version

    def has_unsaved_changes(self) -> bool:
        return self.profile_draft() != self._shown

    def reject(self) -> None:
        """Esc, Cancel and the close button: ask first when something would be lost."""
        if self.discard_prompt.may_close():
            super().reject()

    def _on_choose_logo_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose Logo"), "", self.tr("Images (*.png *.jpg *.jpeg)"))
        if path:
            self.set_logo_file(path)

    def _on_remove_logo_clicked(self) -> None:
        self._logo_png = None
        self._show_logo()

    def _on_save_clicked(self) -> None:
        if not self.save_button.isEnabled():
            return
        for message in self.messages.values():
            message.clear_message()
        try:
            saved = saved_despite_other_desks(
                self, lambda: self._context.run(
                    save_business_profile, self.profile_draft(), base=self._opened,
                    base_version=self._opened_version),
                self.tr("the business profile"),
                lambda name: self._field_labels.get(name, name), self._take_choice,
                lambda name, value: self.tr("(a logo)") if name == "logo_png" and value
                else shown_value(value))
        except Invalid as exc:
            for problem in exc.problems:
                if (field_message := self.messages.get(problem.field)) is not None:
                    field_message.show_message(problem_text(problem))
            first = self.messages.get(exc.problems[0].field)
            if first is not None:
                first.field_widget.setFocus()
            grow_to_fit(self)
            return
        if saved is None:  # the person cancelled the choice: everything typed stays
            return
        self.profile = saved
        self.profile_saved.emit()
        self._context.post_status(self.tr("Business profile saved"))
        self.accept()


def _profile_and_version(session: Any) -> tuple[BusinessProfileData, int]:
    return get_business_profile(session), business_profile_version(session)


def logo_png_from_file(path: str) -> bytes | None:
    """A PNG or JPEG as the PNG a logo is stored as (at most LOGO_MAX_PIXELS a side);
    None when the file is not an image."""
    image = QImage(path)
    if image.isNull():
        return None
    if max(image.width(), image.height()) > LOGO_MAX_PIXELS:
        image = image.scaled(LOGO_MAX_PIXELS, LOGO_MAX_PIXELS,
                             Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # stubs: bytes
    return bytes(buffer.data().data())


def _babel_locale(code: str) -> Locale | None:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return None
