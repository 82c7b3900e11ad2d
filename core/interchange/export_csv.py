"""Customers to CSV, safe to open in a spreadsheet.

A cell that starts with `=`, `+`, `-`, `@`, tab or CR would be run as a formula by Excel,
LibreOffice or Google Sheets; it gets a leading apostrophe, which the import takes off
again (core.interchange.formula_guard). A phone number's `+` is kept
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

from core.interchange.exporting import CustomerExport, iter_export_chunks, write_atomically
from core.interchange.external_ids import own_id
from core.interchange.formula_guard import GUARDED_FIRST, needs_guard, neutralise
from core.kernel.jobs import CancelCheck, Progress, never_cancelled, no_progress
from core.kernel.money import currency_exponent, plain_amount
from core.settings.services import database_id, get_business_profile

CSV_COLUMNS = ("first_name", "last_name", "organisation", "email", "phone", "street", "city",
               "region", "postal_code", "country", "birthday", "tags", "notes",
               "other_emails", "other_phones", "lifetime_value",
               # This database's id of the customer: importing the file again finds them.
               "regulars_id")
_OWN_FIRST = frozenset("+-")
_OWN_VALUE = re.compile(r"^(\+\d{4,20}|--\d\d-\d\d)$")
__all__ = ["CSV_COLUMNS", "export_customers_csv", "neutralise", "text_cell"]


def text_cell(value: str, *, excel: bool) -> str:
    """A phone number or year-less birthday we wrote ourselves: shown as text by Excel."""
    if excel and _OWN_VALUE.match(value):
        return f'="{value}"'
    return neutralise(value)


def _csv_row(row: CustomerExport, excel: bool, money_exponent: int, database: str
             ) -> list[str]:
    """The row's cells, each neutralised (a first-character test: a regex per cell costs)."""
    (_, first, last, organisation, email, phone, street, city, region, postal_code, country,
     notes, birthday, tags, other_emails, other_phones, value_minor) = row
    cells = [first, last, organisation, email, phone, street, city, region, postal_code,
             country, birthday, ", ".join(tags), notes, " ::: ".join(other_emails),
             " ::: ".join(other_phones)]
    cells = ["'" + v if v[:1] in GUARDED_FIRST and needs_guard(v) else v for v in cells]
    # A number we wrote (never negative), in the business currency's major units: not text.
    cells.append(plain_amount(value_minor, money_exponent))
    cells.append(own_id(database, row.id))
    if excel:
        # Only a phone or birthday we wrote ourselves starts with + or -, now '+ or '-.
        if phone[:1] in _OWN_FIRST:
            cells[4] = text_cell(phone, excel=True)
        if birthday[:1] in _OWN_FIRST:
            cells[10] = text_cell(birthday, excel=True)
    return cells


def export_customers_csv(
    session: Session, path: Path, *, customer_ids: Sequence[int] | None = None,
    excel: bool = False, progress: Progress = no_progress,
    is_cancelled: CancelCheck = never_cancelled,
) -> int:
    """Write customers (all live ones, or `customer_ids` in that order); returns the count.

    `excel`: UTF-8 with a byte order mark, so Excel reads accents right. The lifetime value
    is written in the business currency's major units (`1250` yen, `12.50` euros).
    """
    money_exponent = currency_exponent(get_business_profile(session).currency)
    database = database_id(session)

    def write(handle: Any) -> int:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        count = 0
        for rows, done, total in iter_export_chunks(session, customer_ids, is_cancelled):
            writer.writerows([_csv_row(row, excel, money_exponent, database) for row in rows])
            count += len(rows)
            progress(done, total)
        return count

    return write_atomically(path, write, encoding="utf-8-sig" if excel else "utf-8", newline="")
