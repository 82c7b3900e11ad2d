"""Where the files that ship with Regulars are (fonts, help, translations, icons): found one
way, through `importlib.resources`, in a source checkout and in the packaged (PyInstaller)
app alike, where they sit beside the frozen modules."""
from __future__ import annotations

import importlib.resources
from functools import cache
from pathlib import Path


@cache
def resources_root() -> Path:
    """The `resources` folder. A real folder in both cases (fonts and Qt need file paths)."""
    return Path(str(importlib.resources.files("resources")))


def resource_path(*parts: str) -> Path:
    """A file or folder under resources/: resource_path("fonts", "DejaVuSans.ttf")."""
    return resources_root().joinpath(*parts)
