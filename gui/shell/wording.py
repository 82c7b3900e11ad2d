"""Plurals and counts. Qt's tr(source, "", n) picks the singular or plural form from the
translation loaded here (resources/translations/regulars_en.ts, compiled to .qm), so English
reads "1 customer" and "3 customers" where the source says "customer(s)"."""
from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from core.kernel.resources import resource_path

log = logging.getLogger(__name__)
TRANSLATIONS = resource_path("translations")


def install_translations(app: QCoreApplication) -> QTranslator:
    """Load the English plural forms into `app`; returned so the caller keeps it alive."""
    translator = QTranslator(app)
    if translator.load(str(TRANSLATIONS / "regulars_en.qm")):
        app.installTranslator(translator)
    else:  # a broken install still starts; counts then read "customer(s)"
        log.warning("no translations in %s", TRANSLATIONS)
    return translator


def app_tr(source: str) -> str:
    """Translate a sentence outside any widget (start-up, before the window exists).
    QApplication.tr is an instance method in the stubs; translate() is the static form."""
    return QCoreApplication.translate("Regulars", source)


def with_count(translated: str, n: int, locale: QLocale | None = None) -> str:
    """`translated`, already chosen for n, with %1 written as n in `locale` ("4,254"): Qt's
    own %Ln follows QLocale's process-wide default, not a page's business locale."""
    return translated.replace("%1", (locale or QLocale()).toString(n))
