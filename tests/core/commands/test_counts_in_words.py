"""The command line writes counts as people do: "1 customer", "1,234 no postal address"."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from core.commands.texts import counted, skips_text
from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.printing.types import NO_ADDRESS, NO_MAIL, Skipped
from core.store.db import Database

ROOT = Path(__file__).resolve().parents[3]


def test_skipped_counts_have_thousands_separators() -> None:
    skipped = [Skipped(i, "", NO_ADDRESS) for i in range(1234)] + [Skipped(0, "", NO_MAIL)]
    assert skips_text(skipped).startswith("1,234 ")
    assert counted(4254, "item") == "4,254 items"
    assert counted(1, "item") == "1 item"


def test_exporting_one_customer_says_one_customer(sqlite_db: Database, tmp_path: Path) -> None:
    with sqlite_db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Ann"))
    path = sqlite_db.sqlite_path
    sqlite_db.close()
    out = tmp_path / "out.csv"
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(path), "export",
                           "customers", str(out)], capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"exported 1 customer to {out}"
