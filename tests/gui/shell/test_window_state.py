"""Window state and last folders: each QSettings key declared once, with its default."""
from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import QSettings

from gui.shell.window_state import EXPORT_LAST_FOLDER, KEYS, MAIN_WINDOW_GEOMETRY


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings().clear()


def test_a_last_folder_comes_back_after_it_was_remembered(qapp: object, tmp_path: Path) -> None:
    assert EXPORT_LAST_FOLDER.read() == ""
    EXPORT_LAST_FOLDER.write(str(tmp_path))
    assert EXPORT_LAST_FOLDER.read() == str(tmp_path)


def test_a_value_of_the_wrong_kind_reads_as_the_default(qapp: object) -> None:
    QSettings().setValue(MAIN_WINDOW_GEOMETRY.name, "not a geometry")
    assert MAIN_WINDOW_GEOMETRY.read().isEmpty()


def test_every_key_is_declared_once() -> None:
    from gui.shell import window_state

    declared = [v for v in vars(window_state).values() if isinstance(v, window_state.Key)]
    names = [key.name for key in KEYS]
    assert len(names) == len(set(names)) == len(declared) >= 7
    assert set(declared) == set(KEYS)
