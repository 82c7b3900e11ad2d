"""The "cards sent" filter names each template once, as people know it."""
from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtGui import QUndoStack

from core.printing.templates import list_templates
from core.store.db import Database

from gui.customers.page import CustomersPage
from gui.customers.sent_filter import read_sent_choice, sent_choices, template_labels
from gui.shell.context import AppContext


def test_each_template_appears_once_under_its_title(qtbot: QtBot, sqlite_db: Database) -> None:
    with sqlite_db.unit_of_work() as session:
        templates = list_templates(session)
    labels = dict(template_labels(templates))
    assert labels["life-event-wedding"] == "Congratulations (wedding)"
    assert labels["life-event-other"] == "Congratulations (other good news)"
    assert labels["birthday"] == "Happy birthday"  # a title of its own needs nothing more
    assert labels["general-letter"] == "Letter"  # no title: named by its kind
    assert len(set(labels.values())) == len(labels) == len(templates)


def test_the_list_offers_sent_and_not_sent_this_year(qtbot: QtBot, sqlite_db: Database) -> None:
    page = CustomersPage(AppContext(sqlite_db), QUndoStack())
    qtbot.addWidget(page)
    page.load()
    combo = page.sent_combo
    combo.showPopup()  # the choices are read when first opened
    combo.hidePopup()
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts[0] == "Any cards sent"
    assert texts.count("“Congratulations (wedding)” sent this year") == 1
    assert "“Happy birthday” not sent this year" in texts
    assert not any(text.startswith(" ") for text in texts)
    combo.setCurrentIndex(combo.findText("“Happy birthday” not sent this year"))
    assert page.model.query.sent_template == "birthday"
    assert page.model.query.sent_missing


def test_a_choice_reads_back_as_template_and_direction(qapp: object) -> None:
    class Template:
        def __init__(self, name: str, kind: str, title: str) -> None:
            self.name, self.kind, self.title = name, kind, title

    choices = sent_choices([Template("a", "card", "Hi"), Template("b", "card", "Hi")])
    assert [label for label, _ in choices] == [
        "“Hi (a)” sent this year", "“Hi (b)” sent this year",
        "“Hi (a)” not sent this year", "“Hi (b)” not sent this year"]
    assert read_sent_choice(choices[2][1]) == ("a", True)
    assert read_sent_choice(choices[0][1]) == ("a", False)
    assert read_sent_choice("") == ("", False)
