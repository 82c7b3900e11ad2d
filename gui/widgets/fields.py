"""Small pieces the customer editor and the business profile dialog share: a field with its
message underneath, a date whose year may be unknown and money in the shop's currency
(the sentences for core's problem codes are in gui/customers/texts.py)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.customers.validation import PartialDate
from core.kernel.money import (
    DEFAULT_CURRENCY,
    OUT_OF_RANGE,
    InvalidAmount,
    format_minor,
    locale_name,
)
from core.kernel.money import Money as CoreMoney

ERROR_STYLE = "color: #b00020;"
INVALID_PROPERTY = "invalid"


class FieldMessage(QLabel):
    """The red sentence shown right under one field; hidden while the field is fine."""

    def __init__(self, field_widget: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field_widget = field_widget
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.setVisible(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))
        self.field_widget.setProperty(INVALID_PROPERTY, bool(text))
        self.field_widget.setToolTip(text)
        self.setAccessibleName(text)

    def clear_message(self) -> None:
        self.show_message("")


def with_message(field_widget: QWidget) -> tuple[QWidget, FieldMessage]:
    """The field with its message label underneath, as one cell for a form layout."""
    cell = QWidget()
    layout = QVBoxLayout(cell)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field_widget)
    message = FieldMessage(field_widget)
    layout.addWidget(message)
    return cell, message


def line_edit(max_length: int, min_width: int, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(max_length)
    edit.setMinimumWidth(min_width)
    edit.setPlaceholderText(placeholder)
    return edit


def add_form_row(form: QFormLayout, label: str, field: QWidget,
                 messages: dict[str, FieldMessage], name: str) -> None:
    """A form row whose field has its message underneath, filed under core's field name."""
    cell, messages[name] = with_message(field)
    form.addRow(label, cell)


def align_form_labels(*forms: QFormLayout) -> None:
    """Give the label columns of forms stacked in one dialog the same width."""
    labels = [form.itemAt(row, QFormLayout.ItemRole.LabelRole) for form in forms
              for row in range(form.rowCount())]
    widgets = [w for item in labels if item is not None and (w := item.widget()) is not None]
    width = max((w.sizeHint().width() for w in widgets), default=0)
    for widget in widgets:
        widget.setMinimumWidth(width)


class PartialDateEdit(QWidget):
    """Month, day and an optional year: birthdays and moments often come without a year."""

    changed = Signal()

    def __init__(self, locale: QLocale, *, optional: bool, year_known: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.month_combo = QComboBox()
        if optional:
            self.month_combo.addItem(self.tr("Not known"), 0)
        for month in range(1, 13):
            self.month_combo.addItem(locale.standaloneMonthName(month), month)
        self.day_spin = QSpinBox()
        self.day_spin.setRange(1, 31)
        self.day_spin.setAccessibleName(self.tr("Day"))
        self.year_check = QCheckBox(self.tr("Year"))
        self.year_spin = QSpinBox()
        self.year_spin.setRange(1900, 2100)
        # Birthdays: a plausible adult's year; moments: this year.
        self.year_spin.setValue(QDate.currentDate().year() - (0 if year_known else 40))
        self.year_spin.setEnabled(False)
        self.year_check.setChecked(year_known)
        self.month_combo.setAccessibleName(self.tr("Month"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.month_combo, self.day_spin, self.year_check, self.year_spin):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.month_combo.currentIndexChanged.connect(self._on_month_changed)
        self.year_check.toggled.connect(self._on_year_toggled)
        self._on_month_changed()

    def value(self) -> PartialDate | None:
        month = int(self.month_combo.currentData())
        if not month:
            return None
        year = self.year_spin.value() if self.year_check.isChecked() else None
        return PartialDate(month, self.day_spin.value(), year)

    def set_value(self, value: PartialDate | None) -> None:
        self.month_combo.setCurrentIndex(max(0, self.month_combo.findData(value.month if value
                                                                           else 0)))
        if value is not None:
            self.day_spin.setValue(value.day)
            self.year_check.setChecked(value.year is not None)
            if value.year is not None:
                self.year_spin.setValue(value.year)
        else:
            self.year_check.setChecked(False)

    def _on_month_changed(self) -> None:
        known = bool(self.month_combo.currentData())
        self.day_spin.setEnabled(known)
        self.year_check.setEnabled(known)
        self.year_spin.setEnabled(known and self.year_check.isChecked())
        # "Not known" shows nothing more: a greyed "1 / 1986" read as a value.
        for widget in (self.day_spin, self.year_check, self.year_spin):
            widget.setHidden(not known)
        self.changed.emit()

    def _on_year_toggled(self, checked: bool) -> None:
        self.year_spin.setEnabled(checked)
        self.changed.emit()


def short_date_format(locale: QLocale) -> str:
    """The locale's short date format with a four-digit year ("M/d/yyyy", "dd.MM.yyyy"):
    "10/13/44" leaves a birthday's century to guesswork."""
    short = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return short if "yyyy" in short else short.replace("yy", "yyyy")


def date_edit(locale: QLocale) -> QDateEdit:
    """A date field in the shop's locale, always with a four-digit year and a calendar."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(short_date_format(locale))
    edit.setDate(QDate.currentDate())
    return edit


def moment_text(locale: QLocale, when: dt.datetime,
                form: QLocale.FormatType = QLocale.FormatType.ShortFormat) -> str:
    """A stored moment as people read it: in this computer's time zone, the date in the
    shop's locale (`form`: "12/1/2026" or "Tuesday, December 1, 2026"), then the time in its
    short form ("7:36 AM"): no seconds, no time-zone name ("Coordinated Universal Time").

    A moment with a time zone (UTC) is moved to local time; one without is local
    wall-clock time already, as the app stores it (datetime.now()).
    """
    if when.tzinfo is not None:
        when = when.astimezone().replace(tzinfo=None)
    date = QDate(when.year, when.month, when.day)
    # The short form with the year in full ("12/1/2026"), as the customer list writes dates.
    day = locale.toString(date, short_date_format(locale)
                          if form == QLocale.FormatType.ShortFormat else locale.dateFormat(form))
    time = locale.toString(QTime(when.hour, when.minute), QLocale.FormatType.ShortFormat)
    return f"{day} {time}"


class ShopMoney:
    """Minor units of the shop's currency shown and read in the shop's locale, through
    core.kernel.money (so the list, the editor and the exports agree: ¥1,250 is 1250)."""

    def __init__(self, locale: str, currency: str) -> None:
        self.locale = locale_name(locale)
        self.currency = currency or DEFAULT_CURRENCY

    def format(self, minor: int | None) -> str:
        return "" if minor is None else format_minor(minor, self.currency, self.locale)

    def parse(self, text: str) -> int | None:
        """Minor units from what a person typed (`12.50`, `1.234,50`, `¥1,250`); None when
        empty. Raises ValueError (an InvalidAmount) for anything that is not an exact,
        non-negative amount in the currency."""
        if not text.strip():
            return None
        minor = CoreMoney.parse(text, self.currency, locale=self.locale).minor
        if minor < 0:
            raise InvalidAmount(text, OUT_OF_RANGE)
        return minor


class ClickOnReturn(QObject):
    """Return in an entry field presses `button` instead of the dialog's Save button."""

    def __init__(self, button: QAbstractButton, *fields: QWidget) -> None:
        super().__init__(button)
        self._button = button
        for field in fields:
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._button.click()
            return True
        return False
