"""The release form: one page a customer reads, ticks and signs, under the business's
letterhead, printed singly or as a batch through the printing engine.

Its wording is a template the owner can edit (a settings section, with merge fields in
braces: {business_name}, {first_name}...); the quote, the tick boxes for every scope
option, the duration, the incentive line and the signature lines are laid out around it.
Everything the customer said prints exactly as typed: the engine escapes it.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.customers.tables import CUSTOMERS
from core.customers.types import display_name, format_phone
from core.kernel.errors import Invalid, NotFound, Problem
from core.kernel.jobs import CancelCheck, Progress, never_cancelled, no_progress
from core.printing.services import (
    FormsJob,
    format_date,
    postal_address,
    render_forms,
    render_forms_bytes,
)
from core.printing.types import (
    FormBlock,
    FormChoices,
    FormDocument,
    FormFields,
    FormHeading,
    FormParty,
    FormQuote,
    FormSignatures,
    FormText,
)
from core.settings.services import get_business_profile, get_settings, save_settings
from core.settings.types import BusinessProfileData, settings_section
from core.store.db import Database
from core.testimonials.models import Testimonial
from core.testimonials.release import mark_release_requested
from core.testimonials.texts import CHANNEL_WORDS, HOW_GIVEN_WORDS, NAMING_WORDS
from core.testimonials.types import (
    CHANNELS,
    DEFAULT_RELEASE_YEARS,
    NAMINGS,
    NOT_REQUESTED,
    REQUESTED,
)

MERGE_FIELDS = ("business_name", "business_phone", "business_email", "business_address",
                "customer_name", "first_name")
UNKNOWN_FIELD = "unknown_field"  # Problem.code for a {field} the form does not know
_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


@settings_section("release_form")
@dataclass(frozen=True)
class ReleaseFormWording:
    """The owner-editable words of the release form; blank lines separate paragraphs."""

    title: str = "Permission to share your words"
    introduction: str = (
        "Dear {first_name}, thank you for your kind words about {business_name}. With your "
        "permission we would like to share them with others. Please read this form, tick "
        "what you are happy with, and sign at the bottom. You do not have to agree: saying "
        "no changes nothing about how we look after you.")
    words_note: str = (
        "We will use your words only as printed here, and never change what they mean.")
    revocation: str = (
        "You can withdraw your permission at any time, as easily as you gave it: tell us in "
        "person, call {business_phone} or write to {business_email}. We will stop new uses "
        "straight away and take your words down wherever we can.")
    agreement: str = (
        "By signing, I confirm that these are my words and that I give {business_name} "
        "permission to use them as ticked above.")


def get_release_form_wording(session: Session) -> ReleaseFormWording:
    return get_settings(session, ReleaseFormWording)


def save_release_form_wording(session: Session, wording: ReleaseFormWording, *,
                              base: ReleaseFormWording | None = None,
                              base_version: int | None = None) -> ReleaseFormWording:
    """Store the owner's wording; raises Invalid naming each part with an unknown field.
    With `base`/`base_version` (as opened), another desk's save meanwhile is merged part by
    part, or raises EditConflict where both changed the same part (core.settings)."""
    problems = [Problem(part.name, UNKNOWN_FIELD, name)
                for part in fields(wording)
                for name in _fields_in(getattr(wording, part.name))
                if name not in MERGE_FIELDS]
    if problems:
        raise Invalid(problems)
    return save_settings(session, wording, base=base, base_version=base_version)


def restore_default_release_form_wording(session: Session) -> ReleaseFormWording:
    return save_settings(session, ReleaseFormWording())


def _fields_in(text: str) -> list[str]:
    return [(m.group(1) or "").strip() for m in _FIELD.finditer(text) if m.group(0)[1] != m.group(0)[0]]


def merge_wording(text: str, values: Mapping[str, str]) -> str:
    """`text` with its fields filled in as plain text ({{ and }} print one brace; an
    unknown field prints as typed)."""
    def fill(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        name = (match.group(1) or "").strip()
        return values.get(name, token)

    return _FIELD.sub(fill, text)


@dataclass(frozen=True)
class ReleaseFormsPrinted:
    pages: int
    requested: tuple[int, ...]  # the testimonials whose release is now requested
    # Saved at another desk while their forms were printed: not recorded as requested,
    # since the printed form may show what they no longer say (print them again).
    changed_meanwhile: tuple[int, ...] = ()


def release_forms_job(session: Session, testimonial_ids: Sequence[int], *,
                      today: dt.date, format_name: str = "",
                      wording: ReleaseFormWording | None = None) -> FormsJob:
    """The forms for these testimonials, in the order given, in the saved wording (or
    `wording`, while the owner edits it). Reads only; NotFound for an id that is not a
    testimonial."""
    profile = get_business_profile(session)
    wording = wording or get_release_form_wording(session)
    c = CUSTOMERS.c
    found = {t.id: (t, rest) for t, *rest in session.execute(
        select(Testimonial, c.first_name, c.last_name, c.organisation, c.email, c.street,
               c.city, c.region, c.postal_code, c.country)
        .join(CUSTOMERS, c.id == Testimonial.customer_id)
        .where(Testimonial.id.in_(sorted(set(testimonial_ids)))))}
    documents = []
    for testimonial_id in dict.fromkeys(testimonial_ids):
        if testimonial_id not in found:
            raise NotFound("testimonial", testimonial_id)
        t, rest = found[testimonial_id]
        documents.append(_document(t, tuple(rest), profile, wording))
    return FormsJob(profile, tuple(documents), format_name,
                    footer_note=f"Printed {format_date(today, profile.locale)}")


def _one_line(*parts: str) -> str:
    return ", ".join(p.strip() for p in parts if p and p.strip())


def _document(t: Testimonial, customer: tuple[str, ...], profile: BusinessProfileData,
              wording: ReleaseFormWording) -> FormDocument:
    first, last, organisation, email, street, city, region, postal_code, country = customer
    name = display_name(first, last, organisation) or email
    values = {
        "business_name": profile.name or "us",
        "business_phone": format_phone(profile.phone, profile.region) or "us",
        "business_email": profile.email or "to us",
        "business_address": _one_line(profile.street, profile.city, profile.postal_code),
        "customer_name": name, "first_name": first.strip() or name,
    }
    if not profile.phone and not profile.email:
        values["business_phone"] = _one_line(profile.street, profile.city) or "us"
    given = (f"{format_date(t.given_on, profile.locale)}, "
             f"{HOW_GIVEN_WORDS.get(t.how_given, t.how_given)}")
    blocks: list[FormBlock] = [
        FormText(merge_wording(wording.introduction, values)),
        FormFields((("Your name", name),
                    ("Your address", ", ".join(postal_address(
                        street, city, region, postal_code, country, profile=profile))),
                    ("When you said them", given))),
        FormHeading("Your words"),
    ]
    if t.edited_words:
        blocks += [FormQuote(t.edited_words, "As we would like to use them (shortened)"),
                   FormQuote(t.words, "As you said them")]
    else:
        blocks.append(FormQuote(t.words, "Exactly as you said them"))
    blocks += [
        FormText(merge_wording(wording.words_note, values), small=True),
        FormHeading("What you allow"),
        FormChoices("Where we may use your words", tuple(CHANNEL_WORDS[c] for c in CHANNELS),
                    columns=3, hint="tick all that you agree to"),
        FormChoices("How we may name you", tuple(NAMING_WORDS[n] for n in NAMINGS),
                    columns=3, hint="tick one"),
        FormChoices("Your photo or likeness",
                    ("Yes, you may show my photo or likeness", "No photo or likeness"),
                    columns=2, hint="tick one"),
        FormChoices("Light editing for length",
                    ("Yes, you may shorten my words without changing their meaning",
                     "No, use my words only as printed above"), columns=2, hint="tick one"),
        FormChoices("For how long",
                    (f"{_years(DEFAULT_RELEASE_YEARS)} from the day I sign",
                     "Until I withdraw my permission", "Until this date: ______________"),
                    columns=3, hint="tick one"),
    ]
    if t.incentive:
        blocks += [FormHeading("Our thank-you"),
                   FormText(f"As thanks for your words you received: {t.incentive}. "
                            "Wherever we use them, we will say so.")]
    blocks += [
        FormHeading("Changing your mind"),
        FormText(merge_wording(wording.revocation, values)),
        FormText(merge_wording(wording.agreement, values)),
        FormSignatures((
            FormParty("Customer", name),
            FormParty("Parent or guardian, if the customer is under 18"),
            FormParty(f"For {profile.name}" if profile.name else "For the business",
                      profile.signature_name),
        )),
    ]
    return FormDocument(merge_wording(wording.title, values), tuple(blocks),
                        reference=f"Testimonial no. {t.id}")


def _years(n: int) -> str:
    words = {1: "One year", 2: "Two years", 3: "Three years", 5: "Five years"}
    return words.get(n, f"{n} years")


def print_release_forms(database: Database, testimonial_ids: Sequence[int], out_path: Path,
                        *, today: dt.date, by: str = "", format_name: str = "",
                        progress: Progress = no_progress,
                        is_cancelled: CancelCheck = never_cancelled) -> ReleaseFormsPrinted:
    """Print the release forms (one page each, in one PDF) and record the releases not yet
    signed or declined as requested today. The PDF is written before anything is
    recorded: a failed or cancelled print changes nothing; one saved at another desk
    while printing is left as it was (`changed_meanwhile`)."""
    with database.unit_of_work() as session:
        job = release_forms_job(session, testimonial_ids, today=today,
                                format_name=format_name)
        printed = _versions(session, testimonial_ids)
    pages = render_forms(job, out_path, progress=progress, is_cancelled=is_cancelled)
    with database.unit_of_work() as session:
        requested = mark_release_requested(session, testimonial_ids, on=today, by=by,
                                           printed=printed)
        left = _versions(session, set(testimonial_ids) - set(requested),
                         states=(NOT_REQUESTED, REQUESTED))
    changed = tuple(i for i in dict.fromkeys(testimonial_ids)
                    if i in left and left[i] != printed.get(i))
    return ReleaseFormsPrinted(pages, requested, changed)


def _versions(session: Session, testimonial_ids: Iterable[int],
              states: Sequence[str] = ()) -> dict[int, int]:
    """The versions of these testimonials (those whose release is in `states`, if given)."""
    query = (select(Testimonial.id, Testimonial.version)
             .where(Testimonial.id.in_(sorted(set(testimonial_ids)))))
    if states:
        query = query.where(Testimonial.release_state.in_(states))
    return {tid: version for tid, version in session.execute(query)}


def preview_release_form(session: Session, testimonial_id: int, *, today: dt.date,
                         wording: ReleaseFormWording | None = None) -> bytes:
    """The form as a PDF in memory (the window's preview, also while editing the
    wording, with `wording` not yet saved). Records nothing."""
    return render_forms_bytes(release_forms_job(session, [testimonial_id], today=today,
                                                wording=wording))
