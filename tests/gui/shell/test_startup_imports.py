"""The window paints before the heavy libraries load: they are imported on first use."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HEAVY = ("sqlalchemy", "alembic", "reportlab", "phonenumbers", "email_validator", "pypdf",
         "PySide6.QtPdf", "core.interchange", "core.printing")


def test_main_window_and_list_load_without_orm_or_printing() -> None:
    probe = (
        "import sys\n"
        "import gui.shell.app, gui.shell.main_window, gui.customers.page, core.customers.queries, core.store.opening\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == ""
