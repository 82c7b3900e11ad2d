"""Show a PDF's pages in a scroll area, and send a PDF to a printer.

The Qt build Regulars ships has no QtPdf module, so pages are rasterised with pypdfium2.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

log = logging.getLogger(__name__)

PREVIEW_PAGES = 12  # enough to check a batch; the saved PDF has every page


def _page_images(source: bytes | Path, scale: float, limit: int | None) -> Iterator[QImage]:
    """Pages one at a time, so printing a 1,000-page batch never holds them all."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(source if isinstance(source, bytes) else str(source))
    try:
        count = len(document) if limit is None else min(limit, len(document))
        for index in range(count):
            bitmap = document[index].render(scale=scale)
            pil = bitmap.to_pil().convert("RGB")
            data = pil.tobytes()
            image = QImage(data, pil.width, pil.height, pil.width * 3,
                           QImage.Format.Format_RGB888)
            yield image.copy()  # own the pixels before `data` goes away
    finally:
        document.close()


def page_count(source: bytes | Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(source if isinstance(source, bytes) else str(source))
    try:
        return len(document)
    finally:
        document.close()


class PdfPreview(QScrollArea):
    """The first pages of a PDF, one under the other, on a grey desk."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setStyleSheet("QScrollArea { background: #8a8a8a; }")
        self._inner = QWidget()
        self._inner.setStyleSheet("background: #8a8a8a;")
        self._layout = QVBoxLayout(self._inner)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._layout.setSpacing(12)
        self.setWidget(self._inner)
        self.page_labels: list[QLabel] = []
        self.more_label = QLabel()
        self.more_label.setStyleSheet("color: white;")

    def show_pdf(self, source: bytes | Path, *, scale: float = 1.0) -> None:
        self.clear()
        for image in _page_images(source, scale, PREVIEW_PAGES):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("border: 1px solid #666;")
            self._layout.addWidget(label)
            self.page_labels.append(label)
        total = page_count(source)
        if total > PREVIEW_PAGES:
            self.more_label.setText(self.tr("… and %n more page(s) in the PDF", "",
                                            total - PREVIEW_PAGES))
            self._layout.addWidget(self.more_label)
            self.more_label.show()

    def clear(self) -> None:
        for label in self.page_labels:
            self._layout.removeWidget(label)
            label.deleteLater()
        self.page_labels = []
        self.more_label.hide()


def print_pdf(parent: QWidget, path: Path) -> bool:
    """Ask for a printer and print every page; False when the person cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(path.stem)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    dpi = min(printer.resolution(), 300)
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        for index, image in enumerate(_page_images(path, dpi / 72, None)):
            if index:
                printer.newPage()
            target = painter.viewport()
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(target.x(), target.y(), image.scaled(size))
    finally:
        painter.end()
    return True
