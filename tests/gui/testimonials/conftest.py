"""A shop with a customer, and a way to answer the dialogs a button opens."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.settings.profile import save_business_profile
from core.settings.types import BusinessProfileData
from core.store.db import Database

TODAY = dt.date(2026, 12, 2)
PROFILE = BusinessProfileData(
    name="Bloom & Co. Florist", street="4 Market Street", city="Bristol",
    postal_code="BS1 4DJ", country="UK", phone="0117 496 0000", email="hello@bloom.example",
    signature_name="Hannah Bloom", region="GB", locale="en_GB", currency="GBP")


@pytest.fixture
def shop(sqlite_db: Database) -> dict[str, int]:
    """Ann Lee and Bo Chan, with addresses, at Bloom & Co."""
    with sqlite_db.unit_of_work() as session:
        save_business_profile(session, PROFILE)
        ann = add_customer(session, CustomerDraft(
            first_name="Ann", last_name="Lee", email="ann@example.com", street="1 Elm Road",
            city="Bristol", postal_code="BS2 1AA")).id
        bo = add_customer(session, CustomerDraft(
            first_name="Bo", last_name="Chan", street="2 Oak Road", city="Bath",
            postal_code="BA1 1AA")).id
    return {"ann": ann, "bo": bo}


def when_modal(kind: type, answer: Callable[[Any], None], *, timeout_ms: int = 60_000) -> None:
    """Once a modal `kind` is up (a button's exec() is about to block), `answer(it)`, from
    the dialog's own event loop: never from inside a wait for the database that runs
    while it is up (a person's clicks are held back there; a timer's are not)."""
    waited = [0]
    level = QThread.currentThread().loopLevel() + 1  # the dialog's exec()

    def look() -> None:
        widget: QWidget | None = QApplication.activeModalWidget()
        if isinstance(widget, kind) and QThread.currentThread().loopLevel() == level:
            answer(widget)
            return
        waited[0] += 20
        if waited[0] < timeout_ms:
            QTimer.singleShot(20, look)

    QTimer.singleShot(20, look)
