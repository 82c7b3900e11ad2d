"""Problem codes of the complaints area (carried by kernel.errors.Invalid, worded by the
front ends)."""
from __future__ import annotations

from core.kernel.errors import RegularsError

REQUIRED = "required"  # summary, resolution, what
TOO_LONG = "too_long"
UNKNOWN_SEVERITY = "unknown_severity"
UNKNOWN_STATUS = "unknown_status"
BEFORE_OPENED = "before_opened"  # a status change dated before the complaint was opened
BEFORE_MADE = "before_made"  # a promise due (or kept) before it was made
MAX_TEXT = 4_000


class ComplaintEnded(RegularsError):
    """The complaint was already resolved or closed: its status can no longer change."""

    def __init__(self, complaint_id: int, status: str) -> None:
        super().__init__(f"complaint {complaint_id} is {status}")
        self.complaint_id = complaint_id
        self.status = status

    def __reduce__(self) -> tuple[object, ...]:
        return ComplaintEnded, (self.complaint_id, self.status)


class PromiseKept(RegularsError):
    """The promise was already kept (on `kept_on`)."""

    def __init__(self, promise_id: int, kept_on: str) -> None:
        super().__init__(f"promise {promise_id} was kept on {kept_on}")
        self.promise_id = promise_id
        self.kept_on = kept_on

    def __reduce__(self) -> tuple[object, ...]:
        return PromiseKept, (self.promise_id, self.kept_on)
