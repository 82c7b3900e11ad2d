"""Who a batch goes to: the selection, who is left out and why, and each one's merge values."""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.orm import Session

from core.customers.services import find_tag_id, mailing_rows
from core.customers.types import STAGES, AddressRow, display_name, format_phone
from core.printing.addresses import PostalAddress, home_country
from core.printing.addresses import address_lines as postal_lines
from core.printing.errors import InvalidSelection
from core.printing.types import (
    AMBIGUOUS_SELECTION,
    EMPTY_SELECTION,
    NO_ADDRESS,
    NO_MAIL,
    NOT_FOUND,
    UNKNOWN_STAGE,
    UNKNOWN_TAG,
    Recipient,
    RecipientSelection,
    Skipped,
)
from core.settings.types import BusinessProfileData

log = logging.getLogger(__name__)


def select_recipients(
    session: Session, selection: RecipientSelection, *, profile: BusinessProfileData,
    today: dt.date | None = None,
) -> tuple[tuple[Recipient, ...], tuple[Skipped, ...]]:
    """The recipients in print order, and those left out (no address, no mail, not found)."""
    today = today or dt.date.today()
    customers = _load(session, selection)
    recipients: list[Recipient] = []
    skipped: list[Skipped] = []
    if selection.customer_ids:
        found = {c.id for c in customers}
        skipped += [Skipped(i, "", NOT_FOUND) for i in dict.fromkeys(selection.customer_ids)
                    if i not in found]
    for customer in customers:
        name = display_name(customer.first_name, customer.last_name, customer.organisation)
        if customer.no_mail:
            skipped.append(Skipped(customer.id, name, NO_MAIL))
        elif not has_postal_address(customer.street, customer.city, customer.postal_code):
            skipped.append(Skipped(customer.id, name, NO_ADDRESS))
        else:
            recipients.append(recipient_from(customer, profile, today))
    log.info("selected %d recipients, skipped %d", len(recipients), len(skipped))
    return tuple(recipients), tuple(skipped)


def has_postal_address(street: str, city: str, postal_code: str) -> bool:
    return bool(street.strip()) and bool(city.strip() or postal_code.strip())


def _load(session: Session, selection: RecipientSelection) -> list[AddressRow]:
    chosen = [bool(selection.customer_ids), bool(selection.tag.strip()),
              bool(selection.stage), selection.everyone]
    if sum(chosen) == 0:
        raise InvalidSelection(EMPTY_SELECTION)
    if sum(chosen) > 1:
        raise InvalidSelection(AMBIGUOUS_SELECTION)
    if selection.customer_ids:
        return mailing_rows(session, customer_ids=selection.customer_ids)
    if selection.tag.strip():
        tag = selection.tag.strip()
        tag_id = find_tag_id(session, tag)
        if tag_id is None:
            raise InvalidSelection(UNKNOWN_TAG, tag)
        return mailing_rows(session, tag_id=tag_id)
    if selection.stage and selection.stage not in STAGES:
        raise InvalidSelection(UNKNOWN_STAGE, selection.stage)
    return mailing_rows(session, stage=selection.stage)


def recipient_from(customer: Any, profile: BusinessProfileData, today: dt.date) -> Recipient:
    """A customer row (ORM object or anything with the same attributes) as a recipient."""
    name = display_name(customer.first_name, customer.last_name, customer.organisation)
    values = merge_values(customer, profile, today)
    home = home_country(profile.country, profile.region, profile.locale)
    return Recipient(customer.id, name, tuple(values.items()),
                     address_lines(values, business_country=home, locale=profile.locale))


def merge_values(customer: Any, profile: BusinessProfileData, today: dt.date) -> dict[str, str]:
    first, last = customer.first_name.strip(), customer.last_name.strip()
    organisation = customer.organisation.strip()
    since: dt.date | None = customer.customer_since
    return {
        "first_name": first,
        "last_name": last,
        "full_name": display_name(first, last, organisation),
        "greeting_name": first or display_name(first, last, organisation),
        "organisation": organisation,
        "street": customer.street.strip(),
        "city": customer.city.strip(),
        "region": customer.region.strip(),
        "postal_code": customer.postal_code.strip(),
        "country": customer.country.strip(),
        "customer_since": format_date(since, profile.locale) if since else "",
        "customer_since_year": str(since.year) if since else "",
        "visit_count": str(getattr(customer, "visit_count", 0) or 0),
        "business_name": profile.name,
        "business_city": profile.city,
        "business_phone": format_phone(profile.phone, profile.region),
        "business_email": profile.email,
        "signature_name": profile.signature_name,
        "today": format_date(today, profile.locale),
        "also_celebrating": "",  # filled per item by the program (core.program.due_cards)
    }


def address_lines(values: Mapping[str, str], *, business_country: str = "",
                  locale: str = "en_US") -> tuple[str, ...]:
    """Name, organisation, street lines, locality and (when foreign) country, as the
    address's country writes them (core.printing.addresses)."""
    return postal_lines(PostalAddress(
        values["full_name"], values["organisation"], values["street"], values["city"],
        values["region"], values["postal_code"], values["country"],
    ), home_country=business_country, locale=locale)


def postal_address(street: str, city: str, region: str, postal_code: str, country: str, *,
                   profile: BusinessProfileData) -> tuple[str, ...]:
    """An address's lines without a name, as its country writes them; the country only when
    it is not the business's own (a form's "Your address")."""
    home = home_country(profile.country, profile.region, profile.locale)
    return postal_lines(PostalAddress("", "", street, city, region, postal_code, country),
                        home_country=home, locale=profile.locale)


def format_date(value: dt.date, locale: str) -> str:
    from babel import UnknownLocaleError
    from babel.dates import format_date as babel_format_date

    try:
        return str(babel_format_date(value, format="long", locale=locale or "en_US"))
    except (UnknownLocaleError, ValueError):
        return value.isoformat()


@dataclass(frozen=True)
class _SampleCustomer:
    id: None = None
    first_name: str = "Maria"
    last_name: str = "García"
    organisation: str = ""
    street: str = "12 Orchard Lane"
    city: str = "Springfield"
    region: str = ""
    postal_code: str = "12345"
    country: str = ""
    customer_since: dt.date = dt.date(2024, 3, 14)
    visit_count: int = 10


def sample_recipient(profile: BusinessProfileData, today: dt.date | None = None) -> Recipient:
    """A made-up customer for previews when none is chosen."""
    from core.printing.templates import SUPPLIED_FIELDS

    sample = recipient_from(_SampleCustomer(), profile, today or dt.date.today())
    return replace(sample, values=sample.values + tuple(SUPPLIED_FIELDS.items()))
