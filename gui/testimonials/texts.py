"""The testimonials area's words: release states (with their colours), channels, naming,
how a testimonial was given, places, why an export left one out, and the history's
events (core keeps codes; the window says them in plain words)."""
from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, QLocale, QObject

from core.kernel.errors import Problem
from core.testimonials import errors as codes
from core.testimonials.types import (
    ADVERTISING,
    ANONYMOUS,
    ATTACHMENT_ADDED,
    ATTACHMENT_REMOVED,
    CAPTURED,
    DECLINED,
    DECLINED_EVENT,
    EDITED,
    EMAIL,
    EXPIRED,
    EXPIRED_EVENT,
    FIRST_NAME_INITIAL,
    FLYER,
    FORM_PRINTED,
    FORM_WITHDRAWN,
    FULL_NAME,
    IN_PERSON,
    LEFT_DECLINED,
    LEFT_EXPIRED,
    LEFT_NOT_SIGNED,
    LEFT_OTHER_CHANNELS,
    LEFT_REVOKED,
    NOT_REQUESTED,
    OTHER_PLACE,
    PHONE,
    PHOTO,
    PRINT,
    RECORDING,
    REQUESTED,
    REVIEW_SITE,
    REVOKED,
    REVOKED_EVENT,
    SIGNED,
    SIGNED_EVENT,
    SIGNED_FORM,
    SOCIAL,
    SOCIAL_POST,
    USE_LOGGED,
    USE_REMOVED,
    VIDEO,
    VIDEO_AUDIO,
    WEB_PAGE,
    WEBSITE,
    WRITTEN_CARD,
    ReleaseRecord,
    ReleaseScope,
)

from gui.printing.texts import fill


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("TestimonialTexts", text, None, n)


# A release's state as a word and a colour people read at a glance: grey for nothing yet,
# amber while the form is out, green when it may be used, red once it may not.
STATE_COLOURS = {
    NOT_REQUESTED: "#6b7280", REQUESTED: "#b45309", SIGNED: "#047857",
    DECLINED: "#9f1239", REVOKED: "#b91c1c", EXPIRED: "#7c2d12",
}


def state_text(state: str) -> str:
    return {
        NOT_REQUESTED: _tr("No release yet"),
        REQUESTED: _tr("Waiting for signature"),
        SIGNED: _tr("Released"),
        DECLINED: _tr("Declined"),
        REVOKED: _tr("Withdrawn"),
        EXPIRED: _tr("Expired"),
    }.get(state, state)


def how_given_text(code: str) -> str:
    return {
        IN_PERSON: _tr("In person"), PHONE: _tr("On the phone"), EMAIL: _tr("By email"),
        REVIEW_SITE: _tr("On a review site"), VIDEO: _tr("On video"),
        WRITTEN_CARD: _tr("On a written card"),
    }.get(code, code)


def channel_text(code: str) -> str:
    return {
        WEBSITE: _tr("Website"), SOCIAL: _tr("Social media"),
        PRINT: _tr("Printed material"), VIDEO_AUDIO: _tr("Video or audio"),
        ADVERTISING: _tr("Advertising"),
    }.get(code, code)


def naming_text(code: str) -> str:
    return {
        FULL_NAME: _tr("Full name"),
        FIRST_NAME_INITIAL: _tr("First name and last initial"),
        ANONYMOUS: _tr("Anonymous"),
    }.get(code, code)


def place_kind_text(code: str) -> str:
    return {
        WEB_PAGE: _tr("Web page"), FLYER: _tr("Flyer or print"),
        SOCIAL_POST: _tr("Social media post"), OTHER_PLACE: _tr("Somewhere else"),
    }.get(code, code)


def attachment_kind_text(code: str) -> str:
    return {
        PHOTO: _tr("Photo"), RECORDING: _tr("Video or audio recording"),
        SIGNED_FORM: _tr("Signed release form"),
    }.get(code, code)


def left_out_text(reason: str) -> str:
    """Why an export left a testimonial out, as a short phrase."""
    return {
        LEFT_NOT_SIGNED: _tr("no signed release yet"),
        LEFT_DECLINED: _tr("the customer declined"),
        LEFT_REVOKED: _tr("the customer withdrew it"),
        LEFT_EXPIRED: _tr("the release has expired"),
        LEFT_OTHER_CHANNELS: _tr("released for other places only"),
    }.get(reason, reason)


def event_text(event: str) -> str:
    """What happened, in the testimonial's history."""
    return {
        CAPTURED: _tr("Captured"), EDITED: _tr("Changed"),
        FORM_PRINTED: _tr("Release form printed"), FORM_WITHDRAWN: _tr("Form withdrawn"),
        SIGNED_EVENT: _tr("Release signed"), DECLINED_EVENT: _tr("Release declined"),
        REVOKED_EVENT: _tr("Release withdrawn"), EXPIRED_EVENT: _tr("Release expired"),
        ATTACHMENT_ADDED: _tr("File attached"), ATTACHMENT_REMOVED: _tr("File removed"),
        USE_LOGGED: _tr("Used"), USE_REMOVED: _tr("Taken down"),
    }.get(event, event.replace("_", " ").capitalize())


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_SHA = re.compile(r"\s*\(sha256 ([0-9a-f]{8})[0-9a-f]*\)")
# Events whose details end in words someone typed (a reason, a file's name, a place): only
# what comes before the first ": " is put into words; the rest is shown as typed.
_FREE_TEXT_AFTER_COLON = (DECLINED_EVENT, REVOKED_EVENT, ATTACHMENT_ADDED,
                          ATTACHMENT_REMOVED, USE_LOGGED, USE_REMOVED)


def _coded_words() -> dict[str, str]:
    """Codes and labels core writes into a history entry, longest first."""
    words = {code: text(code) for text, group in (
        (channel_text, (WEBSITE, SOCIAL, PRINT, VIDEO_AUDIO, ADVERTISING)),
        (naming_text, (FULL_NAME, FIRST_NAME_INITIAL, ANONYMOUS)),
        (place_kind_text, (WEB_PAGE, FLYER, SOCIAL_POST)),
        (attachment_kind_text, (PHOTO, RECORDING, SIGNED_FORM)),
    ) for code in group}
    words.update({
        "until: until revoked": _tr("until withdrawn"),
        "channels": _tr("places"), "naming": _tr("name shown as"), "photo": _tr("photo"),
        "light editing": _tr("light editing"), "until revoked": _tr("until withdrawn"),
        "customer_id": _tr("customer"), "edited_words": _tr("edited version"),
        "words": _tr("words"), "rating": _tr("rating"), "given_on": _tr("date given"),
        "how_given": _tr("how given"), "captured_by": _tr("captured by"),
        "incentive": _tr("incentive"), "printed again": _tr("printed again"),
        "the wording changed": _tr("the wording changed"),
    })
    return dict(sorted(words.items(), key=lambda item: -len(item[0])))


def _in_words(coded: str, format_day: Callable[[dt.date], str]) -> str:
    def day(match: re.Match[str]) -> str:
        try:
            return format_day(dt.date(int(match[1]), int(match[2]), int(match[3])))
        except ValueError:
            return match[0]

    text = _ISO_DATE.sub(day, coded)
    for code, words in _coded_words().items():
        text = re.sub(rf"(?<![\w]){re.escape(code)}(?![\w])", words, text)
    return text


def history_detail_text(event: str, detail: str,
                        format_day: Callable[[dt.date], str]) -> str:
    """A history entry's details as people read them: the stored codes ("first_initial",
    "social") in words and dates in the shop's format, while the customer's words, a
    reason or a place stay exactly as typed; a checksum is cut to its first characters
    (enough to compare with the file)."""
    detail = _SHA.sub(lambda m: fill(_tr(" (checksum %1…)"), m[1]), detail)
    if event in (CAPTURED, EDITED):
        changed, words = ("", detail) if detail.startswith("words: ") else (
            detail.partition("\n")[0], detail.partition("\n")[2])
        lines = [_in_words(changed, format_day)] if changed else []
        if words.startswith("words: "):
            said, _, edited = words[len("words: "):].partition("\nedited: ")
            lines.append(fill(_tr("Words as said: “%1”"), said))
            if edited:
                lines.append(fill(_tr("Edited version: “%1”"), edited))
        return "\n".join(lines)
    if event in _FREE_TEXT_AFTER_COLON:
        head, colon, free = detail.partition(": ")
        return _capitalised(_in_words(head, format_day)) + colon + free
    # "signed 2 Dec 2026; places: …; name shown as: …": one fact a line.
    return "\n".join(_capitalised(part.strip())
                     for part in _in_words(detail, format_day).split("; "))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def scope_lines(scope: ReleaseScope, format_day: Callable[[dt.date], str]
                ) -> tuple[str, str]:
    """What a signed release allows: where ("Website, Social media"), then how the
    customer is named, photo, editing and until when, on one line."""
    places = ", ".join(channel_text(c) for c in scope.channels) or _tr("nowhere")
    terms = [
        fill(_tr("name shown as %1"), naming_text(scope.naming).lower()),
        _tr("photo allowed") if scope.photo else _tr("no photo"),
        _tr("light editing allowed") if scope.light_editing else _tr("no editing"),
        fill(_tr("until %1"), format_day(scope.until)) if scope.until
        else _tr("until withdrawn"),
    ]
    return places, _capitalised(" · ".join(terms))


def day_format(locale: QLocale) -> Callable[[dt.date], str]:
    """Days as the rest of the window writes them, in `locale` (English for Qt's "C")."""
    from gui.customers.editor_history import format_day

    name = "en" if locale.language() == QLocale.Language.C else locale.name()
    return partial(format_day, name)


def field_label(name: str) -> str:
    """A testimonial's value as the capture dialog names it (in the conflict dialog)."""
    return {
        "customer_id": _tr("Customer"), "words": _tr("Words as said"),
        "edited_words": _tr("Edited version for use"), "rating": _tr("Rating"),
        "given_on": _tr("Date given"), "how_given": _tr("How given"),
        "captured_by": _tr("Captured by"), "incentive": _tr("Incentive"),
    }.get(name, name)


def field_value_text(name: str, value: object, format_day: Callable[[dt.date], str]) -> str:
    """A testimonial's value as people read it beside another desk's: the words in full
    (wrapped, a very long text cut), stars, the day in the shop's format, words for codes."""
    if name in ("words", "edited_words") and isinstance(value, str):
        if not value.strip():
            return _tr("(none: the words as said are used)") if name == "edited_words" else "—"
        text = value if len(value) <= 600 else value[:600].rsplit(" ", 1)[0] + " …"
        return "\n".join(textwrap.fill(line, 60) or " " for line in text.splitlines())
    if name == "rating":
        return (rating_text(value) + "  " + fill(_tr("%1 of 5"), str(value))
                if isinstance(value, int) and value else _tr("No rating"))
    if name == "given_on" and isinstance(value, dt.date):
        return format_day(value)
    if name == "how_given" and isinstance(value, str):
        return how_given_text(value)
    if isinstance(value, str) and not value.strip():
        return _tr("(none)") if name == "incentive" else "—"
    return str(value)


def release_record_text(release: ReleaseRecord, format_day: Callable[[dt.date], str]) -> str:
    """A release in one sentence: its state, the day it got there, and once signed what it
    allows ("Released: signed 2 Dec 2026, for use on Website; name shown as …")."""
    day = {REQUESTED: release.requested_on, SIGNED: release.signed_on,
           DECLINED: release.declined_on, REVOKED: release.revoked_on}.get(release.state)
    state = state_text(release.state)
    if release.state == SIGNED:
        state = _tr("Released (signed)")
    text = fill(_tr("%1, %2"), state, format_day(day)) if day else state
    if release.state == REVOKED and release.revoke_reason:
        text += f" ({release.revoke_reason})"
    if release.scope is not None and release.state == SIGNED:
        places, terms = scope_lines(release.scope, format_day)
        text += "\n" + fill(_tr("For use on: %1"), places) + "\n" + terms
    return text


def problem_text(problem: Problem) -> str:
    """What to do about one invalid value of a testimonial, a release or a use."""
    if problem.code == codes.TOO_LONG:
        return fill(_tr("This is too long: at most %1 characters."), problem.detail)
    field_words = {
        "words": _tr("Type what the customer said."),
        "where": _tr("Say where it is used: a page's address, “flyer in the window”."),
        "channels": _tr("Tick at least one place the customer allowed."),
    }
    if problem.code == codes.REQUIRED:
        return field_words.get(problem.field, _tr("This cannot be empty."))
    return {
        codes.INVALID_CHOICE: _tr("Choose one of the offered values."),
        codes.OUT_OF_RANGE: _tr("Choose a rating from 1 to 5 stars."),
        codes.NOT_A_CUSTOMER: _tr("Choose a customer from the list."),
        codes.BEFORE_SIGNING: _tr("The end date must come after the day it was signed."),
    }.get(problem.code, _tr("This value cannot be stored."))


def rating_text(rating: int | None) -> str:
    return "★" * rating + "☆" * (5 - rating) if rating else ""


def short_quote(words: str, length: int = 90) -> str:
    """The first words of a quote on one line, cut at a word with an ellipsis."""
    line = " ".join(words.split())
    if len(line) <= length:
        return line
    cut = line[:length].rsplit(" ", 1)[0]
    return cut + "…"


class TestimonialCounts(QObject):
    """Sentences with a count (lupdate marks plurals only in a class's tr() calls)."""

    __test__ = False  # pytest: not a test class

    def shown(self, n: int) -> str:
        return self.tr("%Ln testimonial(s)", "", n)

    def takedowns(self, n: int) -> str:
        return self.tr("%Ln place(s) still show a testimonial whose release has ended: "
                       "take them down and tick them off.", "", n)

    def exported(self, n: int) -> str:
        return self.tr("%Ln testimonial(s) exported to %1.", "", n)

    def will_export(self, n: int) -> str:
        return self.tr("%Ln testimonial(s) may be used there.", "", n)

    def left_out(self, n: int) -> str:
        return self.tr("%Ln left out:", "", n)

    def forms(self, n: int) -> str:
        return self.tr("%Ln release form(s) printed.", "", n)

    def printing_forms(self, n: int) -> str:
        return self.tr("Print release forms for %Ln testimonial(s)", "", n)

    def uses(self, n: int) -> str:
        return self.tr("%Ln place(s)", "", n)

    def changed_while_printing(self, n: int) -> str:
        return self.tr("%Ln testimonial(s) changed at another desk while printing: their "
                       "form may show old words, so they are not marked as waiting for a "
                       "signature. Print them again.", "", n)
