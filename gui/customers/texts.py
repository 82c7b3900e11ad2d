"""Sentences for the customers area's codes: stage names and validation problems, written
once for every widget (core carries codes and data, never words)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core.customers.stages import ADVOCATE, LAPSED, NEW, PROSPECT, REPEAT, STAGES
from core.customers.validation import (
    INVALID_AMOUNT,
    INVALID_CHOICE,
    INVALID_DATE,
    INVALID_EMAIL,
    INVALID_PHONE,
    NAME_REQUIRED,
    TOO_LONG,
    UNKNOWN_CUSTOMER,
)
from core.kernel.errors import Problem


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("CustomerTexts", text, None, n)


def stage_label(stage: str) -> str:
    """A stage's name ("Repeat"); an unknown code shows as itself rather than vanishing."""
    labels = {PROSPECT: _tr("Prospect"), NEW: _tr("New"), REPEAT: _tr("Repeat"),
              ADVOCATE: _tr("Advocate"), LAPSED: _tr("Lapsed")}
    return labels.get(stage, stage)


def stage_labels() -> list[tuple[str, str]]:
    """(code, name) of every stage, in the program's order (for filters and legends)."""
    return [(stage, stage_label(stage)) for stage in STAGES]


def problem_text(problem: Problem) -> str:
    """What to do about one invalid value, as a sentence under its field."""
    if problem.code == TOO_LONG:
        return _tr("This is too long: at most %1 characters.").replace("%1", problem.detail)
    sentences = {
        INVALID_EMAIL: _tr("This is not an email address (example: name@example.com)."),
        INVALID_PHONE: _tr("This is not a phone number. Numbers from abroad need their "
                           "country code, like +44."),
        INVALID_DATE: _tr("This date does not exist."),
        NAME_REQUIRED: _tr("Enter a name, an organisation, an email or a phone number."),
        UNKNOWN_CUSTOMER: _tr("Choose another customer from the list."),
        INVALID_AMOUNT: _tr("Enter an amount like 12.50, not negative."),
        INVALID_CHOICE: _tr("Choose one of the offered values."),
    }
    return sentences.get(problem.code, _tr("This value cannot be stored."))


def needs_checking_text(note: Problem) -> str:
    """One value an import left out, as the editor shows it:
    "Needs checking: phone '12' was not a phone number"."""
    # Not at start-up: the window's first paint loads nothing of the import.
    from core.interchange.problems import TOO_LONG_DROPPED

    if note.code == TOO_LONG_DROPPED:
        text = _tr("Needs checking: %2 '%1…' was too long to keep").replace(
            "%2", _field_word(note.field))
    else:
        text = {
            "phone": _tr("Needs checking: phone '%1' was not a phone number"),
            "email": _tr("Needs checking: email '%1' was not an email address"),
            "birthday": _tr("Needs checking: birthday '%1' was not a date"),
            "total_spent": _tr("Needs checking: total spent '%1' was not an amount"),
            "total_orders": _tr("Needs checking: number of orders '%1' was not a number"),
        }.get(note.field, _tr("Needs checking: '%1' could not be kept"))
    return text.replace("%1", note.detail)


def _field_word(field: str) -> str:
    words = {"first_name": _tr("first name"), "last_name": _tr("last name"),
             "organisation": _tr("organisation"), "street": _tr("street"),
             "city": _tr("city"), "region": _tr("region"), "postal_code": _tr("postcode"),
             "country": _tr("country"), "notes": _tr("notes"), "email": _tr("email"),
             "phone": _tr("phone")}
    return words.get(field, field)


def record_field_label(field: str) -> str:
    """A customer's or a visit's value as the conflict dialog names it."""
    words = {
        "first_name": _tr("First name"), "last_name": _tr("Last name"),
        "organisation": _tr("Organisation"), "email": _tr("Email"), "phone": _tr("Phone"),
        "street": _tr("Street"), "city": _tr("City"), "region": _tr("Region"),
        "postal_code": _tr("Postcode"), "country": _tr("Country"), "notes": _tr("Notes"),
        "source": _tr("Source"), "referred_by_id": _tr("Referred by"),
        "customer_since": _tr("Customer since"), "birthday": _tr("Birthday"),
        "no_mail": _tr("No mail"), "no_email": _tr("No email"),
        "no_birthday_cards": _tr("No birthday cards"), "no_calls": _tr("No calls"),
        "no_campaigns": _tr("Leave out of all cards, letters and calls"),
        "tags": _tr("Tags"), "needs_checking": _tr("Needs checking"),
        "kind": _tr("Kind"), "occurred_on": _tr("Date"), "amount_minor": _tr("Amount"),
        "note": _tr("Note"),
    }
    return words.get(field, field.replace("_", " ").capitalize())


def match_hint(field: str, value: str) -> str:
    """What a search found in a column the list hides, shown beside the name
    ("tag: vip"); the organisation as it is."""
    if field == "organisation":
        return value
    label = {"email": _tr("email"), "phone": _tr("phone"), "postal_code": _tr("postcode"),
             "tags": _tr("tag"), "contacts": _tr("also")}.get(field, field)
    return f"{label}: {value}"


def no_match_text(search: str, filtered: bool) -> str:
    """What the list says when a search or its filters find nobody."""
    search = search.strip()
    if search and filtered:
        return _tr("No customers match ‘%1’ with these filters").replace("%1", search)
    if search:
        return _tr("No customers match ‘%1’").replace("%1", search)
    return _tr("No customers match these filters")
