"""The wizard's review of possible duplicates: rows whose email or phone belongs to a
customer with another name (households share them), the row and the customer side by
side, and for each the owner's choice: a new customer (the default) or the same person."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QVBoxLayout, QWidget

from core.interchange.outcomes import Person, PossibleDuplicate

from gui.interchange.import_pages import WizardPage
from gui.interchange.texts import matched_on_label
from gui.widgets.text_table import TextTableModel, read_only_view

if TYPE_CHECKING:
    from gui.interchange.import_wizard import ImportWizard

COL_LINE, COL_ROW, COL_CUSTOMER, COL_SHARED, COL_CHOICE = range(5)
NEW_CUSTOMER, SAME_PERSON = "new", "same"


def person_text(person: Person) -> str:
    """A person on a few lines: name, organisation, email, phone, address."""
    place = " ".join(part for part in (person.postal_code, person.city) if part)
    lines = [person.name, person.organisation if person.organisation != person.name else "",
             person.email if person.email != person.name else "", person.phone,
             ", ".join(part for part in (person.street, place) if part)]
    return "\n".join(line for line in lines if line)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class DuplicatesPage(WizardPage):
    """Each possible duplicate on one row: the file's row beside the customer, and a choice."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Possible duplicates"))
        self.setSubTitle(self.tr(
            "Households often share a phone number or an email address. These rows share one "
            "with a customer you already have, but the names differ. Unless you say they are "
            "the same person, each comes in as a new customer and nobody is changed."))
        self.duplicates_model = TextTableModel([
            self.tr("Line"), self.tr("In the file"), self.tr("Customer you already have"),
            self.tr("Both have"), self.tr("Import as")], parent=self)
        self.duplicates_table = read_only_view(self.duplicates_model)
        self.duplicates_table.setWordWrap(True)
        self.duplicates_table.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.duplicates_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_ROW, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_CUSTOMER, QHeaderView.ResizeMode.Stretch)
        self.note_label = QLabel(self.tr(
            "“The same person”: on the next page you choose whether their details are left "
            "as they are, filled in or overwritten from the file."))
        self.note_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.duplicates_table, 1)
        layout.addWidget(self.note_label)
        layout.addWidget(self.error_label)
        self._combos: dict[int, QComboBox] = {}

    def initializePage(self) -> None:
        self.show_duplicates(self._wizard.possible_duplicates)

    def show_duplicates(self, duplicates: tuple[PossibleDuplicate, ...]) -> None:
        locale = QLocale()
        rows = []
        for duplicate in duplicates:
            customer = person_text(duplicate.customer)
            if duplicate.customer_line is not None:
                customer += "\n" + self.tr("(new from line {0} of this file)").format(
                    locale.toString(duplicate.customer_line))
            rows.append([locale.toString(duplicate.line), person_text(duplicate.row),
                         customer, _capitalised(matched_on_label(duplicate.matched_on)), ""])
        self.duplicates_model.set_rows(rows, right_aligned=(COL_LINE,))
        self._combos = {}
        for row, duplicate in enumerate(duplicates):
            combo = QComboBox()
            combo.addItem(self.tr("A new customer"), NEW_CUSTOMER)
            combo.addItem(self.tr("The same person"), SAME_PERSON)
            same = duplicate.line in self._wizard.same_person
            combo.setCurrentIndex(1 if same else 0)
            combo.currentIndexChanged.connect(
                lambda _index, line=duplicate.line, box=combo: self._on_choice_changed(line, box))
            # In a holder, so that the list box keeps its height in a tall row.
            holder = QWidget()
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(4, 0, 4, 0)
            holder_layout.addWidget(combo, 0, Qt.AlignmentFlag.AlignVCenter)
            self.duplicates_table.setIndexWidget(
                self.duplicates_model.index(row, COL_CHOICE), holder)
            self._combos[duplicate.line] = combo
        self.duplicates_table.resizeRowsToContents()

    def choice_box(self, line: int) -> QComboBox:
        """The list box that says what the row at `line` is imported as."""
        return self._combos[line]

    def choice(self, line: int) -> str:
        return str(self._combos[line].currentData())

    def set_choice(self, line: int, choice: str) -> None:
        combo = self._combos[line]
        combo.setCurrentIndex(combo.findData(choice))

    def _on_choice_changed(self, line: int, combo: QComboBox) -> None:
        if combo.currentData() == SAME_PERSON:
            self._wizard.same_person.add(line)
        else:
            self._wizard.same_person.discard(line)
