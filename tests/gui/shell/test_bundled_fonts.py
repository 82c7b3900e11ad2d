"""Names in any script show in the window, not as boxes: the fonts bundled for the PDFs
are given to Qt at start-up, and Qt falls back to them for scripts the computer lacks."""
from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtGui import QRawFont, QTextLayout, QUndoStack

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.store.db import Database

from gui.customers.page import CustomersPage
from gui.customers.table_model import COL_NAME
from gui.shell.app import FONTS, register_bundled_fonts
from gui.shell.context import AppContext

NAMES = {"김민준": "NanumMyeongjo.ttf", "王小明": "DroidSansFallbackFull.ttf",
         "محمد": "NotoNaskhArabic-Regular.ttf", "שרה": "NotoSerifHebrew-Regular.ttf"}


def _glyph_runs(text: str, layout_font: object) -> list[tuple[str, list[int]]]:
    layout = QTextLayout(text, layout_font)  # type: ignore[call-overload]
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [(run.rawFont().familyName(), list(run.glyphIndexes())) for run in layout.glyphRuns()]


def test_the_bundled_fonts_cover_every_character_of_each_name() -> None:
    for name, file_name in NAMES.items():
        raw = QRawFont(str(FONTS / file_name), 12)
        assert raw.isValid(), file_name
        assert all(raw.supportsCharacter(ord(char)) for char in name), (name, file_name)


def test_a_korean_name_in_the_list_is_drawn_with_glyphs_not_boxes(
        qtbot: QtBot, sqlite_db: Database) -> None:
    families = register_bundled_fonts()
    assert {"NanumMyeongjo", "Droid Sans Fallback", "Noto Naskh Arabic"} <= set(families)
    with sqlite_db.unit_of_work() as session:
        for name in NAMES:
            add_customer(session, CustomerDraft(first_name=name))
    page = CustomersPage(AppContext(sqlite_db), QUndoStack())
    qtbot.addWidget(page)
    page.load()
    page.show()
    qtbot.waitExposed(page)
    assert not page.table_view.grab().isNull()
    model = page.model
    shown = {model.index(row, COL_NAME).data() for row in range(model.rowCount())}
    assert "김민준" in shown
    runs = _glyph_runs("김민준", page.table_view.font())
    assert runs and all(0 not in glyphs for _family, glyphs in runs)  # glyph 0 is the box
    korean = FONTS / NAMES["김민준"]
    raw = QRawFont(str(korean), 12)
    used = {family for family, _glyphs in runs}
    assert used <= set(families), used
    assert all(raw.supportsCharacter(ord(char)) for char in "김민준")
    for name in NAMES:
        runs = _glyph_runs(name, page.table_view.font())
        assert all(0 not in glyphs for _family, glyphs in runs), name
