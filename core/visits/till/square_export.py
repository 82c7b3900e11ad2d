"""A Square transactions export of the demo shop's till, for trying the visits import.

A year of sales, newest first as Square writes them: most for the shop's customers (half
named by the till's Customer Reference ID, which a shop that links its till to Regulars
fills in with our id, half by name only), a few for people not in the list yet, many for
walk-ins the till knows nothing about, and a few refunds. Made from the seed alone, so the
same database and seed give the same file, and importing it twice adds nothing.
"""
from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from core.interchange.services import own_id, write_atomically
from core.kernel.money import currency_exponent, plain_amount
from core.settings.services import database_id, get_business_profile

# The columns of Square's transactions export (Dashboard > Transactions > Export).
SQUARE_COLUMNS = (
    "Date", "Time", "Time Zone", "Gross Sales", "Discounts", "Service Charges", "Net Sales",
    "Gift Card Sales", "Tax", "Tip", "Partial Refunds", "Total Collected", "Source", "Card",
    "Card Entry Methods", "Cash", "Square Gift Card", "Other Tender", "Other Tender Type",
    "Tender Note", "Fees", "Net Total", "Transaction ID", "Payment ID", "Card Brand",
    "PAN Suffix", "Device Name", "Staff Name", "Staff ID", "Details", "Description",
    "Event Type", "Location", "Dining Option", "Customer ID", "Customer Name",
    "Customer Reference ID", "Device Nickname", "Deposit ID", "Deposit Date",
    "Deposit Details", "Fee Percentage Rate", "Fee Fixed Rate", "Refund Reason",
    "Discount Name", "Transaction Status", "Cash App", "Order Reference ID",
    "Fulfillment Note", "Free Processing Applied", "Channel", "Unattributed Tips",
)
ITEMS = (("Sourdough loaf", 850), ("Rye loaf", 900), ("Croissant", 425),
         ("Cinnamon roll", 475), ("Baguette", 450), ("Cappuccino", 475),
         ("Birthday cake", 4200), ("Quiche slice", 650), ("Box of macarons", 1800))
WALK_IN_NAMES = ("Noor Haddad", "Tomasz Wójcik", "Ines Carvalho", "Kwame Mensah",
                 "Yuki Tanaka", "Freya Lindqvist", "Mateo Rossi", "Aisha Bello")


def write_demo_till_export(session: Session, path: Path, *, seed: int = 1,
                           today: dt.date | None = None, per_customer: float = 3.0,
                           progress: Callable[[int, int], None] | None = None) -> int:
    """Write the export for the database's live customers; returns the number of
    transactions. Nothing in the database changes."""
    today = today or dt.date.today()
    profile = get_business_profile(session)
    exponent = currency_exponent(profile.currency)
    sign = "$" if profile.currency.upper() in ("USD", "CAD", "AUD", "NZD") else ""
    database = database_id(session)
    listed = [(int(row[0]), f"{row[1]} {row[2]}".strip()) for row in session.execute(text(
        "SELECT id, first_name, last_name FROM customers WHERE deleted_at IS NULL"
        " AND (first_name <> '' OR last_name <> '') ORDER BY id"))]
    # A till knows people by name only when the name is theirs alone; the others carry
    # the Customer Reference ID.
    names: dict[str, int] = {}
    for _, name in listed:
        names[name.casefold()] = names.get(name.casefold(), 0) + 1
    shared = {name for name, count in names.items() if count > 1}
    customers = [(customer_id, name, name.casefold() in shared)
                 for customer_id, name in listed]
    rng = random.Random(seed)
    total = int(len(customers) * per_customer) if customers else 0
    days = 365

    def money(minor: int) -> str:
        text_amount = plain_amount(abs(minor), exponent)
        return f"{'-' if minor < 0 else ''}{sign}{text_amount}"

    def write(handle: Any) -> int:
        out = csv.writer(handle)
        out.writerow(SQUARE_COLUMNS)
        written = 0
        for back in range(days):
            day = today - dt.timedelta(days=back)
            for _ in range(total // days + (1 if back < total % days else 0)):
                written += 1
                out.writerow(_row(rng, day, written, customers, database, money))
                if rng.random() < 0.01:  # money given back the same day
                    written += 1
                    out.writerow(_row(rng, day, written, customers, database, money,
                                      refund=True))
            if progress is not None:
                progress(back + 1, days)
        return written

    return write_atomically(path, write, encoding="utf-8", newline="")


def _row(rng: random.Random, day: dt.date, number: int,
         customers: list[tuple[int, str, bool]],
         database: str, money: Callable[[int], str], *, refund: bool = False) -> list[str]:
    item, price = rng.choice(ITEMS)
    quantity = rng.choice((1, 1, 1, 2, 3))
    net = price * quantity * (-1 if refund else 1)
    tax = round(net * 0.08)
    reference = name = ""
    roll = rng.random()
    if roll < 0.70 and customers:
        customer_id, name, name_shared = rng.choice(customers)
        if name_shared or rng.random() < 0.5:
            reference = own_id(database, customer_id)
    elif roll < 0.72:
        name = rng.choice(WALK_IN_NAMES)
    transaction = f"T{day:%y%m%d}{number:07d}"
    values = dict.fromkeys(SQUARE_COLUMNS, "")
    values.update({
        "Date": day.isoformat(), "Time": f"{rng.randint(7, 18):02d}:{rng.randint(0, 59):02d}:00",
        "Time Zone": "Pacific Time (US & Canada)", "Gross Sales": money(net),
        "Discounts": money(0), "Service Charges": money(0), "Net Sales": money(net),
        "Gift Card Sales": money(0), "Tax": money(tax), "Tip": money(0),
        "Partial Refunds": money(0), "Total Collected": money(net + tax),
        "Source": "Point of Sale", "Card": money(net + tax), "Transaction ID": transaction,
        "Payment ID": f"P{number:09d}", "Device Name": "Counter iPad",
        "Description": f"{quantity} x {item}" if quantity > 1 else item,
        "Event Type": "Refund" if refund else "Payment", "Location": "Maple & Rye Bakery",
        "Customer Name": name, "Customer Reference ID": reference,
        "Refund Reason": "Returned goods" if refund else "",
        "Transaction Status": "Complete", "Channel": "Counter iPad",
    })
    return [values[column] for column in SQUARE_COLUMNS]
