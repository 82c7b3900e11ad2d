"""A meeting as the dialog edits it, and saving it in one unit of work.

The dialog keeps every change here until Save (so Cancel can ask before anything typed is
lost); `save_meeting` then replays the differences through core.council.services, all in
the one session the operations runner gives it: everything is saved, or nothing.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from core.council.services import (
    add_agenda_item,
    add_council_action,
    add_decision,
    complete_council_action,
    get_meeting,
    move_agenda_item,
    raise_idea,
    record_attendance,
    remove_agenda_item,
    remove_council_action,
    remove_decision,
    remove_idea,
    update_agenda_item,
    update_meeting,
)
from core.council.types import MeetingDetail, MeetingDraft


@dataclass
class ItemEdit:
    id: int | None  # None: added in the dialog
    title: str
    minutes: str = ""
    left_open: bool = False
    carried: bool = False
    decisions: list[tuple[int | None, str]] = field(default_factory=list)


@dataclass
class ActionEdit:
    id: int | None
    text: str
    owner: str = ""
    due_on: dt.date | None = None
    done_on: dt.date | None = None
    earlier: bool = False  # agreed at an earlier meeting, still open when this one began
    raised_on: dt.date | None = None


@dataclass
class IdeaEdit:
    id: int | None
    text: str
    raised_by_id: int | None


@dataclass
class MeetingEdits:
    draft: MeetingDraft
    items: list[ItemEdit]
    attendance: dict[int, str]  # customer id: present, apologies, absent or ""
    actions: list[ActionEdit]
    ideas: list[IdeaEdit]
    other_decisions: list[tuple[int | None, str]]  # not under any agenda item

    def copy(self) -> MeetingEdits:
        return MeetingEdits(
            self.draft, [replace(i, decisions=list(i.decisions)) for i in self.items],
            dict(self.attendance), [replace(a) for a in self.actions],
            [replace(i) for i in self.ideas], list(self.other_decisions))


def edits_of(detail: MeetingDetail) -> MeetingEdits:
    """The meeting as stored, ready to edit."""
    meeting = detail.meeting
    items = [ItemEdit(i.id, i.title, i.minutes, i.left_open, i.carried,
                      [(d.id, d.text) for d in detail.decisions if d.agenda_item_id == i.id])
             for i in detail.agenda]
    known = {i.id for i in detail.agenda}
    actions = [ActionEdit(a.id, a.text, a.owner, a.due_on, a.done_on, True, a.raised_on)
               for a in detail.open_actions]
    actions += [ActionEdit(a.id, a.text, a.owner, a.due_on, a.done_on, False, a.raised_on)
                for a in detail.actions]
    return MeetingEdits(
        MeetingDraft(meeting.held_on, meeting.starts_at, meeting.place, meeting.title),
        items, {a.customer_id: a.attendance for a in detail.attendance}, actions,
        [IdeaEdit(i.id, i.text, i.raised_by_id) for i in detail.ideas],
        [(d.id, d.text) for d in detail.decisions if d.agenda_item_id not in known])


def save_meeting(session: Any, meeting_id: int, before: MeetingEdits,
                 after: MeetingEdits) -> MeetingDetail:
    """Store what changed between `before` and `after` (one unit of work: the caller's).
    Raises core's Invalid for a value refused (then nothing is stored)."""
    if after.draft != before.draft:
        update_meeting(session, meeting_id, after.draft)
    kept_items = {i.id for i in after.items if i.id is not None}
    for item in before.items:
        if item.id not in kept_items:
            for decision_id, _text in item.decisions:
                if decision_id is not None:
                    remove_decision(session, decision_id)
            assert item.id is not None
            remove_agenda_item(session, item.id)
    old_items = {i.id: i for i in before.items}
    for position, item in enumerate(after.items, 1):
        old = old_items.get(item.id) if item.id is not None else None
        if item.id is None:
            item_id = add_agenda_item(session, meeting_id, item.title).id
        else:
            item_id = item.id
        if old is None or (old.title, old.minutes, old.left_open) != (
                item.title, item.minutes, item.left_open):
            update_agenda_item(session, item_id, title=item.title, minutes=item.minutes,
                               left_open=item.left_open)
        move_agenda_item(session, item_id, position)
        _save_decisions(session, meeting_id, item_id, old.decisions if old else [],
                        item.decisions)
    _save_decisions(session, meeting_id, None, before.other_decisions, after.other_decisions)
    for customer_id, attendance in after.attendance.items():
        if before.attendance.get(customer_id, "") != attendance:
            record_attendance(session, meeting_id, customer_id, attendance)
    old_actions = {a.id: a for a in before.actions if a.id is not None}
    kept_actions = {a.id for a in after.actions if a.id is not None}
    for action_id in old_actions.keys() - kept_actions:
        remove_council_action(session, action_id)
    for action in after.actions:
        if action.id is None:
            added = add_council_action(session, meeting_id, action.text, owner=action.owner,
                                       due_on=action.due_on)
            if action.done_on is not None:
                complete_council_action(session, added.id, action.done_on)
        elif old_actions[action.id].done_on != action.done_on:
            complete_council_action(session, action.id, action.done_on)
    kept_ideas = {i.id for i in after.ideas if i.id is not None}
    for idea in before.ideas:
        if idea.id is not None and idea.id not in kept_ideas:
            remove_idea(session, idea.id)
    for idea in after.ideas:
        if idea.id is None:
            raise_idea(session, idea.text, raised_on=after.draft.held_on,
                       raised_by_id=idea.raised_by_id, meeting_id=meeting_id)
    return get_meeting(session, meeting_id)


def _save_decisions(session: Any, meeting_id: int, item_id: int | None,
                    before: list[tuple[int | None, str]],
                    after: list[tuple[int | None, str]]) -> None:
    kept = {decision_id for decision_id, _text in after if decision_id is not None}
    for decision_id, _text in before:
        if decision_id is not None and decision_id not in kept:
            remove_decision(session, decision_id)
    for decision_id, text in after:
        if decision_id is None:
            add_decision(session, meeting_id, text, agenda_item_id=item_id)
