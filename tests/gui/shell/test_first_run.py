"""The first run: the welcome asks for the business, then how to start; sample data opens
in its own database under a banner, and one click goes back to the shop's own (empty)
list."""
from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from core.settings.services import get_business_profile
from core.store.db import Database

from gui.shell.welcome_dialog import SAMPLE, WelcomeDialog, system_defaults
from gui.shell.window_host import WindowHost, sample_database_path


def _count_customers(database: Database) -> int:
    return int(database.raw().execute("SELECT count(*) FROM customers")[0][0])


def test_the_welcome_sets_up_the_shop_and_sample_data_stays_apart(
    qtbot: QtBot, host: WindowHost
) -> None:
    assert host.needs_welcome()
    real = host.current
    assert real is not None
    real_path = real.database.sqlite_path

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, WelcomeDialog):
            QTimer.singleShot(20, fill_in)
            return
        # The name is required: Next without it says so and stays on the first step.
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        assert dialog.pages.currentIndex() == 0
        assert "name" in dialog.messages["name"].text()
        assert dialog.region_combo.currentData() == system_defaults().region
        qtbot.keyClicks(dialog.name_edit, "Corner Bakery")
        qtbot.keyClicks(dialog.signature_name_edit, "Sam Baker")
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        assert dialog.pages.currentIndex() == 1
        qtbot.mouseClick(dialog.sample_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(20, fill_in)
    assert host.welcome() == SAMPLE
    sample = host.current
    assert sample is not None and sample.sample
    assert sample.database.sqlite_path == sample_database_path() != real_path
    assert sample.window.sample_banner.isVisible()
    assert "Sample data" in sample.window.windowTitle()
    assert _count_customers(sample.database) > 100
    # The sample shop prints with the shop's own name.
    assert sample.context.read(get_business_profile).name == "Corner Bakery"

    qtbot.mouseClick(sample.window.sample_back_button, Qt.MouseButton.LeftButton)
    back = host.current
    assert back is not None and not back.sample
    assert back.database.sqlite_path == real_path
    assert getattr(back.window, "sample_banner", None) is None
    assert _count_customers(back.database) == 0, "no made-up customer in the real list"
    assert back.context.read(get_business_profile).name == "Corner Bakery"
    assert not host.needs_welcome(), "the welcome is shown once"
