"""The unit of work collects what it changed, so that no service can forget to say so.

An ORM flush is read by a session event: the tables of the objects it added, changed or
deleted become area flags (see `AREAS_BY_TABLE`) and, where an object carries one, the
customer ids. Services that write with Core or raw SQL (trash, merge, statistics, bulk
import, the demo, undoing an import) add theirs with `note_changes(session, ...)`.

The collection lives in `session.info` and is dropped when the transaction rolls back:
a unit of work that did not commit changed nothing. `Database.run` returns it, and
`collecting_changes(database)` gathers every unit of work a long job commits on its thread.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.kernel.changes import NOTHING, Changes

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

_INFO_KEY = "regulars.changes"

# Which area a table belongs to. A table missing here is reported as nothing: add it when
# a page starts to show it. Print items count for the customer list as well, because the
# list filters on "card sent this year".
AREAS_BY_TABLE: dict[str, tuple[str, ...]] = {
    "customers": ("customers",),
    "customer_tags": ("customers",),
    "tags": ("customers",),
    "customer_contacts": ("customers",),
    "customer_consents": ("customers",),
    "interactions": ("interactions",),
    "moments": ("interactions",),
    "print_batches": ("batches",),
    "print_batch_items": ("batches", "customers"),
    "print_templates": ("templates",),
    "import_runs": ("imports",),
    "import_changes": ("imports",),
    "import_profiles": ("imports",),
    "business_profile": ("settings",),
    "program_actions": ("actions",),
    "program_rule_states": ("actions",),
    "program_lapse_days": ("actions",),
    "complaints": ("listening",),
    "complaint_status_changes": ("listening",),
    "promises": ("listening",),
    "meetings": ("listening",),
    "meeting_tasks": ("listening",),
    "council_terms": ("council",),
    "council_members": ("council",),
    "gatherings": ("council",),
    "gathering_invitations": ("council",),
    "council_agenda_items": ("council",),
    "council_decisions": ("council",),
    "council_actions": ("council",),
    "council_ideas": ("council",),
    "council_letters": ("council",),
    "scores": ("scores",),
    "survey_cards": ("scores",),
    "staff_members": ("settings",),
    "testimonials": ("testimonials",),
    "testimonial_events": ("testimonials",),
    "testimonial_attachments": ("testimonials",),
    "testimonial_uses": ("testimonials",),
}


def note_changes(session: Session, changes: Changes) -> None:
    """Add what a Core or raw-SQL write changed to this unit of work's collection."""
    session.info[_INFO_KEY] = session.info.get(_INFO_KEY, NOTHING) | changes


def collected_changes(session: Session) -> Changes:
    """What this session's transaction has changed so far (flushed or noted)."""
    changes: Changes = session.info.get(_INFO_KEY, NOTHING)
    return changes


def changes_of_objects(objects: Iterator[Any] | list[Any]) -> Changes:
    """The areas and customer ids of ORM objects written by one flush."""
    areas: set[str] = set()
    customer_ids: set[int] = set()
    for obj in objects:
        table = getattr(obj, "__tablename__", None)
        flags = AREAS_BY_TABLE.get(table or "")
        if not flags:
            continue
        areas.update(flags)
        # Only values already loaded: reading an expired attribute here would query.
        loaded = obj.__dict__
        owner = loaded.get("id") if table == "customers" else loaded.get("customer_id")
        if isinstance(owner, int):
            customer_ids.add(owner)
    if not areas:
        return NOTHING
    # An unknown owner would make "these customers" a lie: report "any customer" instead.
    return Changes(**{area: True for area in areas}, customer_ids=frozenset(customer_ids))


def _after_flush(session: Session, _context: Any) -> None:
    # After the flush new objects have their ids; new/dirty/deleted still list them.
    written = [*session.new, *session.deleted,
               *(obj for obj in session.dirty if session.is_modified(obj))]
    changes = changes_of_objects(written)
    if changes:
        note_changes(session, changes)


def _after_rollback(session: Session) -> None:
    session.info.pop(_INFO_KEY, None)


@dataclass
class _Collector:
    changes: Changes = NOTHING


_thread_collectors = threading.local()


def _after_commit(session: Session) -> None:
    changes = session.info.pop(_INFO_KEY, None)
    collectors: list[_Collector] = getattr(_thread_collectors, "stack", [])
    if changes and collectors:
        for collector in collectors:
            collector.changes = collector.changes | changes
    if changes is not None:
        session.info[_INFO_KEY + ".committed"] = changes


def committed_changes(session: Session) -> Changes:
    """What the session's last committed transaction changed."""
    changes: Changes = session.info.get(_INFO_KEY + ".committed", NOTHING)
    return changes


@contextmanager
def collecting_changes() -> Iterator[_Collector]:
    """Gather what every unit of work committed on this thread inside the block changed
    (for long jobs that open their own units of work, like the import)."""
    collector = _Collector()
    stack: list[_Collector] = getattr(_thread_collectors, "stack", None) or []
    _thread_collectors.stack = stack
    stack.append(collector)
    try:
        yield collector
    finally:
        stack.remove(collector)


def install_change_collection(factory: sessionmaker[Session]) -> None:
    """Collect changes in every session this factory makes."""
    from sqlalchemy import event

    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "after_rollback", _after_rollback)
    event.listen(factory, "after_commit", _after_commit)
