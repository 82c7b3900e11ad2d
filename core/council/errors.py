"""The council's typed errors: data, never sentences (the front ends word them)."""
from __future__ import annotations

from core.kernel.errors import RegularsError


class AlreadyMember(RegularsError):
    """The customer already has a membership in this term."""

    def __init__(self, term_id: int, customer_id: int) -> None:
        super().__init__(f"customer {customer_id} is already in term {term_id}")
        self.term_id = term_id
        self.customer_id = customer_id

    def __reduce__(self) -> tuple[object, ...]:
        return AlreadyMember, (self.term_id, self.customer_id)


class EventFull(RegularsError):
    """A yes (with its plus-one) would take the evening past its capacity."""

    def __init__(self, event_id: int, capacity: int, taken: int, asked: int) -> None:
        super().__init__(f"event {event_id}: {taken} of {capacity} places taken, {asked} asked")
        self.event_id = event_id
        self.capacity = capacity
        self.taken = taken
        self.asked = asked

    def __reduce__(self) -> tuple[object, ...]:
        return EventFull, (self.event_id, self.capacity, self.taken, self.asked)


class NothingToPrint(RegularsError):
    """No letter could be printed: nobody to write to (`reason`: no_members, no_guests,
    nothing_to_report, or a printing skip reason when everyone was left out)."""

    def __init__(self, reason: str, left_out: tuple[object, ...] = ()) -> None:
        super().__init__(f"nothing to print: {reason}")
        self.reason = reason
        self.left_out = left_out

    def __reduce__(self) -> tuple[object, ...]:
        return NothingToPrint, (self.reason, self.left_out)


NO_MEMBERS = "no_members"
NO_GUESTS = "no_guests"
