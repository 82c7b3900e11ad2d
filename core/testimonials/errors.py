"""The testimonials area's errors. They carry data; the front ends word them.

Validation uses the kernel's Invalid([Problem(field, code)]) with the codes below; an
unknown testimonial, attachment or use is NotFound("testimonial" | "attachment" | "use", id).
"""
from __future__ import annotations

from core.kernel.errors import RegularsError

# Problem codes (Problem.code) for the fields of drafts, scopes and uses.
REQUIRED = "required"  # words, where, channels
INVALID_CHOICE = "invalid_choice"  # how_given, naming, channel, place_kind, kind
OUT_OF_RANGE = "out_of_range"  # rating outside 1-5
TOO_LONG = "too_long"
NOT_A_CUSTOMER = "not_a_customer"  # customer_id is not a live customer
BEFORE_SIGNING = "before_signing"  # an end date on or before the day it was signed


class WrongReleaseState(RegularsError):
    """The release is `state`, and `wanted` needs it to be one of `allowed` (signing a
    revoked release, revoking one never signed...). Nothing was changed."""

    def __init__(self, testimonial_id: int, state: str, wanted: str,
                 allowed: tuple[str, ...]) -> None:
        super().__init__(f"testimonial {testimonial_id} is {state}; cannot {wanted}")
        self.testimonial_id = testimonial_id
        self.state = state
        self.wanted = wanted
        self.allowed = allowed

    def __reduce__(self) -> tuple[object, ...]:
        return WrongReleaseState, (self.testimonial_id, self.state, self.wanted, self.allowed)


class WordingReleased(RegularsError):
    """The customer signed a release for this wording: it cannot change under it (the
    release approved the final words). Revoke it, or capture a new testimonial."""

    def __init__(self, testimonial_id: int) -> None:
        super().__init__(f"testimonial {testimonial_id}: the signed release covers its wording")
        self.testimonial_id = testimonial_id

    def __reduce__(self) -> tuple[object, ...]:
        return WordingReleased, (self.testimonial_id,)


class NotReleasedFor(RegularsError):
    """A use was logged on a channel the release does not cover (`reason` is one of
    core.testimonials.types.LEFT_OUT_REASONS)."""

    def __init__(self, testimonial_id: int, channel: str, reason: str) -> None:
        super().__init__(f"testimonial {testimonial_id} is not released for {channel}: {reason}")
        self.testimonial_id = testimonial_id
        self.channel = channel
        self.reason = reason

    def __reduce__(self) -> tuple[object, ...]:
        return NotReleasedFor, (self.testimonial_id, self.channel, self.reason)


class AttachmentUnreadable(RegularsError):
    """An attachment's file is missing from the data folder (`missing`) or no longer
    matches the checksum taken when it was added (damaged)."""

    def __init__(self, attachment_id: int, file_name: str, missing: bool) -> None:
        what = "missing" if missing else "damaged"
        super().__init__(f"attachment {attachment_id} ({file_name}) is {what}")
        self.attachment_id = attachment_id
        self.file_name = file_name
        self.missing = missing

    def __reduce__(self) -> tuple[object, ...]:
        return AttachmentUnreadable, (self.attachment_id, self.file_name, self.missing)


class SourceUnreadable(RegularsError):
    """The file to attach could not be read (`reason`: the system's words)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[object, ...]:
        return SourceUnreadable, (self.path, self.reason)
