"""Stored moments read in the shop's locale and this computer's time zone."""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest

from PySide6.QtCore import QLocale

from gui.widgets.fields import moment_text

US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
GERMANY = QLocale(QLocale.Language.German, QLocale.Country.Germany)


@pytest.fixture
def in_portland(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _plain(text: str) -> str:
    return text.replace("\u202f", " ")  # CLDR puts a narrow space before AM/PM


def test_a_utc_moment_reads_in_local_time(in_portland: None) -> None:
    utc = dt.datetime(2026, 12, 1, 7, 36, 5, tzinfo=dt.UTC)
    assert _plain(moment_text(US, utc)) == "11/30/2026 11:36 PM"


def test_a_stored_local_moment_is_shown_as_stored(in_portland: None) -> None:
    assert _plain(moment_text(US, dt.datetime(2026, 12, 1, 7, 36, 5))) == "12/1/2026 7:36 AM"


def test_the_long_form_writes_the_date_out_and_names_no_time_zone() -> None:
    text = moment_text(GERMANY, dt.datetime(2026, 12, 1, 7, 36, 5), QLocale.FormatType.LongFormat)
    assert text == "Dienstag, 1. Dezember 2026 07:36"
