"""The core stays free of Qt, and the schema constant matches the migrations."""
from __future__ import annotations

import ast
from pathlib import Path

import core

CORE = Path(core.__file__).parent


def test_core_never_imports_pyside6() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] in {"PySide6", "shiboken6", "gui"} for name in names):
                offenders.append(f"{path.relative_to(CORE)}:{node.lineno}")
    assert offenders == []


def test_head_revision_constant_is_alembic_head() -> None:
    from alembic.script import ScriptDirectory

    from core.store.schema import HEAD_REVISION, MIGRATIONS_DIR

    assert ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head() == HEAD_REVISION
