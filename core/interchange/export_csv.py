"""Customers to CSV, safe to open in a spreadsheet.

A cell that starts with `=`, `+`, `-`, `@`, tab or CR would be run as a formula by Excel,
LibreOffice or Google Sheets; it gets a leading apostrophe. A phone number's `+` is kept
visible: `="+4930123456"` in Excel-friendly files (Excel shows it as text), `'+4930123456`
otherwise; a year-less birthday `--05-12` likewise. The importer reads both forms back.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from core.interchange.exporting import iter_export_rows, write_atomically
from core.jobs import CancelCheck, Progress, never_cancelled, no_progress

CSV_COLUMNS = ("first_name", "last_name", "organisation", "email", "phone", "street", "city",
               "region", "postal_code", "country", "birthday", "tags", "notes",
               "other_emails", "other_phones")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_OWN_VALUE = re.compile(r"^(\+\d{4,20}|--\d\d-\d\d)$")


def neutralise(value: str) -> str:
    """The cell as text a spreadsheet will not evaluate."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def text_cell(value: str, *, excel: bool) -> str:
    """A phone number or year-less birthday we wrote ourselves: shown as text by Excel."""
    if excel and _OWN_VALUE.match(value):
        return f'="{value}"'
    return neutralise(value)


def export_customers_csv(
    session: Session, path: Path, *, customer_ids: Sequence[int] | None = None,
    excel: bool = False, progress: Progress = no_progress,
    is_cancelled: CancelCheck = never_cancelled,
) -> int:
    """Write customers (all live ones, or `customer_ids` in that order); returns the count.

    `excel`: UTF-8 with a byte order mark, so Excel reads accents right.
    """
    def write(handle: Any) -> int:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        count = 0
        for row, done, total in iter_export_rows(session, customer_ids, is_cancelled):
            writer.writerow((
                neutralise(row.first_name), neutralise(row.last_name),
                neutralise(row.organisation), neutralise(row.email),
                text_cell(row.phone, excel=excel), neutralise(row.street),
                neutralise(row.city), neutralise(row.region), neutralise(row.postal_code),
                neutralise(row.country), text_cell(row.birthday, excel=excel), neutralise(", ".join(row.tags)),
                neutralise(row.notes), neutralise(" ::: ".join(row.other_emails)),
                neutralise(" ::: ".join(p for p in row.other_phones)),
            ))
            count += 1
            if count % 1000 == 0:
                progress(done, total)
        return count

    return write_atomically(path, write, encoding="utf-8-sig" if excel else "utf-8", newline="")
