"""Nothing prints half-filled, in the window: a preview or batch that needs the business's
name says so and opens the business profile at that field."""
from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.printing.batches import list_batches
from core.printing.errors import IncompleteBusinessProfile
from core.settings.services import get_business_profile
from core.store.db import Database

from gui.printing.page import WHO_EVERYONE, CardsPage
from gui.settings.business_profile_dialog import BusinessProfileDialog
from gui.settings.profile_needed import ProfileNeededBox
from gui.shell.context import AppContext
from gui.shell.excepthook import ErrorReporter

pytestmark = pytest.mark.empty_business_profile


def _when_modal(kind: type[QWidget], then: Callable[[QWidget], None]) -> None:
    """Once a modal `kind` is open (exec() is running), act on it."""
    def check() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind):
            then(widget)
        else:
            QTimer.singleShot(20, check)
    QTimer.singleShot(20, check)


def test_previewing_a_batch_without_a_business_name_opens_the_profile_at_the_name(
    qtbot: QtBot, sqlite_db: Database, contexts: list[AppContext]
) -> None:
    with sqlite_db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Ana", street="1 High St",
                                            city="Leeds"))
    context = AppContext(sqlite_db)
    contexts.append(context)
    page = CardsPage(context, None)
    qtbot.addWidget(page)
    page.show()
    # The template editor says why there is no preview, and offers the profile.
    assert "business name" in page.problems_label.text()
    assert page.profile_button.isVisible()
    seen: dict[str, object] = {}

    def on_box(box: QWidget) -> None:
        assert isinstance(box, ProfileNeededBox)
        seen["text"] = box.text()
        _when_modal(BusinessProfileDialog, on_profile)
        box.open_button.click()

    def on_profile(dialog: QWidget) -> None:
        assert isinstance(dialog, BusinessProfileDialog)
        seen["focus"] = dialog.focusWidget() is dialog.name_edit
        seen["message"] = dialog.messages["name"].text()
        qtbot.keyClicks(dialog.name_edit, "Corner Bakery")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    _when_modal(ProfileNeededBox, on_box)
    page.who_combo.setCurrentIndex(WHO_EVERYONE)
    assert page.preview_batch() is None, "nothing is previewed while the name is missing"
    assert "business name" in str(seen["text"])
    assert seen["focus"] is True
    assert seen["message"] == "Cards and letters print this; fill it in."
    assert context.run(get_business_profile).name == "Corner Bakery"
    assert context.run(list_batches) == []
    qtbot.waitUntil(lambda: not page.profile_button.isVisible())
    assert page.preview_batch() is not None
    assert page.batch_preview.page_count() == 1


def test_a_print_the_window_did_not_expect_to_be_refused_still_offers_the_profile(
    qtbot: QtBot
) -> None:
    reporter = ErrorReporter(lambda: None)
    answered: list[tuple[str, ...]] = []
    reporter.add_answer(IncompleteBusinessProfile,
                        lambda error: answered.append(error.fields))  # type: ignore[attr-defined]
    error = IncompleteBusinessProfile(("name", "signature_name"))
    reporter.handle(type(error), error, None)
    qtbot.waitUntil(lambda: answered == [("name", "signature_name")])
    assert reporter.dialog is None, "no 'something went wrong' dialog"
    assert sys.excepthook is not reporter.handle
