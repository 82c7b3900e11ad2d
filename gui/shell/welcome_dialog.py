"""The first run: a short welcome that asks for the business profile (the name is
required; the rest starts from the computer's locale), then how to start: import a
customer list, start with an empty list, or explore with sample data."""
from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QCommandLinkButton,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.kernel.errors import Invalid
from core.settings.services import save_business_profile
from core.settings.types import BusinessProfileData

from gui.customers.texts import problem_text
from gui.settings.business_profile_dialog import CURRENCIES, logo_png_from_file
from gui.shell.context import AppContext
from gui.widgets.fields import FieldMessage, add_form_row, align_form_labels, line_edit
from gui.widgets.sizing import grow_to_fit

IMPORT, EMPTY, SAMPLE = "import", "empty", "sample"
FIELD_WIDTH = 300


def system_defaults() -> BusinessProfileData:
    """Country, language and currency of the computer's locale (US English for "C")."""
    locale = QLocale.system()
    if locale.language() == QLocale.Language.C:
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    name = locale.name()  # "de_AT"
    region = name.partition("_")[2] or "US"
    currency = locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode) or "USD"
    return BusinessProfileData(region=region, locale=name, currency=currency)


class WelcomeDialog(QDialog):
    """Two steps: the business, then how to start (`choice`: IMPORT, EMPTY or SAMPLE).
    The profile is saved when the first step is done."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Regulars"))
        self._context = context
        self.choice = ""
        self.saved_profile: BusinessProfileData | None = None
        self._defaults = system_defaults()
        self._logo_png: bytes | None = None
        self.messages: dict[str, FieldMessage] = {}
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_profile_page())
        self.pages.addWidget(self._build_start_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.setMinimumWidth(560)
        self.name_edit.setFocus()

    # -- step 1: the business --------------------------------------------------------------

    def _build_profile_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(self.tr(
            "<h2>Welcome to Regulars</h2><p>First, your business: its name and address go "
            "on every card and letter. You can change all of this later in File › "
            "Business Profile.</p>"))
        intro.setWordWrap(True)
        self.name_edit = line_edit(200, FIELD_WIDTH, self.tr("For example Corner Bakery"))
        self.street_edit = line_edit(300, FIELD_WIDTH)
        self.city_edit = line_edit(200, FIELD_WIDTH)
        self.postal_code_edit = line_edit(40, FIELD_WIDTH)
        self.signature_name_edit = line_edit(200, FIELD_WIDTH, self.tr("Who signs the cards"))
        self.region_combo = QComboBox()
        names = QLocale.territoryToString
        import phonenumbers

        regions = sorted(phonenumbers.SUPPORTED_REGIONS,
                         key=lambda code: names(QLocale.codeToTerritory(code)).casefold())
        for code in regions:
            self.region_combo.addItem(names(QLocale.codeToTerritory(code)), code)
        self.region_combo.setCurrentIndex(max(0, self.region_combo.findData(
            self._defaults.region)))
        self.currency_combo = QComboBox()
        for code in dict.fromkeys([self._defaults.currency, *CURRENCIES]):
            self.currency_combo.addItem(code, code)
        self.logo_button = QPushButton(self.tr("Choose Image…"))
        self.logo_button.setAutoDefault(False)
        self.logo_button.clicked.connect(self._on_logo_clicked)
        self.logo_label = QLabel(self.tr("No logo (optional)"))
        logo_row = QHBoxLayout()
        logo_row.setContentsMargins(0, 0, 0, 0)
        logo_row.addWidget(self.logo_button)
        logo_row.addWidget(self.logo_label, 1)
        logo = QWidget()
        logo.setLayout(logo_row)
        form = QFormLayout()
        add_form_row(form, self.tr("Business &name:"), self.name_edit, self.messages, "name")
        add_form_row(form, self.tr("S&treet:"), self.street_edit, self.messages, "street")
        add_form_row(form, self.tr("Cit&y:"), self.city_edit, self.messages, "city")
        add_form_row(form, self.tr("Postal &code:"), self.postal_code_edit, self.messages,
                     "postal_code")
        add_form_row(form, self.tr("Co&untry:"), self.region_combo, self.messages, "region")
        add_form_row(form, self.tr("Cu&rrency:"), self.currency_combo, self.messages,
                     "currency")
        add_form_row(form, self.tr("&Signature:"), self.signature_name_edit, self.messages,
                     "signature_name")
        add_form_row(form, self.tr("&Logo:"), logo, self.messages, "logo_png")
        align_form_labels(form)
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self._on_next_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def profile_draft(self) -> BusinessProfileData:
        region = str(self.region_combo.currentData())
        locale = self._defaults.locale
        if locale.partition("_")[2] != region:  # a shop abroad: its country's own language
            locale = QLocale(QLocale.codeToLanguage(locale.partition("_")[0]),
                             QLocale.codeToTerritory(region)).name()
        return BusinessProfileData(
            name=self.name_edit.text(), street=self.street_edit.text(),
            city=self.city_edit.text(), postal_code=self.postal_code_edit.text(),
            signature_name=self.signature_name_edit.text(), logo_png=self._logo_png,
            region=region, locale=locale, currency=str(self.currency_combo.currentData()))

    def _on_logo_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose Logo"), "",
                                              self.tr("Images (*.png *.jpg *.jpeg)"))
        if path:
            self.set_logo_file(path)

    def set_logo_file(self, path: str) -> bool:
        png = logo_png_from_file(path)
        if png is None:
            self.messages["logo_png"].show_message(
                self.tr("This file is not a PNG or JPEG image."))
            return False
        self._logo_png = png
        self.logo_label.setText(path.rsplit("/", 1)[-1])
        self.messages["logo_png"].clear_message()
        return True

    def _on_next_clicked(self) -> None:
        for message in self.messages.values():
            message.clear_message()
        if not self.name_edit.text().strip():
            self.messages["name"].show_message(self.tr(
                "Your business's name goes on every card; type it here."))
            self.name_edit.setFocus()
            grow_to_fit(self)
            return
        try:
            self.saved_profile = self._context.run(save_business_profile, self.profile_draft())
        except Invalid as exc:
            for problem in exc.problems:
                if (field_message := self.messages.get(problem.field)) is not None:
                    field_message.show_message(problem_text(problem))
            grow_to_fit(self)
            return
        self.pages.setCurrentIndex(1)
        self.import_button.setFocus()

    # -- step 2: how to start --------------------------------------------------------------

    def _build_start_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(self.tr("<h2>How would you like to start?</h2>"))
        self.import_button = QCommandLinkButton(
            self.tr("Import a customer list"),
            self.tr("From a spreadsheet or your till: CSV from Square, Shopify, Google "
                    "Contacts, Outlook, Excel…, or vCards."))
        self.empty_button = QCommandLinkButton(
            self.tr("Start with an empty list"),
            self.tr("Add customers one by one as they come in."))
        self.sample_button = QCommandLinkButton(
            self.tr("Explore with sample data"),
            self.tr("Look around a made-up shop with a few hundred customers. It is kept "
                    "apart from your own list, and one click brings you back."))
        for button, choice in ((self.import_button, IMPORT), (self.empty_button, EMPTY),
                               (self.sample_button, SAMPLE)):
            button.clicked.connect(lambda _checked=False, c=choice: self._choose(c))
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        for button in (self.import_button, self.empty_button, self.sample_button):
            layout.addWidget(button)
        layout.addStretch(1)
        return page

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def reject(self) -> None:
        """Closing on the second step starts empty: the profile is saved already."""
        if self.pages.currentIndex() == 1:
            self.choice = EMPTY
            self.accept()
            return
        super().reject()
