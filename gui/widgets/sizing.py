"""Dialog sizes that use a large screen without outgrowing a laptop's."""
from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room left around a dialog for the window's title bar, the taskbar and the window behind.
_MARGIN_WIDTH, _MARGIN_HEIGHT = 160, 120


def size_to_screen(window: QWidget, smallest: tuple[int, int],
                   largest: tuple[int, int]) -> None:
    """Open `window` as large as `largest` where the screen has room (a 1920×1080 monitor
    shows a file's columns without cutting them), smaller on a 1280×800 laptop, and never
    smaller than `smallest`."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry()
    width = max(smallest[0], min(largest[0], room.width() - _MARGIN_WIDTH))
    height = max(smallest[1], min(largest[1], room.height() - _MARGIN_HEIGHT))
    window.resize(width, height)


def grow_to_fit(dialog: QWidget) -> None:
    """Wrapped messages under fields have a height-for-width, which a dialog's minimum size
    ignores: grow the dialog so that the fields above them are never squeezed."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    needed = layout.totalHeightForWidth(dialog.width())
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)
