"""Help: the "Getting started" page (bundled HTML, read offline) and About Regulars."""
from __future__ import annotations

import logging
from html import escape
from importlib import metadata
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.kernel.resources import resource_path

from gui.shell.wording import app_tr

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[2]
HELP = resource_path("help")
GETTING_STARTED = HELP / "getting-started.html"


def app_version() -> str:
    """The version people see in About: the installed package's, else pyproject.toml's
    (a checkout run without installing), else "" (a bundle that kept neither)."""
    try:
        return metadata.version("regulars")
    except metadata.PackageNotFoundError:
        pass
    try:
        import tomllib

        with (ROOT / "pyproject.toml").open("rb") as file:
            return str(tomllib.load(file)["project"]["version"])
    except (OSError, KeyError, ValueError):
        log.warning("no version found for About")
        return ""


class HelpDialog(QDialog):
    """A page of the bundled help. Links to other bundled pages open here; nothing is
    fetched from the network."""

    def __init__(self, parent: QWidget | None = None, page: Path = GETTING_STARTED) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Getting Started"))
        self.resize(640, 620)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(True)
        self.browser.setSearchPaths([str(HELP)])
        try:
            self.browser.setHtml(page.read_text(encoding="utf-8"))
        except OSError:
            log.exception("cannot read the help page %s", page)
            self.browser.setPlainText(self.tr(
                "The help pages are missing from this installation. Reinstalling Regulars "
                "puts them back."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)


def about_text(database_name: str) -> str:
    """About's rich text: what Regulars is, its version and the database in use."""
    version = app_version()
    heading = app_tr("Regulars %s") % version if version else "Regulars"
    return app_tr(
        "<h3>%s</h3><p>A customer appreciation program for your shop: thank, congratulate "
        "and remember the people who keep you going.</p><p>Database: %s</p>"
    ) % (escape(heading), escape(database_name))


def show_about(parent: QWidget, database_name: str) -> None:
    from gui.shell.about_dialog import AboutDialog

    AboutDialog(database_name, parent).exec()
