"""Card and letter templates: the defaults, merge fields, checking, and the shop's edits.

A template is a title and a body of plain text with merge fields in braces
(`Dear {first_name},`); `{{` and `}}` print a single brace. A field may name what to
print when a customer's value is empty: `Dear {greeting_name|friend},` greets someone
known only by an address as "Dear friend,". Blank lines separate paragraphs. Nothing in a template is markup. Defaults live here; a template the shop
edits is stored in `print_templates`, and restoring the default deletes that row.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.kernel.edits import checked_edit
from core.kernel.errors import NotFound
from core.printing.errors import (
    FormatMismatch,
    InvalidTemplate,
    TemplateProblem,
    UnknownFormat,
)
from core.printing.formats import check_format, get_page_format
from core.printing.models import PrintTemplate

log = logging.getLogger(__name__)

CARD = "card"
LETTER = "letter"
FORM = "form"  # a one-page form to fill in: the paper survey card
KINDS = (CARD, LETTER, FORM)

MERGE_FIELDS = (
    "first_name", "last_name", "full_name", "greeting_name", "organisation",
    "street", "city", "region", "postal_code", "country",
    "customer_since", "customer_since_year", "visit_count",
    "business_name", "business_city", "business_phone", "business_email",
    "signature_name", "today", "also_celebrating",
    # A paper survey card's own (core.scores): its short code and its question.
    "survey_code", "survey_question",
)
# Fields that are empty more often than not and read well when they are: a card made for two
# of the program's occasions at once fills `also_celebrating` ("And happy birthday, too!").
OPTIONAL_FIELDS = frozenset({"also_celebrating"})

# Fields that only some letters have, filled in by the area that prints them (the
# council's meeting notes, an evening's invitation), each with the sample text a preview
# shows. They are valid in any template; elsewhere they merge empty.
SUPPLIED_FIELDS: dict[str, str] = {
    "term_name": "2027 council",
    "term_dates": "1 January 2027 to 30 June 2028",
    "term_end": "30 June 2028",
    "charter": "Purpose. The council is a small group of our customers who tell us what we "
               "do well and what we could do better.",
    "meeting_date": "Tuesday, 9 March 2027",
    "meeting_time": "6:30 pm",
    "meeting_place": "the shop",
    "meeting_agenda": "1. Saturday opening hours\n2. The loyalty card",
    "meeting_notes": "Present: Ana García, Ben Okafor, Chloé Martin\nApologies: David Lee\n\n"
                     "1. Saturday opening hours\nMost members would rather we opened at 9.\n"
                     "Decided: we open at 9 on Saturdays from April.",
    "next_meeting": "Tuesday, 8 June 2027",
    "ideas_list": "Opening at 9 on Saturdays (your idea, March 2027)\nDone: we open at 9 "
                  "on Saturdays since 3 April.",
    "event_title": "Spring preview evening",
    "event_date": "Thursday, 15 April 2027",
    "event_time": "7:00 pm",
    "event_place": "the shop",
}
KNOWN_FIELDS = frozenset(MERGE_FIELDS) | frozenset(SUPPLIED_FIELDS)

# Problem codes; the GUI turns them into sentences.
UNKNOWN_FIELD = "unknown_field"
EMPTY_FIELD = "empty_field"
UNMATCHED_BRACE = "unmatched_brace"
TITLE_TOO_LONG = "title_too_long"
INVALID_NAME = "invalid_name"
INVALID_KIND = "invalid_kind"
INVALID_FORMAT = "invalid_format"

MAX_TITLE = 300
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


@dataclass(frozen=True)
class TemplateDefault:
    name: str
    kind: str
    title: str
    body: str


@dataclass(frozen=True)
class TemplateData:
    name: str
    kind: str
    title: str
    body: str
    format_name: str  # "" means the default for the kind and the business locale
    is_edited: bool  # differs from the built-in default (or has none)
    has_default: bool
    version: int = 0  # as read (0: the built-in default, never saved); see core.kernel.edits

    @property
    def text(self) -> TemplateText:
        return TemplateText(self.title, self.body, self.format_name)


@dataclass(frozen=True)
class TemplateText:
    """What a person edits of a template, merged field by field with another desk's edit."""

    title: str
    body: str
    format_name: str


_GREETING = "Dear {greeting_name|friend},\n\n"


def _card(name: str, title: str, message: str) -> TemplateDefault:
    """A card: greeting, the message, then the warm sign-off above the handwritten note. The
    message ends with the other occasions the card is made for, when the program joined two
    (empty otherwise)."""
    return TemplateDefault(name, CARD, title,
                           f"{_GREETING}{message} {{also_celebrating}}\n\nWith warm wishes,")


def _letter(name: str, title: str, message: str, closing: str) -> TemplateDefault:
    return TemplateDefault(name, LETTER, title, f"{_GREETING}{message}\n\n{closing}")


DEFAULT_TEMPLATES: dict[str, TemplateDefault] = {t.name: t for t in (
    _card("thank-you", "Thank you",
          "Thank you for choosing {business_name}. It was a real pleasure to welcome you, "
          "and we hope to see you again soon."),
    _card("referral-thanks", "Thank you for the introduction",
          "A friend of yours came to {business_name} because you recommended us. There is "
          "no kinder compliment, and we are grateful for your trust."),
    _card("birthday", "Happy birthday",
          "Everyone at {business_name} wishes you a wonderful birthday and a year full of "
          "good things."),
    _card("first-visit-anniversary", "Happy anniversary",
          "You first came to see us on {customer_since}. Thank you for every visit since; "
          "it has been a pleasure to know you."),
    _card("life-event-wedding", "Congratulations",
          "Congratulations on your wedding! We wish you both every happiness."),
    _card("life-event-new-baby", "Welcome to the world",
          "Congratulations on the arrival of your little one! We are so happy for you "
          "and your family."),
    _card("life-event-retirement", "Happy retirement",
          "Congratulations on your retirement! May the years ahead bring you time for "
          "everything you love."),
    _card("life-event-graduation", "Congratulations, graduate",
          "Congratulations on your graduation! All that hard work has paid off, and we "
          "are proud of you."),
    _card("life-event-other", "Congratulations",
          "We heard your good news and wanted to say how happy we are for you."),
    _card("milestone-10th-visit", "Ten visits!",
          "This was your tenth visit to {business_name}. Thank you for coming back again "
          "and again; customers like you are why we love what we do."),
    _letter("we-miss-you", "We miss you",
            "It has been a while since we last saw you at {business_name}, and we wanted to "
            "say that we miss you.\n\n"
            "If something was not right on your last visit, we would truly like to hear "
            "about it. And if life has simply been busy, we would love to welcome you back "
            "whenever it suits you.",
            "With best wishes,"),
    _letter("meeting-notes", "Notes of our meeting",
            "Thank you for meeting with us on {meeting_date}. Here are our notes, so that "
            "we all remember the same things.\n\n{meeting_notes}\n\n"
            "If anything here is not as you remember it, please let us know.",
            "Kind regards,"),
    _letter("council-invitation", "An invitation to join our customer council",
            "We are bringing together our customer council ({term_name}): a small group of "
            "our customers who meet "
            "a few times a year to tell us, openly, what we do well and what we could do "
            "better, and to help us decide what we do next. The term runs from "
            "{term_dates}.\n\n"
            "You were one of the first people we thought of. We would be delighted if you "
            "would join us. The charter enclosed says what the council is for, how often it "
            "meets and what we ask of its members.\n\n"
            "Please let us know whether you would like to join: call in, give us a ring, or "
            "simply reply to this letter.",
            "With warm regards,"),
    # A document to sign, not a letter: no greeting, no closing.
    TemplateDefault("council-charter", LETTER, "Charter of {term_name}",
                    "{charter}\n\n"
                    "I have read this charter and agree to it.\n\n"
                    "Member: {full_name}\n\n"
                    "Signature: ______________________________    "
                    "Date: ________________"),
    _letter("council-meeting-invitation", "Our next council meeting: {meeting_date}",
            "Our next council meeting is on {meeting_date} at {meeting_time}, at "
            "{meeting_place}.\n\n"
            "On the agenda:\n{meeting_agenda}\n\n"
            "If you cannot come, a short call is all we need; we will send you the notes.",
            "We look forward to seeing you,"),
    _letter("council-meeting-notes", "Notes of our council meeting of {meeting_date}",
            "Thank you for your part in our council meeting at {meeting_place}. Here are "
            "the notes: what we talked about, what we decided, and who does what next.\n\n"
            "{meeting_notes}\n\n"
            "Our next meeting: {next_meeting}.",
            "With thanks and best wishes,"),
    _letter("council-you-said-we-did", "You said, we did",
            "At our council meetings you and your fellow members gave us ideas. This is "
            "what has become of them.\n\n"
            "{ideas_list}\n\n"
            "Thank you: every one of these started with something a member said.",
            "With best wishes,"),
    _letter("council-thank-you", "Thank you for your service",
            "Your term on our customer council ({term_name}) ends on {term_end}. Thank "
            "you for the evenings you gave us, and for telling us what you really thought: you have changed how we "
            "work, and our customers notice it.\n\n"
            "We hope to keep seeing you at {business_name}, and we would be glad to hear "
            "your ideas at any time.",
            "With heartfelt thanks,"),
    _letter("council-renewal", "Will you stay on the council?",
            "Your term on our customer council ({term_name}) ends on {term_end}. You have "
            "been one of the voices we count on, and we would be very glad if you stayed on for the next term.\n\n"
            "Please let us know whether you would like to: call in, give us a ring, or "
            "simply reply to this letter.",
            "With warm regards,"),
    _letter("evening-invitation", "You are invited: {event_title}",
            "We would love you to be our guest at {event_title}, on {event_date} at "
            "{event_time}, at {event_place}. It is our way of saying thank you to the "
            "customers who mean the most to us.\n\n"
            "You are welcome to bring someone. Please let us know whether you can come, "
            "and whether you will be two: call in, give us a ring, or simply reply to this "
            "letter.",
            "We look forward to seeing you,"),
    TemplateDefault(
        "survey-card", FORM, "How did we do?",
        "Dear {greeting_name|friend},\n\n"
        "Thank you for choosing {business_name}. Would you tell us how we are doing? It "
        "takes a minute, and we read every answer.\n\n"
        "Please tick one box, add a few words if you like, and hand this card in on your "
        "next visit or post it back to us."),
    _letter("general-letter", "",
            "Thank you for being a customer of {business_name} since {customer_since_year}.",
            "Kind regards,"),
)}


def parse_fields(text: str) -> list[tuple[str, int]]:
    """The merge fields in `text` with their offsets; `{}` and lone braces are ("", pos)."""
    return [(field, position) for field, _fallback, position in _parse(text)]


def _parse(text: str) -> list[tuple[str, str, int]]:
    """Each merge field in `text` with its fallback and offset."""
    found = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        field, fallback = _split(match.group(1) or "") if token not in "{}" else ("", "")
        found.append((field, fallback, match.start()))
    return found


def _split(inside: str) -> tuple[str, str]:
    """`greeting_name|friend` as the field and its fallback."""
    field, _, fallback = inside.partition("|")
    return field.strip(), fallback.strip()


def check_template(
    title: str, body: str, values: Mapping[str, str] | None = None
) -> tuple[TemplateProblem, ...]:
    """Unknown fields and unmatched braces; with `values`, also fields that merge empty."""
    problems: list[TemplateProblem] = []
    if len(title) > MAX_TITLE:
        problems.append(TemplateProblem(str(MAX_TITLE), TITLE_TOO_LONG, part="title"))
    for part, text in (("title", title), ("body", body)):
        for field, fallback, position in _parse(text):
            if not field:
                problems.append(TemplateProblem("", UNMATCHED_BRACE, part=part, position=position))
            elif field not in KNOWN_FIELDS:
                problems.append(TemplateProblem(field, UNKNOWN_FIELD, part=part, position=position))
            elif (values is not None and not fallback and field not in OPTIONAL_FIELDS
                  and not values.get(field, "").strip()):
                problems.append(TemplateProblem(field, EMPTY_FIELD, part=part, position=position))
    return tuple(problems)


def merge(text: str, values: Mapping[str, str]) -> str:
    """`text` with each field replaced by its value. Values are inserted as plain text."""
    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        field, fallback = _split(match.group(1) or "")
        if field not in KNOWN_FIELDS:
            part = TemplateProblem(field, UNKNOWN_FIELD if field else UNMATCHED_BRACE,
                                   part="body", position=match.start())
            raise InvalidTemplate([part])
        return values.get(field, "").strip() or fallback

    return _TOKEN.sub(replace, text)


def list_templates(session: Session) -> list[TemplateData]:
    """Every template: the defaults (as edited, if they were) and the shop's own."""
    stored = {row.name: row for row in session.scalars(select(PrintTemplate))}
    result = [_data(stored.get(name), default) for name, default in DEFAULT_TEMPLATES.items()]
    result += [_data(row, None) for name, row in sorted(stored.items())
               if name not in DEFAULT_TEMPLATES]
    return result


def get_template(session: Session, name: str) -> TemplateData:
    row = session.scalars(select(PrintTemplate).where(PrintTemplate.name == name)).first()
    default = DEFAULT_TEMPLATES.get(name)
    if row is None and default is None:
        raise NotFound("template", name)
    return _data(row, default)


def save_template(
    session: Session, *, name: str, kind: str, title: str, body: str, format_name: str = "",
    base: TemplateData | None = None,
) -> TemplateData:
    """Store the shop's version of a template (new or edited). Raises InvalidTemplate. With
    `base` (the template as the editor opened it), another desk's save meanwhile is merged
    in, or raises EditConflict when it changed the same part."""
    stored = session.scalars(select(PrintTemplate).where(PrintTemplate.name == name)).first()
    if base is not None and stored is not None:
        merged = checked_edit("template", name, base=base.text, base_version=base.version,
                              mine=TemplateText(title, body, format_name),
                              theirs=TemplateText(stored.title, stored.body, stored.format_name),
                              version=stored.version)
        title, body, format_name = merged.title, merged.body, merged.format_name
    problems = list(check_template(title, body))
    if not _NAME.match(name):
        problems.append(TemplateProblem(name, INVALID_NAME, part="name"))
    default = DEFAULT_TEMPLATES.get(name)
    if kind not in KINDS or (default is not None and kind != default.kind):
        problems.append(TemplateProblem(kind, INVALID_KIND, part="kind"))
    if format_name:
        try:
            fmt = get_page_format(format_name)
            if kind in KINDS:
                check_format(kind, fmt)
        except (UnknownFormat, FormatMismatch):
            problems.append(TemplateProblem(format_name, INVALID_FORMAT, part="format_name"))
    if problems:
        raise InvalidTemplate(problems)
    row = stored
    if row is None:
        row = PrintTemplate(name=name)
        session.add(row)
    row.kind, row.title, row.body = kind, title, body
    row.format_name = format_name.lower()
    row.updated_at = dt.datetime.now()
    session.flush()
    log.info("template %s saved", name)
    return _data(row, default)


def restore_default_template(session: Session, name: str) -> TemplateData:
    """Forget the shop's edits to a built-in template."""
    default = DEFAULT_TEMPLATES.get(name)
    if default is None:
        raise NotFound("template", name)
    row = session.scalars(select(PrintTemplate).where(PrintTemplate.name == name)).first()
    if row is not None:
        session.delete(row)
        session.flush()
    return _data(None, default)


def _data(row: PrintTemplate | None, default: TemplateDefault | None) -> TemplateData:
    if row is None:
        assert default is not None
        return TemplateData(default.name, default.kind, default.title, default.body, "",
                            is_edited=False, has_default=True)
    edited = default is None or (row.title, row.body, row.format_name) != (
        default.title, default.body, "")
    return TemplateData(row.name, row.kind, row.title, row.body, row.format_name,
                        is_edited=edited, has_default=default is not None,
                        version=row.version)
