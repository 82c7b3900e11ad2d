"""Open and save dialogs that never open the database file behind SQLite's back.

Qt's file dialog asks a QFileIconProvider for each file's icon and type, and the default
provider guesses them from the file's first bytes: it opens `regulars.db`, its `-wal` and
its `-shm`, reads, and closes them. On POSIX systems closing *any* descriptor of a file
drops every fcntl lock this process holds on it (the trap in SQLite's "How To Corrupt"
notes), so after an export dialog had shown the database folder the window held no lock,
and a command-line run that ended meanwhile deleted the -wal and -shm files under it
(blank rows, `disk I/O error`). Here the type comes from the file name only.

`install_safe_file_dialogs()` replaces QFileDialog's static getters once at start, so every
dialog of every page is covered without each call site knowing about it.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDir, QFileInfo, QMimeDatabase
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget

_installed = False


class NameOnlyIconProvider(QFileIconProvider):
    """Icons and type names from file names alone: never reads a file's contents."""

    def __init__(self) -> None:
        super().__init__()
        self._mimes = QMimeDatabase()

    def icon(self, what: Any) -> QIcon:
        if isinstance(what, QFileInfo) and not what.isDir():
            mime = self._mimes.mimeTypeForFile(what.fileName(),
                                               QMimeDatabase.MatchMode.MatchExtension)
            return QIcon.fromTheme(mime.iconName(), QIcon.fromTheme(
                mime.genericIconName(), super().icon(QFileIconProvider.IconType.File)))
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return super().type(info)
        return self._mimes.mimeTypeForFile(
            info.fileName(), QMimeDatabase.MatchMode.MatchExtension).comment()


_PROVIDER: NameOnlyIconProvider | None = None


def _provider() -> NameOnlyIconProvider:
    global _PROVIDER
    if _PROVIDER is None:
        _PROVIDER = NameOnlyIconProvider()
    return _PROVIDER


def safe_file_dialog(parent: QWidget | None, caption: str, directory: str,
                     file_filter: str) -> QFileDialog:
    """A Qt (not native) file dialog whose icons come from names only.

    It starts in the root folder and moves to `directory` only after the provider is set,
    so not even its first listing uses Qt's content-sniffing one.
    """
    dialog = QFileDialog(parent, caption, QDir.rootPath(), file_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setIconProvider(_provider())
    start = Path(directory) if directory else Path.cwd()
    if directory and not start.is_dir():
        dialog.setDirectory(str(start.parent))
        dialog.selectFile(start.name)
    else:
        dialog.setDirectory(str(start))
    return dialog


def _run(dialog: QFileDialog, selected_filter: str, options: Any) -> tuple[str, str]:
    if options:
        dialog.setOptions(dialog.options() | options)
    if selected_filter:
        dialog.selectNameFilter(selected_filter)
    if not dialog.exec():
        return "", ""
    files = dialog.selectedFiles()
    return (files[0] if files else ""), dialog.selectedNameFilter()


def get_save_file_name(parent: QWidget | None = None, caption: str = "", dir: str = "",
                       filter: str = "", selectedFilter: str = "",
                       options: Any = None) -> tuple[str, str]:
    """QFileDialog.getSaveFileName, with the safe dialog (same arguments and result)."""
    dialog = safe_file_dialog(parent, caption, dir, filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    return _run(dialog, selectedFilter, options)


def get_open_file_name(parent: QWidget | None = None, caption: str = "", dir: str = "",
                       filter: str = "", selectedFilter: str = "",
                       options: Any = None) -> tuple[str, str]:
    """QFileDialog.getOpenFileName, with the safe dialog (same arguments and result)."""
    dialog = safe_file_dialog(parent, caption, dir, filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _run(dialog, selectedFilter, options)


def install_safe_file_dialogs() -> None:
    """Route QFileDialog's static getters through the safe dialog (once, at start).

    Windows locks files per handle, not per process, so its native dialog stays.
    """
    global _installed
    if _installed or sys.platform == "win32":
        return
    QFileDialog.getSaveFileName = staticmethod(get_save_file_name)  # type: ignore[method-assign]
    QFileDialog.getOpenFileName = staticmethod(get_open_file_name)  # type: ignore[method-assign]
    _installed = True
