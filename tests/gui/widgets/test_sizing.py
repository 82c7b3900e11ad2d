"""Dialogs sized to the screen: larger on a wide monitor, never past a laptop's."""
from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QDialog

from gui.widgets import sizing


class _Screen:
    def __init__(self, width: int, height: int) -> None:
        self._rect = QRect(0, 0, width, height)

    def availableGeometry(self) -> QRect:
        return self._rect


def _opened_on(qtbot, monkeypatch, width: int, height: int) -> QDialog:  # type: ignore[no-untyped-def]
    dialog = QDialog()
    qtbot.addWidget(dialog)
    monkeypatch.setattr(dialog, "screen", lambda: _Screen(width, height))
    sizing.size_to_screen(dialog, (960, 640), (1280, 760))
    return dialog


def test_a_wide_monitor_gets_the_large_size(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog = _opened_on(qtbot, monkeypatch, 1920, 1040)
    assert (dialog.width(), dialog.height()) == (1280, 760)


def test_a_laptop_screen_keeps_a_margin_around_the_dialog(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog = _opened_on(qtbot, monkeypatch, 1280, 800)
    assert (dialog.width(), dialog.height()) == (1120, 680)


def test_a_tiny_screen_still_gets_the_smallest_size(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog = _opened_on(qtbot, monkeypatch, 800, 600)
    assert (dialog.width(), dialog.height()) == (960, 640)
