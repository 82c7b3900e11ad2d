"""The PDF preview shows every page of a batch, and survives being refilled and closed."""
from __future__ import annotations

import io

from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A6
from reportlab.pdfgen.canvas import Canvas

from gui.widgets.pdf_preview import PdfPreview


def _cards(count: int) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A6)
    for number in range(count):
        canvas.drawString(40, 300, f"Thank you, card {number + 1}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_a_large_batch_previews_every_page_not_just_the_first_dozen(qtbot: QtBot) -> None:
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.show()
    preview.show_pdf(_cards(300), scale=0.8)
    assert preview.page_count() == 300


def test_refilling_the_preview_while_typing_then_closing_it_does_not_crash(
        qtbot: QtBot) -> None:
    preview = PdfPreview()
    preview.show()
    for count in (1, 2, 1):  # each keystroke re-renders the template preview
        preview.show_pdf(_cards(count))
    assert preview.page_count() == 1
    assert preview.pdfs_shown == 3
    preview.close()
    preview.deleteLater()
    qtbot.wait(50)  # the document closes under its view here; with the wrong order: SIGSEGV
