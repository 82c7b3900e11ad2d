"""Every QSettings key, declared once with its default (Picard-style).

QSettings holds only what belongs to this computer: window state and last folders.
Business settings live in the database (core.settings).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T", str, QByteArray)


@dataclass(frozen=True)
class Key(Generic[T]):
    """One QSettings entry: its key and what to read when it is missing or unreadable."""

    name: str
    default: T

    def read(self) -> T:
        value = QSettings().value(self.name, self.default)
        # Stored by another version, or a hand-edited file: fall back to the default.
        return value if isinstance(value, type(self.default)) else self.default

    def write(self, value: T) -> None:
        QSettings().setValue(self.name, value)


MAIN_WINDOW_GEOMETRY: Key[QByteArray] = Key("main_window/geometry", QByteArray())
CUSTOMERS_HEADER: Key[QByteArray] = Key("customers/header", QByteArray())
EXPORT_LAST_FOLDER: Key[str] = Key("export/last_folder", "")
IMPORT_LAST_FOLDER: Key[str] = Key("import/last_folder", "")
PDF_LAST_FOLDER: Key[str] = Key("pdf/last_folder", "")  # batches, reprints, previews
IMAGE_LAST_FOLDER: Key[str] = Key("image/last_folder", "")  # the shop's logo
OTHER_LAST_FOLDER: Key[str] = Key("files/last_folder", "")  # any other kind of file
# The shop server this desk opens (File > Connect to a Shop Server…), as a URL without the
# password (the keyring keeps that); "" opens the database file on this computer.
SERVER_URL: Key[str] = Key("database/server_url", "")

# This computer's desk name, and who last picked their name here (core.kernel.desk).
DESK_NAME: Key[str] = Key("desk/name", "")
DESK_PERSON: Key[str] = Key("desk/person", "")

KEYS = (DESK_NAME, DESK_PERSON, MAIN_WINDOW_GEOMETRY, CUSTOMERS_HEADER, EXPORT_LAST_FOLDER,
        IMPORT_LAST_FOLDER, PDF_LAST_FOLDER, IMAGE_LAST_FOLDER, OTHER_LAST_FOLDER, SERVER_URL)
