"""Sentences for the interchange area's reason codes and field names (core keeps codes only)."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLocale

from core.customers.validation import (
    INVALID_DATE,
    INVALID_EMAIL,
    INVALID_PHONE,
    NAME_REQUIRED,
    TOO_LONG,
)
from core.interchange import problems as p
from core.interchange.errors import ImportRefused
from core.kernel.errors import Problem


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportTexts", text)


def field_label(field: str) -> str:
    labels = {
        "first_name": _tr("First name"), "middle_name": _tr("Middle name"),
        "last_name": _tr("Last name"), "full_name": _tr("Full name"),
        "organisation": _tr("Organisation"), "email": _tr("Email"), "phone": _tr("Phone"),
        "other_email": _tr("Other email"), "other_phone": _tr("Other phone"),
        "street": _tr("Street"), "street2": _tr("Street (line 2)"), "city": _tr("City"),
        "region": _tr("State or region"), "postal_code": _tr("Postal code"),
        "country": _tr("Country"), "notes": _tr("Notes"), "birthday": _tr("Birthday"),
        "tags": _tr("Tags"), "labels": _tr("Labels (Google)"),
        "total_spent": _tr("Total spent"), "total_orders": _tr("Number of orders"),
        "email_consent": _tr("Email marketing consent"),
        "sms_consent": _tr("SMS marketing consent"),
        "birth_year": _tr("Birthday (year)"), "birth_month": _tr("Birthday (month)"),
        "birth_day": _tr("Birthday (day)"),
        "external_id": _tr("Customer number in the other program"),
        # The further columns of our own export (core.interchange.own_fields).
        "customer_since": _tr("Customer since"), "source": _tr("Came to us through"),
        "referred_by": _tr("Recommended by (customer number)"),
        "no_mail": _tr("No letters"), "no_email": _tr("No emails"),
        "no_birthday_cards": _tr("No birthday cards"),
        "no_calls": _tr("No calls"),
        "no_campaigns": _tr("Left out of all cards, letters and calls"),
        "visit_count": _tr("Number of visits"), "last_visit": _tr("Last visit"),
        "lifetime_value": _tr("Spent in all"),
        "lifetime_value_currency": _tr("Currency of the amount spent"),
        "anniversaries": _tr("Anniversaries"), "life_events": _tr("Life events"),
    }
    return labels.get(field, field)


def reason_text(code: str) -> str:
    """A reason code as a short phrase (lower case, no full stop)."""
    reasons = {
        p.EMPTY_FILE: _tr("the file is empty"),
        p.NO_ROWS: _tr("the file has a header but no customers"),
        p.BINARY_FILE: _tr("this is not a text file (is it a PDF or an Excel workbook? "
                           "Save it as CSV first)"),
        p.UNDECODABLE: _tr("some characters cannot be read with this encoding"),
        p.UNTERMINATED_QUOTE: _tr("a quotation mark is opened and never closed"),
        p.BAD_QUOTING: _tr("a quotation mark is in the wrong place"),
        p.DUPLICATE_HEADER: _tr("two columns have the same name"),
        p.FIELD_TOO_LONG: _tr("a value is longer than 100,000 characters"),
        p.NUL_BYTE: _tr("the file contains a NUL character"),
        p.NO_USABLE_COLUMNS: _tr("no column holds a name, email or phone number"),
        p.UNKNOWN_ENCODING: _tr("unknown encoding"),
        p.UNREADABLE_FILE: _tr("the file cannot be opened"),
        p.NOT_VCARD: _tr("the file holds no vCard"),
        p.WRONG_FIELD_COUNT: _tr("the row has a different number of values than the header"),
        p.INVALID_MONEY: _tr("not an amount"),
        p.DROPPED_VALUE: _tr("not valid, so left out of its field; kept under Needs checking"),
        p.TOO_LONG_DROPPED: _tr("too long for its field, so left out; kept under Needs "
                                "checking"),
        p.NAME_MISSING: _tr("no name: imported under the email or phone"),
        p.PHOTO_DROPPED: _tr("photo left out; the contact was imported"),
        p.OTHER_CURRENCY: _tr("an amount in another currency than the shop's: not converted, "
                              "kept under Needs checking"),
        p.REFERRER_UNKNOWN: _tr("names nobody in the customer list or the file; kept under "
                                "Needs checking"),
        INVALID_EMAIL: _tr("not a valid email address"),
        INVALID_PHONE: _tr("not a possible phone number"),
        INVALID_DATE: _tr("not a date"),
        NAME_REQUIRED: _tr("no name, organisation, email or phone"),
        TOO_LONG: _tr("too long"),
        "invalid_vcard": _tr("the card cannot be read"),
    }
    return reasons.get(code, code)


def refusal_text(refused: ImportRefused) -> str:
    if refused.line is not None:
        return _tr("Line {0}: {1}. Nothing was imported.").format(refused.line,
                                                                  reason_text(refused.code))
    return _tr("{0}. Nothing was imported.").format(reason_text(refused.code).capitalize())


def problem_reason_text(problem: Problem) -> str:
    """The reason with what the row held, e.g. "not a valid email address (ann@)"."""
    if problem.code == p.WRONG_FIELD_COUNT and ":" in problem.detail:
        expected, found = problem.detail.split(":", 1)
        return _tr("the header has {0} columns, this row has {1}").format(expected, found)
    if problem.code == TOO_LONG and problem.detail.isdigit():
        return _tr("longer than {0} characters").format(problem.detail)
    detail = f" ({problem.detail})" if problem.detail else ""
    return reason_text(problem.code) + detail


def problem_reason_line(problem: Problem) -> str:
    """The field and the reason, for a column of problems: "Email: not a valid email …"."""
    field = field_label(problem.field) if problem.field else _tr("Row")
    return _tr("{0}: {1}").format(field, problem_reason_text(problem))


def problem_text(problem: Problem) -> str:
    field = field_label(problem.field) if problem.field else _tr("row")
    return _tr("Line {0}, {1}: {2}").format(problem.line, field, problem_reason_text(problem))


def unmapped_text(columns: Sequence[str], *, most: int = 12) -> str:
    """"These columns will not be imported: Fax, Twitter.", or "" when every column is used.
    Past `most` names the rest are counted; the whole list belongs in a tooltip."""
    if not columns:
        return ""
    names = [" ".join(name.split()) for name in columns]  # a header may hold a line break
    listed = ", ".join(names[:most])
    if len(names) > most:
        listed = _tr("{0} and {1} more").format(listed, QLocale().toString(len(names) - most))
    return _tr("These columns will not be imported: {0}.").format(listed)


def source_choice_label(name: str) -> str:
    """What the "Where is this file from?" list says for a format ("auto": detect it)."""
    if name == "auto":
        return _tr("Let Regulars work it out")
    if name == "generic":
        return _tr("A spreadsheet (other)")
    return format_label(name)


# Encodings offered by name, as codecs.lookup() names them; "auto" detects.
ENCODING_CHOICES = ("auto", "utf-8", "utf-8-sig", "utf-16", "cp1252", "iso8859-1",
                    "iso8859-15", "mac-roman", "cp1250", "iso8859-2", "cp1251", "koi8-r",
                    "cp1253", "cp1254", "cp1257", "shift_jis", "cp932", "euc_jp", "gb18030",
                    "big5", "euc_kr")


def encoding_label(codec: str) -> str:
    """An encoding as people know it ("Western European (Windows)"), never a codec name
    alone; one without a name of ours shows its code in brackets."""
    labels = {
        "auto": _tr("Let Regulars work it out"),
        "utf-8": _tr("Unicode (UTF-8)"),
        "utf-8-sig": _tr("Unicode (UTF-8, from Excel)"),
        "utf-16": _tr("Unicode (UTF-16)"),
        "utf-16-le": _tr("Unicode (UTF-16)"), "utf-16-be": _tr("Unicode (UTF-16)"),
        "cp1252": _tr("Western European (Windows)"),
        "iso8859-1": _tr("Western European (ISO 8859-1)"),
        "iso8859-15": _tr("Western European with euro (ISO 8859-15)"),
        "mac-roman": _tr("Western European (Mac)"),
        "cp1250": _tr("Central European (Windows)"),
        "iso8859-2": _tr("Central European (ISO 8859-2)"),
        "cp1251": _tr("Cyrillic (Windows)"), "koi8-r": _tr("Cyrillic (KOI8-R)"),
        "cp1253": _tr("Greek (Windows)"), "cp1254": _tr("Turkish (Windows)"),
        "cp1257": _tr("Baltic (Windows)"),
        "shift_jis": _tr("Japanese (Shift JIS)"), "cp932": _tr("Japanese (Windows)"),
        "euc_jp": _tr("Japanese (EUC-JP)"),
        "gb18030": _tr("Chinese Simplified (GB18030)"),
        "big5": _tr("Chinese Traditional (Big5)"), "euc_kr": _tr("Korean (EUC-KR)"),
    }
    return labels.get(codec) or _tr("Other ({0})").format(codec)


def separator_label(separator: str) -> str:
    """How the columns are separated, as a phrase ("commas"); "auto" detects."""
    labels = {"auto": _tr("Let Regulars work it out"), ",": _tr("Commas ( , )"),
              ";": _tr("Semicolons ( ; )"), "\t": _tr("Tabs"), "tab": _tr("Tabs"),
              "|": _tr("Vertical bars ( | )"), "pipe": _tr("Vertical bars ( | )"),
              "": _tr("One column only")}
    return labels.get(separator) or separator


def outcome_label(outcome: str) -> str:
    """What an import does with a row, as the Outcome column says it."""
    from core.interchange import outcomes as o

    return {o.SKIPPED: _tr("Skipped"), o.FILLED: _tr("Empty fields filled in"),
            o.OVERWRITTEN: _tr("Fields overwritten"), o.KEPT_APART: _tr("New customer"),
            REJECTED_ROW: _tr("Not imported"),
            VALUE_LEFT_OUT: _tr("Imported, a value left out")}.get(outcome, outcome)


REJECTED_ROW, VALUE_LEFT_OUT = "rejected", "value_left_out"  # rows known by their problems


def matched_on_label(kind: str) -> str:
    """What two records had in common, as a phrase ("the same phone number")."""
    return {"email": _tr("the same email"), "phone": _tr("the same phone number"),
            "name_postcode": _tr("the same name and postcode"),
            "name_address": _tr("the same name and address"),
            "external_id": _tr("the same customer number in the other program")
            }.get(kind, kind)


def format_label(name: str) -> str:
    """A stored format name ("shopify-legacy", "vcard", "generic") as the program's name."""
    till = {"shopify-orders": _tr("Shopify orders"), "appointments": _tr("Appointment list"),
            "square-transactions": _tr("Square transactions"),
            "woocommerce-orders": _tr("WooCommerce orders")}  # visits (core.visits)
    if name in till:
        return till[name]
    base, _, variant = name.partition("-")
    labels = {
        "google": _tr("Google Contacts"), "outlook": _tr("Outlook"),
        "shopify": _tr("Shopify"), "square": _tr("Square"), "mailchimp": _tr("Mailchimp"),
        "hubspot": _tr("HubSpot"), "thunderbird": _tr("Thunderbird"),
        "generic": _tr("Spreadsheet"), "vcard": _tr("vCard"),
    }
    label = labels.get(base, name)
    return _tr("{0} (older layout)").format(label) if variant == "legacy" else label


def policy_label(on_duplicate: str) -> str:
    """What an import did with customers it already had, as a heading-style phrase."""
    return {"skip": _tr("Existing customers left as they were"),
            "fill": _tr("Empty fields of existing customers filled in"),
            "overwrite": _tr("Existing customers overwritten"),
            # A visits import's choice for the rows that matched no customer.
            "create-unmatched": _tr("Customers created for sales that matched no one"),
            "skip-unmatched": _tr("Sales that matched no customer left out"),
            }.get(on_duplicate, on_duplicate)
