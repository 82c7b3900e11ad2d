"""The people and history of the demo (core/demo.py): one customer at a time, as rows.

Names come from core/demo_data.py in a mix weighted towards the shop's country; every
random choice comes from one seeded generator, so a seed always gives the same people.
"""
from __future__ import annotations

import calendar
import datetime as dt
import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from core.customers.types import LIFE_EVENTS, customer_keys_of
from core.demo import data as demo_data
from core.kernel.text import fold
from core.settings.types import BusinessProfileData

YEARS_OF_HISTORY = 8
DUPLICATE_EVERY = 100  # one customer in a hundred is someone entered twice
REFERRAL_SHARE = 0.12

_NOT_EMAIL = re.compile(r"[^a-z0-9]+")


@dataclass
class Batch:
    """The rows one chunk of customers adds, table by table."""

    customers: list[dict[str, Any]] = field(default_factory=list)
    customer_tags: list[dict[str, int]] = field(default_factory=list)
    interactions: list[dict[str, Any]] = field(default_factory=list)
    moments: list[dict[str, Any]] = field(default_factory=list)


def _pairs(names: Sequence[str]) -> list[tuple[str, str]]:
    """(as written, in Latin letters) for each name of a word list."""
    return [(n.partition(":")[0], n.partition(":")[2] or n) for n in names]


@dataclass(frozen=True)
class _PhonePlan:
    """How to make possible mobile numbers for one region."""

    country_code: str
    prefix: str  # leading national digits kept from phonenumbers' example number
    length: int  # digits in the national significant number

    @classmethod
    def for_region(cls, region: str) -> _PhonePlan:
        import phonenumbers

        example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
        if example is None:
            raise ValueError(f"phonenumbers has no example mobile number for {region}")
        nsn = str(example.national_number)
        return cls(str(example.country_code), nsn[: max(1, len(nsn) - 7)], len(nsn))


class DemoMaker:
    """Makes customers one chunk at a time, remembering what later customers refer to."""

    def __init__(
        self, rng: random.Random, today: dt.date, profile: BusinessProfileData,
        start_ids: dict[str, int],
    ) -> None:
        self.rng = rng
        self.today = today
        self.region = profile.region if profile.region in demo_data.ADDRESS_BOOKS else "US"
        self.book = demo_data.ADDRESS_BOOKS[self.region]
        self.country_name = _country_name(self.region, profile.locale)
        weights = demo_data.culture_weights(profile.region)
        self.culture_keys = [key for key, _ in weights]
        self.culture_cum = _cumulative(w for _, w in weights)
        self.local_culture = self.culture_keys[0]
        self.names = {
            key: (_pairs(c.female), _pairs(c.male), _pairs(c.last),
                  _pairs(c.last_female or c.last))
            for key, c in demo_data.CULTURES.items()
        }
        self.city_cum = _cumulative([11] + [1] * (len(self.book.cities) - 1))
        self.next_customer_id = start_ids["customers"]
        self.next_interaction_id = start_ids["interactions"]
        self.next_moment_id = start_ids["moments"]
        self.next_tag_id = start_ids["tags"]
        self.tag_ids: dict[str, int] = {}
        self.referrers: list[int] = []
        self.recent: list[dict[str, Any]] = []  # people a duplicate may copy
        self.emails: set[str] = set()
        self.phones: set[str] = set()  # every number made, so none repeats
        self.email_parts: dict[str, str] = {}
        # Shop prices in cents: mostly tens of dollars, now and then a big order.
        self.prices = [
            max(3, min(2_000, int(math.exp(rng.gauss(3.3, 0.8))))) * 100
            + (0, 0, 0, 50, 95, 99, rng.randrange(100))[rng.randrange(7)]
            for _ in range(4_000)
        ]
        self.phone_plans: dict[str, _PhonePlan] = {}
        self.made = 0

    def batch(self, count: int) -> Batch:
        batch = Batch()
        for _ in range(count):
            self._customer(batch)
        return batch

    # --- one customer ------------------------------------------------------------------

    def _customer(self, batch: Batch) -> None:
        rng = self.rng
        cid = self.next_customer_id
        self.next_customer_id += 1
        since = self.today - dt.timedelta(
            days=int(YEARS_OF_HISTORY * 365 * rng.random() ** 1.8)
        )
        duplicate_of = (
            self._pick(self.recent) if self.made % DUPLICATE_EVERY == 50 and self.recent else None
        )
        row = self._duplicate(duplicate_of) if duplicate_of else self._person()
        archetype, fewest, most = _pick_archetype(rng.random())
        if duplicate_of:
            archetype, fewest, most = "once", 0, 2
        referred_by = None
        if self.referrers and self.made > 20 and rng.random() < REFERRAL_SHARE:
            referred_by = self._pick(self.referrers)
            row["source"] = "referral"
        created = dt.datetime.combine(since, dt.time(9)) + dt.timedelta(minutes=self._below(600))
        row.update(
            id=cid, referred_by_id=referred_by, customer_since=since, stage="prospect",
            visit_count=0, lifetime_value_minor=0, last_interaction_on=None,
            created_at=created, updated_at=created, deleted_at=None,
        )
        row.update(customer_keys_of(row))
        batch.customers.append(row)
        self._history(batch, cid, since, self._between(fewest, most))
        self._moments(batch, cid, since)
        self._tags(batch, cid, row, archetype)
        if archetype in ("regular", "loyal"):
            self.referrers.append(cid)
        if duplicate_of is None:
            self._remember(row)
        self.made += 1

    def _person(self) -> dict[str, Any]:
        rng = self.rng
        culture_key = self.culture_keys[_weighted(self.culture_cum, rng.random())]
        culture = demo_data.CULTURES[culture_key]
        female_names, male_names, last_names, last_female = self.names[culture_key]
        female = rng.random() < 0.53
        first = self._pick(female_names if female else male_names)
        last = self._pick(last_female if female else last_names)
        # Shops abroad often write foreign names the way their owners spell them in Latin.
        native = culture_key == self.local_culture or rng.random() < 0.6
        first_name, last_name = (first[0], last[0]) if native else (first[1], last[1])
        organisation = self._pick(demo_data.ORGANISATIONS) if rng.random() < 0.04 else ""
        if organisation and rng.random() < 0.15:
            first_name = last_name = ""
            first = last = ("", "")
        birthday = self._birthday()
        abroad = culture_key != self.local_culture and rng.random() < 0.15
        row: dict[str, Any] = {
            "first_name": first_name, "last_name": last_name, "organisation": organisation,
            "email": self._email(first[1], last[1], organisation) if rng.random() < 0.8 else "",
            "phone": self._phone(culture.phone_region if abroad else self.region)
            if rng.random() < 0.85 else "",
            **self._address(),
            "notes": self._pick(demo_data.CUSTOMER_NOTES) if rng.random() < 0.08 else "",
            "source": self._pick(demo_data.SOURCES),
            "birthday_month": birthday[0], "birthday_day": birthday[1],
            "birthday_year": birthday[2],
            "no_mail": rng.random() < 0.03, "no_email": rng.random() < 0.04,
            "no_birthday_cards": rng.random() < 0.02,
        }
        return row

    def _duplicate(self, original: dict[str, Any]) -> dict[str, Any]:
        """The same person entered again: other email casing, phone typed differently, or
        just the same name and postcode."""
        row = {**original, "email": "", "phone": "", "notes": "", "source": "walk-in"}
        way = self._pick(("email", "phone", "name_postcode"))
        if way == "email" and original["email"]:
            local, domain = original["email"].split("@")
            row["email"] = f"{local.title()}@{domain}"  # stored as typed, domain lower-cased
        elif way == "phone" and original["phone"]:
            row["phone"] = original["phone"]  # stored normalised, however it was typed
            row.update(first_name=original["first_name"] and fold(original["first_name"]).title(),
                       last_name=original["last_name"] and fold(original["last_name"]).title())
        elif not original["postal_code"]:
            row["email"] = original["email"]
        return row

    def _remember(self, row: dict[str, Any]) -> None:
        keep = {k: row[k] for k in (
            "first_name", "last_name", "organisation", "email", "phone", "street", "city",
            "region", "postal_code", "country", "birthday_month", "birthday_day",
            "birthday_year", "no_mail", "no_email", "no_birthday_cards",
        )}
        if len(self.recent) < 2_000:
            self.recent.append(keep)
        else:
            self.recent[self._below(len(self.recent))] = keep

    def _email_part(self, latin: str) -> str:
        part = self.email_parts.get(latin)
        if part is None:
            part = self.email_parts[latin] = _NOT_EMAIL.sub("", fold(latin))
        return part

    # --- contact details ---------------------------------------------------------------

    def _email(self, first: str, last: str, organisation: str) -> str:
        f, l_ = self._email_part(first), self._email_part(last)
        if not (f or l_):
            local = self._email_part(organisation) or "hello"
        else:
            pattern = self._below(5)
            local = [f"{f}.{l_}", f"{f}{l_}", f"{f[:1]}{l_}", f"{f}_{l_}", f"{l_}.{f}"][pattern]
            local = local.strip("._") or "customer"
        domain = self._pick(demo_data.EMAIL_DOMAINS)
        email = f"{local}@{domain}"
        number = 1
        while email.casefold() in self.emails:
            number += self._between(1, 9)
            email = f"{local}{number}@{domain}"
        self.emails.add(email.casefold())
        return email

    def _phone(self, region: str) -> str:
        plan = self.phone_plans.get(region)
        if plan is None:
            plan = self.phone_plans[region] = _PhonePlan.for_region(region)
        while True:
            if region in ("US", "CA") and self.region == region:
                # Local numbers use the area codes of the shop's own towns.
                area = self.book.cities[_weighted(self.city_cum, self.rng.random())].area_code
                nsn = f"{area}{self._between(200, 999)}{self._below(10_000):04d}"
            else:
                rest = self._below(10 ** (plan.length - len(plan.prefix)))
                nsn = f"{plan.prefix}{rest:0{plan.length - len(plan.prefix)}d}"
            phone = f"+{plan.country_code}{nsn}"
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def _address(self) -> dict[str, str]:
        rng = self.rng
        if rng.random() < 0.15:
            return {"street": "", "city": "", "region": "", "postal_code": "", "country": ""}
        city = self.book.cities[_weighted(self.city_cum, rng.random())]
        postcode = "".join(
            str(self._below(10)) if ch == "#" else chr(65 + self._below(26)) if ch == "A"
            else ch for ch in city.postcode
        )
        street = self.book.pattern.format(
            n=self._between(1, 40 if rng.random() < 0.7 else 2400),
            street=self._pick(self.book.streets),
        )
        return {"street": street, "city": city.name, "region": city.region,
                "postal_code": postcode, "country": self.country_name}

    def _birthday(self) -> tuple[int | None, int | None, int | None]:
        rng = self.rng
        if rng.random() < 0.35:
            return None, None, None
        month = self._between(1, 12)
        year = None if rng.random() < 0.4 else self.today.year - self._between(18, 88)
        last_day = calendar.monthrange(year or 2001, month)[1]
        if year is None and month == 2 and rng.random() < 0.05:
            last_day = 29  # a leap-day birthday, year unknown
        return month, self._between(1, last_day), year

    # --- history -----------------------------------------------------------------------

    def _history(self, batch: Batch, cid: int, since: dt.date, business: int) -> None:
        rng = self.rng
        span = (self.today - since).days
        if business and rng.random() < 0.25:
            span = int(span * rng.random())  # they stopped coming: some of them lapse
        days = [0] + [self._between(0, span) for _ in range(business - 2)] if business else []
        if business >= 2:
            # Whoever still comes has been in lately; the rest stopped at some point.
            days.append(max(0, span - self._between(0, 300)))
        events = [("purchase" if rng.random() < 0.75 else "visit", d) for d in days]
        for kind, chance in (("call", 0.3), ("meeting", 0.08), ("note", 0.15)):
            if rng.random() < chance:
                events.append((kind, self._between(0, max(span, 0))))
        for kind, day in events:
            batch.interactions.append({
                "id": self.next_interaction_id, "customer_id": cid, "kind": kind,
                "occurred_on": since + dt.timedelta(days=day),
                "amount_minor": self._pick(self.prices) if kind == "purchase" else None,
                "note": self._pick(demo_data.INTERACTION_NOTES[kind])
                if kind not in ("visit", "purchase") or rng.random() < 0.25 else "",
            })
            self.next_interaction_id += 1

    def _moments(self, batch: Batch, cid: int, since: dt.date) -> None:
        rng = self.rng
        if rng.random() < 0.08:
            year = self._between(since.year - 30, since.year) if rng.random() < 0.7 else None
            self._moment(batch, cid, "anniversary", "", year, "anniversary")
        if rng.random() < 0.07:
            event = self._pick(LIFE_EVENTS)
            year = self._between(self.today.year - 5, self.today.year + 1)
            self._moment(batch, cid, "life_event", event, year, event)

    def _moment(self, batch: Batch, cid: int, kind: str, life_event: str, year: int | None,
                notes_key: str) -> None:
        month = self._between(1, 12)
        batch.moments.append({
            "id": self.next_moment_id, "customer_id": cid, "kind": kind,
            "life_event": life_event, "month": month,
            "day": self._between(1, calendar.monthrange(year or 2001, month)[1]),
            "year": year, "note": self._pick(demo_data.MOMENT_NOTES[notes_key]),
        })
        self.next_moment_id += 1

    def _tags(self, batch: Batch, cid: int, row: dict[str, Any], archetype: str) -> None:
        rng = self.rng
        loyal = archetype == "loyal"
        senior = row["birthday_year"] is not None and self.today.year - row["birthday_year"] >= 65
        chances = {
            **demo_data.TAG_CHANCES,
            "vip": 0.35 if loyal else demo_data.TAG_CHANCES["vip"],
            "newsletter": demo_data.TAG_CHANCES["newsletter"] if row["email"] else 0.0,
            "wholesale": 0.4 if row["organisation"] else demo_data.TAG_CHANCES["wholesale"],
            "senior": 0.5 if senior else 0.0,
            "council-candidate": 0.1 if loyal else 0.0,
        }
        for name, tag_id in self.tag_ids.items():
            if rng.random() < chances[name]:
                batch.customer_tags.append({"customer_id": cid, "tag_id": tag_id})


    # --- fast random helpers (random.randint costs ten times random.random) ---------

    def _below(self, n: int) -> int:
        return int(self.rng.random() * n)

    def _between(self, lowest: int, highest: int) -> int:
        return lowest + int(self.rng.random() * (highest - lowest + 1))

    def _pick(self, choices: Sequence[Any]) -> Any:
        return choices[int(self.rng.random() * len(choices))]


def _pick_archetype(roll: float) -> tuple[str, int, int]:
    for name, share, fewest, most in demo_data.ARCHETYPES:
        if roll < share:
            return name, fewest, most
        roll -= share
    name, _, fewest, most = demo_data.ARCHETYPES[-1]
    return name, fewest, most


def _cumulative(weights: Any) -> list[float]:
    weights = list(weights)
    total = float(sum(weights))
    running, out = 0.0, []
    for weight in weights:
        running += weight / total
        out.append(running)
    return out


def _weighted(cumulative: list[float], roll: float) -> int:
    for index, edge in enumerate(cumulative):
        if roll < edge:
            return index
    return len(cumulative) - 1


def _country_name(region: str, locale: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(locale).territories.get(region, region))
    except (UnknownLocaleError, ValueError):
        return region
