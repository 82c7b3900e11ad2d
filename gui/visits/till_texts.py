"""Sentences for importing visits and purchases from a till, written once."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core.interchange.errors import ImportRefused
from core.kernel.errors import Problem

from gui.interchange.texts import reason_text as file_reason_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("TillTexts", text)


def format_label(name: str) -> str:
    """A till export's format as a shop owner knows it."""
    labels = {"auto": _tr("Let Regulars work it out"),
              "shopify-orders": _tr("Shopify orders export"),
              "square-transactions": _tr("Square transactions export"),
              "woocommerce-orders": _tr("WooCommerce orders export"),
              "appointments": _tr("Appointment or booking list"),
              "generic": _tr("Spreadsheet of visits or sales")}
    return labels.get(name, name)


def field_label(field: str) -> str:
    """What a column gives, in the words of the reading page and the problems list."""
    labels = {
        "order_id": _tr("order number"), "order_id_alt": _tr("order number"),
        "date": _tr("date"), "date_alt": _tr("date"), "customer_ref": _tr("customer number"),
        "customer_ref_alt": _tr("customer number"), "email": _tr("email"), "phone": _tr("phone"),
        "phone_alt": _tr("phone"), "name": _tr("name"), "first_name": _tr("first name"),
        "last_name": _tr("last name"), "country": _tr("country"), "amount": _tr("amount"),
        "amount_alt": _tr("amount"), "refund": _tr("refunded amount"),
        "currency": _tr("currency"), "note": _tr("note"), "item": _tr("item"),
        "event": _tr("payment or refund"), "status": _tr("status"), "row": _tr("row"),
    }
    return labels.get(field, field)


def reason_text(code: str) -> str:
    reasons = {
        "missing_date": _tr("no date"),
        "invalid_date": _tr("not a date"),
        "future_date": _tr("a date in the future"),
        "invalid_amount": _tr("not an amount of money"),
        "other_currency": _tr("in another currency: the visit is kept without its amount"),
        "undecodable": _tr("holds bytes that are not text in this encoding"),
        "no_date_column": _tr("no column gives the date of the visit or sale"),
        "no_customer_column": _tr("no column names the customer (a customer number, email, "
                                  "phone or name)"),
    }
    return reasons.get(code) or file_reason_text(code)


def problem_reason(problem: Problem) -> str:
    detail = f" ({problem.detail})" if problem.detail else ""
    return reason_text(problem.code) + detail


def refusal_text(refused: ImportRefused) -> str:
    reason = reason_text(refused.code)
    if refused.line is not None:
        return _tr("Line %1: %2. Nothing was imported.").replace(
            "%1", str(refused.line)).replace("%2", reason)
    return _tr("%1. Nothing was imported.").replace("%1", reason[:1].upper() + reason[1:])
