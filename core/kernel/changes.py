"""What a write touched, so that each page refreshes only what it shows (Anki-style).

Every unit of work collects one `Changes`: the store marks the areas whose tables a flush
touched (see `core.store.changes`), and services that write with raw SQL add theirs with
`note_changes(session, ...)`. The GUI sends the result to every page in one signal.
"""
from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    customers: bool = False  # customer rows: added, edited, trashed, restored, merged
    interactions: bool = False  # visits, purchases, calls, notes, and moments
    actions: bool = False  # the program's Today list
    batches: bool = False  # print batches and their items (sent, spoiled)
    templates: bool = False  # card and letter templates
    imports: bool = False  # the import history
    settings: bool = False  # the business profile and other settings sections
    listening: bool = False  # complaints, promises and meeting notes
    council: bool = False  # council terms, members, meetings, ideas; appreciation evenings
    scores: bool = False  # satisfaction scores and paper survey cards
    testimonials: bool = False  # testimonials, their releases, attachments and uses
    # The customers concerned, where it was cheap to know; empty means "any of them".
    customer_ids: frozenset[int] = frozenset()

    def __or__(self, other: Changes) -> Changes:
        merged = {f.name: getattr(self, f.name) or getattr(other, f.name)
                  for f in fields(self) if f.name != "customer_ids"}
        return Changes(**merged, customer_ids=self.customer_ids | other.customer_ids)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


NOTHING = Changes()
