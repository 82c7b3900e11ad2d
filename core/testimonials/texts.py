"""Words for people that core itself writes: into exports (the disclosure line, names in
the allowed form), onto the release form, and on the command line. The window words the
same codes through tr() (gui/testimonials)."""
from __future__ import annotations

from core.testimonials.types import (
    ADVERTISING,
    ANONYMOUS,
    EMAIL,
    FIRST_NAME_INITIAL,
    FULL_NAME,
    IN_PERSON,
    PHONE,
    PRINT,
    REVIEW_SITE,
    SOCIAL,
    VIDEO,
    VIDEO_AUDIO,
    WEBSITE,
    WRITTEN_CARD,
)

CHANNEL_WORDS = {
    WEBSITE: "our website", SOCIAL: "social media", PRINT: "printed material",
    VIDEO_AUDIO: "video or audio", ADVERTISING: "advertising",
}
NAMING_WORDS = {
    FULL_NAME: "my full name", FIRST_NAME_INITIAL: "my first name and last initial",
    ANONYMOUS: "no name (anonymous)",
}
HOW_GIVEN_WORDS = {
    IN_PERSON: "in person", PHONE: "by phone", EMAIL: "by email",
    REVIEW_SITE: "on a review site", VIDEO: "on video", WRITTEN_CARD: "on a written card",
}
ANONYMOUS_NAME = "A customer"


def name_as_allowed(first: str, last: str, organisation: str, naming: str) -> str:
    """The customer's name in the form their release allows: "Ann Lee", "Ann L." or ""
    (anonymous). An organisation known without a person's name is named in full only."""
    first, last = first.strip(), last.strip()
    if naming == FULL_NAME:
        return f"{first} {last}".strip() or organisation.strip()
    if naming == FIRST_NAME_INITIAL:
        if first and last:
            return f"{first} {last[0].upper()}."
        return first or (f"{last[0].upper()}." if last else "")
    return ""


def disclosure(incentive: str) -> str:
    """The line that must go with a testimonial given for a gift or discount."""
    incentive = " ".join(incentive.split())
    return f"This customer received {incentive} as thanks for their review." if incentive else ""
