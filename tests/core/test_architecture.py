"""The layers hold: core is free of Qt, gui reaches data only through core's services and
queries, and each core area reaches another only through its public modules."""
from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import core

import gui

CORE = Path(core.__file__).parent
GUI = Path(gui.__file__).parent
ROOT = CORE.parent

# Shared by every area.
SHARED = {"kernel", "store"}
# A front end: may use any area's public modules, like the window does.
FRONT_ENDS = {"commands"}
# What an area offers the others.
# "tables": an area's Core tables, for other areas' set-based reads (the program's rules).
PUBLIC = {"services", "queries", "types", "errors", "tables"}


def _imports(folder: Path) -> Iterator[tuple[str, int, str]]:
    """(file relative to the project, line, imported module) for every absolute import,
    including those inside functions and under TYPE_CHECKING."""
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        where = path.relative_to(ROOT).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield where, node.lineno, alias.name
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                yield where, node.lineno, node.module
                for alias in node.names:  # "from core.customers import models"
                    yield where, node.lineno, f"{node.module}.{alias.name}"


def test_core_never_imports_pyside6() -> None:
    offenders = [f"{where}:{line} {module}" for where, line, module in _imports(CORE)
                 if module.split(".")[0] in {"PySide6", "shiboken6", "gui"}]
    assert offenders == []


def test_gui_imports_neither_sqlalchemy_nor_any_models_module() -> None:
    offenders = [f"{where}:{line} {module}" for where, line, module in _imports(GUI)
                 if module.split(".")[0] in {"sqlalchemy", "alembic", "psycopg"}
                 or module.split(".")[-1] == "models"]
    assert offenders == []


def _cross_area_imports() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for where, _line, module in _imports(CORE):
        parts = module.split(".")
        source = Path(where).parts
        if parts[0] != "core" or len(parts) < 2 or len(source) < 3:
            continue
        area, target = source[1], parts[1]
        if target == area or target in SHARED or not (CORE / target).is_dir():
            continue
        if len(parts) == 2:
            continue  # "from core.customers import models" is checked by its longer form
        if area in SHARED or parts[2] not in PUBLIC:
            found.add((where, ".".join(parts[:3])))
    return found


def test_an_area_reaches_another_only_through_its_public_modules() -> None:
    assert sorted(_cross_area_imports()) == [], ("import the other area's services, queries, types or errors instead "
                       "(kernel and store are shared)")


def test_only_window_state_touches_qsettings() -> None:
    offenders = sorted({where for where, _line, module in _imports(GUI)
                        if module == "PySide6.QtCore.QSettings"} - {"gui/shell/window_state.py"})
    assert offenders == []


def test_head_revision_constant_is_alembic_head() -> None:
    from alembic.script import ScriptDirectory

    from core.store.schema import HEAD_REVISION, MIGRATIONS_DIR

    assert ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head() == HEAD_REVISION
