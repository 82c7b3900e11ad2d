"""Which till or booking system wrote a file of visits or purchases, from its header.

Each format maps the exporter's column names to the fields a visit needs. Headers are
compared folded, letters and digits only (`Transaction ID`, `transaction_id`, `TRANSACTION
ID` are one column). A column named twice counts once, the first time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from core.kernel.text import fold

# The fields a column can give. `*_alt` fields are read when their main field is empty in
# a row (Shopify's `Paid at` when `Created at` is; Square's `Total Collected` without
# `Net Sales`).
FIELDS = (
    "order_id", "order_id_alt", "date", "date_alt", "customer_ref", "customer_ref_alt",
    "email", "phone", "phone_alt", "name", "first_name", "last_name", "country", "amount",
    "amount_alt", "refund", "currency", "note", "item", "event", "status", "cancelled",
)

AUTO = "auto"
SHOPIFY_ORDERS = "shopify-orders"
SQUARE_TRANSACTIONS = "square-transactions"
WOOCOMMERCE_ORDERS = "woocommerce-orders"
APPOINTMENTS = "appointments"
GENERIC = "generic"
FORMATS = (SHOPIFY_ORDERS, SQUARE_TRANSACTIONS, WOOCOMMERCE_ORDERS, APPOINTMENTS, GENERIC)

_NON_ALNUM = re.compile(r"[\W_]+")


def column_key(name: str) -> str:
    return _NON_ALNUM.sub("", fold(name))


@dataclass(frozen=True)
class TillFormat:
    name: str  # one of FORMATS
    source: str  # whose ids its order and customer ids are (interactions.source)
    columns: dict[str, str]  # header as the exporter writes it -> field
    signature: tuple[str, ...]  # headers that together identify the exporter
    # Whether the amount is the order's, written on its first row only (Shopify repeats the
    # order's rows per line item), rather than each row's own, added up (Square, a sheet).
    order_amount: bool = False
    day_first: bool | None = None  # None: the business locale's habit

    def keyed(self) -> dict[str, str]:
        return {column_key(h): f for h, f in self.columns.items()}


SHOPIFY = TillFormat(SHOPIFY_ORDERS, "shopify", {
    "Name": "order_id", "Id": "order_id_alt", "Email": "email", "Billing Name": "name",
    "Billing Phone": "phone", "Phone": "phone_alt", "Billing Country": "country",
    "Total": "amount", "Refunded Amount": "refund", "Currency": "currency",
    "Created at": "date", "Paid at": "date_alt", "Notes": "note", "Lineitem name": "item",
    "Financial Status": "status", "Cancelled at": "cancelled",
}, ("Name", "Financial Status", "Lineitem name", "Total"), order_amount=True)

SQUARE = TillFormat(SQUARE_TRANSACTIONS, "square", {
    "Date": "date", "Transaction ID": "order_id", "Payment ID": "order_id_alt",
    "Customer ID": "customer_ref", "Customer Reference ID": "customer_ref_alt",
    "Customer Name": "name", "Net Sales": "amount", "Total Collected": "amount_alt",
    "Description": "item", "Event Type": "event", "Transaction Status": "status",
}, ("Date", "Time Zone", "Transaction ID", "Customer Name"))

# WooCommerce's order export (the Customer/Order CSV Export's default column names) ...
WOOCOMMERCE = TillFormat(WOOCOMMERCE_ORDERS, "woocommerce", {
    "order_number": "order_id", "order_id": "order_id_alt", "date": "date",
    "status": "status", "order_total": "amount", "refunded_total": "refund",
    "order_refund": "refund", "order_currency": "currency", "currency": "currency",
    "billing_email": "email", "billing_phone": "phone", "billing_first_name": "first_name",
    "billing_last_name": "last_name", "billing_country": "country",
    "customer_id": "customer_ref", "customer_user": "customer_ref",
    "customer_note": "note",
}, ("order_id", "order_total", "billing_email"), order_amount=True)
# ... and its Analytics > Orders download.
WOOCOMMERCE_ANALYTICS = TillFormat(WOOCOMMERCE_ORDERS, "woocommerce", {
    "Date": "date", "Order #": "order_id", "Status": "status", "Customer": "name",
    "Product(s)": "item", "Net Sales": "amount",
}, ("Date", "Order #", "Customer type", "Net Sales"), order_amount=True)

KNOWN = (SHOPIFY, SQUARE, WOOCOMMERCE, WOOCOMMERCE_ANALYTICS)

# Spreadsheet and booking-system headers, by field (English, German, French, Spanish).
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": ("date", "visit date", "appointment date", "booking date", "start date",
             "start time", "start", "day", "order date", "purchase date", "transaction date",
             "datum", "termin", "fecha", "data"),
    "order_id": ("order id", "order", "order number", "order #", "invoice", "invoice number",
                 "receipt", "receipt number", "transaction id", "booking id",
                 "appointment id", "reference", "bestellnummer", "rechnungsnummer"),
    "customer_ref": ("customer id", "client id", "customer number", "regulars_id",
                     "kundennummer"),
    "email": ("email", "e-mail", "email address", "customer email", "client email", "mail"),
    "phone": ("phone", "telephone", "phone number", "mobile", "customer phone",
              "client phone", "telefon"),
    "name": ("name", "customer", "client", "customer name", "client name", "full name",
             "patient", "guest", "kunde", "nom", "nombre"),
    "first_name": ("first name", "firstname", "given name", "vorname", "prénom"),
    "last_name": ("last name", "lastname", "surname", "nachname", "nom de famille"),
    "country": ("country", "country code", "land", "pays"),
    "amount": ("amount", "total", "price", "paid", "amount paid", "sale", "sales", "value",
               "betrag", "summe", "montant", "importe"),
    "refund": ("refund", "refunded", "refunded amount"),
    "currency": ("currency", "währung", "devise", "moneda"),
    "note": ("note", "notes", "service", "services", "treatment", "description", "comment",
             "memo", "item", "items", "product", "notiz", "leistung"),
}
_SYNONYM_FIELD = {column_key(name): field for field, names in _SYNONYMS.items()
                  for name in names}
# Words that make a sheet without amounts an appointment book rather than a plain list.
_BOOKING_WORDS = ("service", "treatment", "appointment", "booking", "staff", "stylist",
                  "leistung", "termin")


@dataclass(frozen=True)
class Detected:
    format: str
    source: str
    mapping: tuple[str, ...]  # one field (or "") per column
    order_amount: bool
    day_first: bool | None

    def has(self, field: str) -> bool:
        return field in self.mapping


def detect_till_format(header: list[str], requested: str = AUTO) -> Detected:
    """The format of a file with this header: the one asked for, or the known exporter
    whose signature columns are all there, or a spreadsheet read by its column names."""
    keys = [column_key(h) for h in header]
    present = set(keys)
    for spec in KNOWN:
        if requested not in (AUTO, spec.name):
            continue
        wanted = {column_key(h) for h in spec.signature}
        if wanted <= present or requested == spec.name and _fits(spec, keys):
            return Detected(spec.name, spec.source, _mapped(keys, spec.keyed()),
                            spec.order_amount, spec.day_first)
    mapping = _mapped(keys, _SYNONYM_FIELD)
    name = requested if requested in (APPOINTMENTS, GENERIC) else GENERIC
    if requested == AUTO and "amount" not in mapping and any(
            word in key for key in keys for word in _BOOKING_WORDS):
        name = APPOINTMENTS
    return Detected(name, "appointments" if name == APPOINTMENTS else "generic", mapping,
                    False, None)


def _fits(spec: TillFormat, keys: list[str]) -> bool:
    """Whether a file asked to be read as `spec` has at least a date column of it."""
    return any(spec.keyed().get(key) in ("date", "date_alt") for key in keys)


def _mapped(keys: list[str], fields: dict[str, str]) -> tuple[str, ...]:
    seen: set[str] = set()
    mapping = []
    for key in keys:
        field = fields.get(key, "")
        if field in seen:
            field = ""  # a column named twice, or a second column for one field
        seen.add(field)
        mapping.append(field)
    return tuple(mapping)
