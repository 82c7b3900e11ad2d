"""Help > Getting Started shows the bundled page offline; About names the version."""
from __future__ import annotations

import tomllib

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.shell.about_dialog import AboutDialog
from gui.shell.help_dialog import GETTING_STARTED, ROOT, HelpDialog, about_text, app_version


def _pyproject_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def test_getting_started_shows_the_bundled_page(qtbot: QtBot) -> None:
    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "Getting started with Regulars" in text
    assert "File > Import Customers…" in text
    assert "Cards & letters" in text
    # Offline: the page pulls in nothing from the network.
    html = GETTING_STARTED.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html
    assert not dialog.browser.openExternalLinks()


def test_a_missing_help_page_says_so_in_words(qtbot: QtBot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = HelpDialog(page=tmp_path / "gone.html")
    qtbot.addWidget(dialog)
    assert "help pages are missing" in dialog.browser.toPlainText()


def test_about_names_the_version(qtbot: QtBot) -> None:
    assert app_version() == _pyproject_version()
    text = about_text("shop.db")
    assert f"Regulars {_pyproject_version()}" in text
    assert "shop.db" in text
    assert "&lt;b&gt;" in about_text("<b>.db")


def test_the_help_menu_opens_getting_started_and_about(qtbot: QtBot, active_window) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def close_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            seen.append(dialog.windowTitle())
            if isinstance(dialog, QMessageBox):
                seen.append(dialog.text())
            if isinstance(dialog, AboutDialog):
                seen.append(dialog.heading_label.text())
                seen.append(dialog.credits_browser.toPlainText())
            dialog.close()

    QTimer.singleShot(200, close_the_dialog)
    active_window.getting_started_action.trigger()
    assert seen == ["Getting Started"]
    about = next(a for a in active_window.menuBar().actions()[-1].menu().actions()
                 if a.text() == "&About Regulars")
    QTimer.singleShot(200, close_the_dialog)
    about.trigger()
    assert seen[1] == "About Regulars"
    assert f"Regulars {_pyproject_version()}" in seen[2]
    assert "Noto Serif" in seen[3] and "SIL Open Font License 1.1" in seen[3]
    assert "SQLAlchemy" in seen[3] and "2.1.9" in seen[3]  # the library's own version
