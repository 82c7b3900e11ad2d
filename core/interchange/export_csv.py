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
from core.interchange.formula_guard import (
    FORMULA_START,
    GUARDED_FIRST,
    needs_guard,
    neutralise,
)
from core.interchange.own_fields import moments_cells
from core.kernel.jobs import CancelCheck, Progress, never_cancelled, no_progress
from core.kernel.money import currency_exponent, plain_amount
from core.settings.services import database_id, get_business_profile

CSV_COLUMNS = ("first_name", "last_name", "organisation", "email", "phone", "street", "city",
               "region", "postal_code", "country", "birthday", "tags", "notes",
               "other_emails", "other_phones", "lifetime_value",
               # The rest of the record (core.interchange.own_fields reads it back).
               "lifetime_value_currency", "customer_since", "source", "referred_by",
               "no_mail", "no_email", "no_birthday_cards", "no_calls", "no_campaigns",
               "email_consent", "sms_consent",
               "stage", "visit_count", "last_visit", "anniversaries", "life_events",
               # This database's id of the customer: importing the file again finds them.
               "regulars_id")
_FORMULA_FIRST = frozenset(FORMULA_START)
_OWN_FIRST = frozenset("+-")
_NO_MOMENTS = ("", "")
_YES_NO = {True: "yes", False: ""}  # an opt-out: "yes", or nothing
_CONSENT: dict[bool | None, str] = {True: "yes", False: "no", None: ""}
_OWN_VALUE = re.compile(r"^(\+\d{4,20}|--\d\d-\d\d)$")
__all__ = ["CSV_COLUMNS", "export_customers_csv", "neutralise", "text_cell"]


def text_cell(value: str, *, excel: bool) -> str:
    """A phone number or year-less birthday we wrote ourselves: shown as text by Excel."""
    if excel and _OWN_VALUE.match(value):
        return f'="{value}"'
    return neutralise(value)


def _csv_row(row: CustomerExport, excel: bool, money_exponent: int, zero: str,
             currency: str, own_prefix: str) -> list[str]:
    """The row's cells, each neutralised (a first-character test: a regex per cell costs)."""
    (_, first, last, organisation, email, phone, street, city, region, postal_code, country,
     notes, birthday, tags, other_emails, other_phones, value_minor, since, source,
     referred_by_id, no_mail, no_email, no_birthday_cards, no_calls, no_campaigns, stage,
     visit_count, last_visit,
     email_consent, sms_consent, moments) = row
    cells = [first, last, organisation, email, phone, street, city, region, postal_code,
             country, birthday, ", ".join(tags), notes, " ::: ".join(other_emails),
             " ::: ".join(other_phones)]
    cells = ["'" + v if (lead := v[:1]) in _FORMULA_FIRST or (lead == "'" and needs_guard(v))
             else v for v in cells]
    # A number we wrote (never negative), in the business currency's major units: not text.
    cells.append(plain_amount(value_minor, money_exponent) if value_minor else zero)
    cells += [currency, since, source if source[:1] not in GUARDED_FIRST else neutralise(source),
              own_prefix + str(referred_by_id) if referred_by_id else "",
              _YES_NO[no_mail], _YES_NO[no_email], _YES_NO[no_birthday_cards],
              _YES_NO[no_calls], _YES_NO[no_campaigns],
              _CONSENT[email_consent], _CONSENT[sms_consent], stage,
              str(visit_count), last_visit, *(moments_cells(moments) if moments else _NO_MOMENTS),
              own_prefix + str(row.id)]
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
    is written in the business currency's major units (`1250` yen, `12.50` euros), with
    that currency beside it. Every field a customer has is written, and an import of the
    file into an empty database gives the same customers (core.interchange.own_fields).
    """
    currency = get_business_profile(session).currency
    money_exponent = currency_exponent(currency)
    database = database_id(session)
    own_prefix = own_id(database, 0)[:-1]  # "regulars-<database id>-"
    zero = plain_amount(0, money_exponent)  # most customers' lifetime value

    def write(handle: Any) -> int:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        count = 0
        for rows, done, total in iter_export_chunks(session, customer_ids, is_cancelled):
            writer.writerows([_csv_row(row, excel, money_exponent, zero, currency, own_prefix)
                              for row in rows])
            count += len(rows)
            progress(done, total)
        return count

    return write_atomically(path, write, encoding="utf-8-sig" if excel else "utf-8", newline="")
