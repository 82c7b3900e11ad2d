"""The testimonials area's plain values: codes, drafts and rows (no SQLAlchemy).

Codes are stable strings stored in the database; the front ends word them (see
core.testimonials.texts for the command line and the exports, gui/testimonials for the
window).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# How the testimonial was given.
IN_PERSON, PHONE, EMAIL, REVIEW_SITE, VIDEO, WRITTEN_CARD = (
    "in_person", "phone", "email", "review_site", "video", "written_card")
HOW_GIVEN = (IN_PERSON, PHONE, EMAIL, REVIEW_SITE, VIDEO, WRITTEN_CARD)

# The release's lifecycle: not requested -> requested (form printed) -> signed or declined;
# a signed release is later revoked, or expires on its end date.
NOT_REQUESTED, REQUESTED, SIGNED, DECLINED, REVOKED, EXPIRED = (
    "not_requested", "requested", "signed", "declined", "revoked", "expired")
RELEASE_STATES = (NOT_REQUESTED, REQUESTED, SIGNED, DECLINED, REVOKED, EXPIRED)
# Releases that have ended: every place the testimonial is still used must be taken down.
ENDED = (REVOKED, EXPIRED)

# Where a released testimonial may be used (also the command line's --channel words).
WEBSITE, SOCIAL, PRINT, VIDEO_AUDIO, ADVERTISING = (
    "website", "social", "print", "video", "advertising")
CHANNELS = (WEBSITE, SOCIAL, PRINT, VIDEO_AUDIO, ADVERTISING)

# How the customer may be named where it is used.
FULL_NAME, FIRST_NAME_INITIAL, ANONYMOUS = "full_name", "first_initial", "anonymous"
NAMINGS = (FULL_NAME, FIRST_NAME_INITIAL, ANONYMOUS)

# Attachments: a photo, a video or audio recording, the scanned signed release form.
PHOTO, RECORDING, SIGNED_FORM = "photo", "recording", "signed_form"
ATTACHMENT_KINDS = (PHOTO, RECORDING, SIGNED_FORM)

# Where a testimonial has been used (the usage log).
WEB_PAGE, FLYER, SOCIAL_POST, OTHER_PLACE = "web_page", "flyer", "social_post", "other"
PLACE_KINDS = (WEB_PAGE, FLYER, SOCIAL_POST, OTHER_PLACE)

# The history of a testimonial (its proof of consent): what happened.
CAPTURED, EDITED, FORM_PRINTED, SIGNED_EVENT, DECLINED_EVENT = (
    "captured", "edited", "form_printed", "signed", "declined")
REVOKED_EVENT, EXPIRED_EVENT, FORM_WITHDRAWN = "revoked", "expired", "form_withdrawn"
ATTACHMENT_ADDED, ATTACHMENT_REMOVED = "attachment_added", "attachment_removed"
USE_LOGGED, USE_REMOVED = "use_logged", "use_removed"

# Why an export for a channel left a testimonial out.
LEFT_NOT_SIGNED = "not_signed"  # never requested, or the form is not back yet
LEFT_DECLINED = "declined"
LEFT_REVOKED = "revoked"
LEFT_EXPIRED = "expired"
LEFT_OTHER_CHANNELS = "other_channels"  # signed, but not for this channel
LEFT_OUT_REASONS = (LEFT_NOT_SIGNED, LEFT_DECLINED, LEFT_REVOKED, LEFT_EXPIRED,
                    LEFT_OTHER_CHANNELS)

RATING_MIN, RATING_MAX = 1, 5
DEFAULT_RELEASE_YEARS = 2  # old testimonials mislead: a release lasts two years unless told
MAX_WORDS = 20_000


def default_release_end(signed_on: dt.date) -> dt.date:
    """Two years after signing (29 February falls on 28 February)."""
    year = signed_on.year + DEFAULT_RELEASE_YEARS
    try:
        return signed_on.replace(year=year)
    except ValueError:
        return signed_on.replace(year=year, day=28)


@dataclass(frozen=True)
class TestimonialDraft:
    """What the owner types when capturing (or editing) a testimonial.

    `words` are the customer's words exactly as said; `edited_words` is the owner's
    shortened version for use ("" when the words are used as said). `captured_by` ""
    means the computer's user name.
    """

    __test__ = False  # pytest: not a test class

    customer_id: int
    words: str
    given_on: dt.date
    how_given: str = IN_PERSON
    edited_words: str = ""
    rating: int | None = None
    captured_by: str = ""
    incentive: str = ""  # a gift, discount or other thanks given for it ("" when none)


@dataclass(frozen=True)
class ReleaseScope:
    """What the customer ticked on the signed form. `until` None: until revoked."""

    channels: tuple[str, ...]
    naming: str = FIRST_NAME_INITIAL
    photo: bool = False
    light_editing: bool = False
    until: dt.date | None = None

    def covers(self, channel: str) -> bool:
        return channel in self.channels


@dataclass(frozen=True)
class ReleaseRecord:
    """A release as stored: what a release move (printed, signed, declined, withdrawn) is
    checked against when another desk may have recorded one meanwhile. `state` is the
    stored state (a signed release past its end date stays SIGNED until recorded expired);
    `scope` what the customer ticked, once signed."""

    state: str = NOT_REQUESTED
    requested_on: dt.date | None = None
    signed_on: dt.date | None = None
    declined_on: dt.date | None = None
    revoked_on: dt.date | None = None
    revoke_reason: str = ""
    scope: ReleaseScope | None = None


@dataclass(frozen=True)
class TestimonialRow:
    """One testimonial as lists show it. `release_state` is as of the day asked about (a
    signed release past its end date reads EXPIRED even before it is recorded)."""

    __test__ = False  # pytest: not a test class

    id: int
    customer_id: int
    customer_name: str
    words: str
    edited_words: str
    rating: int | None
    given_on: dt.date
    how_given: str
    captured_by: str
    incentive: str
    release_state: str
    requested_on: dt.date | None = None
    signed_on: dt.date | None = None
    declined_on: dt.date | None = None
    revoked_on: dt.date | None = None
    expired_on: dt.date | None = None
    revoke_reason: str = ""
    scope: ReleaseScope | None = None  # once signed (kept after revoking, as the record)
    uses_in_place: int = 0  # logged uses not taken down
    takedowns_open: int = 0  # of those, where the release has ended
    # As read: the version and the release an editor or a release move keeps as its base
    # (core.kernel.edits), so that another desk's save meanwhile is merged or shown.
    version: int = 0
    release: ReleaseRecord | None = None

    @property
    def final_words(self) -> str:
        """The wording used: the edited version, or the words as said."""
        return self.edited_words or self.words

    @property
    def draft(self) -> TestimonialDraft:
        """What was recorded, as the editor opens it (its base when saving)."""
        return TestimonialDraft(
            customer_id=self.customer_id, words=self.words, given_on=self.given_on,
            how_given=self.how_given, edited_words=self.edited_words, rating=self.rating,
            captured_by=self.captured_by, incentive=self.incentive)


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    testimonial_id: int
    kind: str  # one of ATTACHMENT_KINDS
    file_name: str  # the original file's name, for people
    size_bytes: int
    sha256: str
    added_at: dt.datetime
    added_by: str


@dataclass(frozen=True)
class HistoryEntry:
    """One change to a testimonial: when, who, what (an event code) and its details."""

    at: dt.datetime
    by: str
    event: str
    detail: str = ""


@dataclass(frozen=True)
class UseDraft:
    """A place where the testimonial is used: `where` is free text (an address, "flyer
    in the window"), `channel` one of CHANNELS (the release must cover it)."""

    place_kind: str
    where: str
    channel: str
    started_on: dt.date


@dataclass(frozen=True)
class UseRow:
    id: int
    testimonial_id: int
    place_kind: str
    where: str
    channel: str
    started_on: dt.date
    removed_on: dt.date | None
    removed_by: str = ""


@dataclass(frozen=True)
class TestimonialDetail:
    __test__ = False  # pytest: not a test class

    row: TestimonialRow
    attachments: tuple[AttachmentRow, ...] = ()
    uses: tuple[UseRow, ...] = ()
    history: tuple[HistoryEntry, ...] = ()


@dataclass(frozen=True)
class TakedownItem:
    """A place still using a testimonial whose release was revoked or has expired."""

    use_id: int
    testimonial_id: int
    customer_id: int
    customer_name: str
    place_kind: str
    where: str
    channel: str
    started_on: dt.date
    ended_on: dt.date  # the day the release was revoked or expired
    reason: str  # REVOKED or EXPIRED


@dataclass(frozen=True)
class ExportItem:
    """One testimonial a channel may use: the final wording, the name the release allows
    ("" when anonymous) and the disclosure line when there was an incentive."""

    testimonial_id: int
    quote: str
    name: str
    rating: int | None
    given_on: dt.date
    disclosure: str = ""


@dataclass(frozen=True)
class LeftOutTestimonial:
    testimonial_id: int
    customer_name: str
    reason: str  # one of LEFT_OUT_REASONS


@dataclass(frozen=True)
class ExportPlan:
    channel: str
    today: dt.date
    items: tuple[ExportItem, ...]
    left_out: tuple[LeftOutTestimonial, ...] = field(default=())

    def left_out_counts(self) -> dict[str, int]:
        """How many were left out for each reason, in LEFT_OUT_REASONS order."""
        counts = {reason: 0 for reason in LEFT_OUT_REASONS}
        for item in self.left_out:
            counts[item.reason] += 1
        return {reason: n for reason, n in counts.items() if n}


@dataclass(frozen=True)
class CustomerTestimonialUses:
    """What deleting customers for good leaves behind: the places their testimonials are
    still used (to be taken down by hand), and how many attachment files go."""

    uses: tuple[TakedownItem, ...]
    attachments: int
