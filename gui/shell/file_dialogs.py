"""Open and save dialogs that never open the database file behind SQLite's back.

Qt's file dialog asks a QFileIconProvider for each file's icon and type, and the default
provider guesses them from the file's first bytes: it opens `regulars.db`, its `-wal` and
its `-shm`, reads, and closes them. On POSIX systems closing *any* descriptor of a file
drops every fcntl lock this process holds on it (the trap in SQLite's "How To Corrupt"
notes), so after an export dialog had shown the database folder the window held no lock,
and a command-line run that ended meanwhile deleted the -wal and -shm files under it
(blank rows, `disk I/O error`). Here the type comes from the file name only.

`install_safe_file_dialogs()` replaces QFileDialog's static getters once at start, so every
dialog of every page is covered without each call site knowing about it. They also choose
where a dialog opens when its caller names no folder: the last folder used for that kind
of file (PDFs, images, imports, exports; remembered in QSettings, keys in window_state),
and the person's Documents folder the first time.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDir, QFileInfo, QMimeDatabase, QStandardPaths
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget

from gui.shell.window_state import (
    EXPORT_LAST_FOLDER,
    IMAGE_LAST_FOLDER,
    IMPORT_LAST_FOLDER,
    OTHER_LAST_FOLDER,
    PDF_LAST_FOLDER,
    Key,
)

_installed = False
_IMAGES = ("*.png", "*.jpg", "*.jpeg", "*.gif", "*.bmp", "*.svg")
_CUSTOMER_FILES = ("*.csv", "*.tsv", "*.txt", "*.vcf", "*.ics", "*.xlsx")


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


def documents_folder() -> Path:
    """The person's Documents folder, or their home folder when there is none."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def folder_key(file_filter: str, *, saving: bool) -> Key[str]:
    """Which last folder a dialog for these files remembers: PDFs, images, customer files
    read (imports) or written (exports), or anything else."""
    lowered = file_filter.lower()
    if "*.pdf" in lowered:
        return PDF_LAST_FOLDER
    if any(pattern in lowered for pattern in _IMAGES):
        return IMAGE_LAST_FOLDER
    if any(pattern in lowered for pattern in _CUSTOMER_FILES):
        return EXPORT_LAST_FOLDER if saving else IMPORT_LAST_FOLDER
    return OTHER_LAST_FOLDER


def last_folder(key: Key[str]) -> Path:
    """The folder last used for this kind of file, while it still exists; else Documents."""
    remembered = key.read()
    return Path(remembered) if remembered and Path(remembered).is_dir() else documents_folder()


def start_path(directory: str, key: Key[str]) -> str:
    """Where a dialog opens: `directory` when it is a folder, or a file in one, that
    exists; otherwise the last folder for this kind of file (a bare file name such as
    "reprint-3.pdf" is proposed there)."""
    given = Path(directory) if directory else None
    if given is not None and given.is_absolute() and (given.is_dir() or given.parent.is_dir()):
        return directory
    folder = last_folder(key)
    return str(folder / given.name) if given is not None and given.name else str(folder)


def remember_folder(key: Key[str], chosen: str) -> None:
    if chosen:
        key.write(str(Path(chosen).parent))


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
    """QFileDialog.getSaveFileName, with the safe dialog (same arguments and result),
    opening in the last folder used for this kind of file unless `dir` names one."""
    key = folder_key(filter, saving=True)
    dialog = safe_file_dialog(parent, caption, start_path(dir, key), filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    chosen = _run(dialog, selectedFilter, options)
    remember_folder(key, chosen[0])
    return chosen


def get_open_file_name(parent: QWidget | None = None, caption: str = "", dir: str = "",
                       filter: str = "", selectedFilter: str = "",
                       options: Any = None) -> tuple[str, str]:
    """QFileDialog.getOpenFileName, with the safe dialog (same arguments and result),
    opening in the last folder used for this kind of file unless `dir` names one."""
    key = folder_key(filter, saving=False)
    dialog = safe_file_dialog(parent, caption, start_path(dir, key), filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    chosen = _run(dialog, selectedFilter, options)
    remember_folder(key, chosen[0])
    return chosen


def install_safe_file_dialogs() -> None:
    """Route QFileDialog's static getters through the safe dialog (once, at start).

    Windows locks files per handle, not per process, so its native dialog stays there,
    given the same starting folder and remembering the same last folders.
    """
    global _installed
    if _installed:
        return
    if sys.platform == "win32":
        native_save, native_open = QFileDialog.getSaveFileName, QFileDialog.getOpenFileName
        QFileDialog.getSaveFileName = staticmethod(  # type: ignore[method-assign]
            _remembering(native_save, saving=True))
        QFileDialog.getOpenFileName = staticmethod(  # type: ignore[method-assign]
            _remembering(native_open, saving=False))
    else:
        QFileDialog.getSaveFileName = staticmethod(get_save_file_name)  # type: ignore[method-assign]
        QFileDialog.getOpenFileName = staticmethod(get_open_file_name)  # type: ignore[method-assign]
    _installed = True


def _remembering(native: Any, *, saving: bool) -> Any:
    """A native static getter that opens in, and remembers, the last folder of its kind."""
    def ask(parent: QWidget | None = None, caption: str = "", dir: str = "",
            filter: str = "", selectedFilter: str = "", options: Any = None) -> tuple[str, str]:
        key = folder_key(filter, saving=saving)
        extra = {"options": options} if options is not None else {}
        chosen: tuple[str, str] = native(parent, caption, start_path(dir, key), filter,
                                         selectedFilter, **extra)
        remember_folder(key, chosen[0])
        return chosen

    return ask
