"""Another desk, as a real second process on the same database (SQLite file or server)."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from core.store.db import Database

_PRELUDE = """
import dataclasses, datetime as dt, json, sys
from core.store.db import Database
from core.customers.record import CustomerRecordEdit, get_customer_record, save_customer_record
from core.customers.types import InteractionDraft
db = Database(sys.argv[1])
with db.unit_of_work() as session:
    detail = get_customer_record(session, int(sys.argv[2])).detail
"""


def run_code_at_another_desk(db: Database, code: str) -> None:
    """Run `code` in another process, with `db` (the same database) defined."""
    prelude = "import sys\nfrom core.store.db import Database\ndb = Database(sys.argv[1])\n"
    subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code), db.url],
                   check=True, timeout=120)


def run_at_another_desk(db: Database, customer_id: int, code: str) -> None:
    """Run `code` in another process, with `db` and `detail` (the customer's record as that
    desk opens it) defined."""
    subprocess.run([sys.executable, "-c", _PRELUDE + textwrap.dedent(code), db.url,
                    str(customer_id)], check=True, timeout=120)


def save_at_another_desk(db: Database, customer_id: int, **changes: str) -> None:
    """That desk opens the customer, changes these details, and saves."""
    run_at_another_desk(db, customer_id, f"""
with db.unit_of_work() as session:
    save_customer_record(session, CustomerRecordEdit(detail.id, dataclasses.replace(
        detail.draft, **json.loads({json.dumps(json.dumps(changes))})), base=detail))
""")
