"""A meeting as the dialog edits it, and saving it in one unit of work.

The dialog keeps every change here until Save (so Cancel can ask before anything typed is
lost); `save_meeting` then replays the differences through core.council.services, all in
the one session the operations runner gives it: everything is saved, or nothing.

Another desk may have saved the same meeting meanwhile. The meeting's date, place... and
each agenda item's title, minutes and "carried on" are saved against the values and
version the dialog opened (`before`), so their changes merge with this desk's, or
EditConflict names the meeting or the one agenda item both changed (nothing is written,
the dialog asks). What they removed and this desk did not touch stays removed; an agenda
item they removed whose minutes were typed here comes back with them.
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
from core.council.types import AgendaItemDraft, MeetingDetail, MeetingDraft


@dataclass
class ItemEdit:
    id: int | None  # None: added in the dialog
    title: str
    minutes: str = ""
    left_open: bool = False
    carried: bool = False
    decisions: list[tuple[int | None, str]] = field(default_factory=list)
    version: int = field(default=0, compare=False)  # as opened (none for a new item)

    @property
    def draft(self) -> AgendaItemDraft:
        return AgendaItemDraft(self.title, self.minutes, self.left_open)

    def show(self, draft: AgendaItemDraft) -> None:
        self.title, self.minutes, self.left_open = draft.title, draft.minutes, draft.left_open


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
    version: int = field(default=0, compare=False)  # the meeting's, as opened

    def copy(self) -> MeetingEdits:
        return MeetingEdits(
            self.draft, [replace(i, decisions=list(i.decisions)) for i in self.items],
            dict(self.attendance), [replace(a) for a in self.actions],
            [replace(i) for i in self.ideas], list(self.other_decisions), self.version)


def edits_of(detail: MeetingDetail) -> MeetingEdits:
    """The meeting as stored, ready to edit."""
    meeting = detail.meeting
    items = [ItemEdit(i.id, i.title, i.minutes, i.left_open, i.carried,
                      [(d.id, d.text) for d in detail.decisions if d.agenda_item_id == i.id],
                      i.version)
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
        [(d.id, d.text) for d in detail.decisions if d.agenda_item_id not in known],
        meeting.version)


def save_meeting(session: Any, meeting_id: int, before: MeetingEdits,
                 after: MeetingEdits) -> MeetingDetail:
    """Store what changed between `before` (as opened) and `after` (one unit of work: the
    caller's), merged with what another desk saved meanwhile. Raises core's Invalid for a
    value refused, EditConflict for a value both desks changed (nothing is stored then)."""
    now = get_meeting(session, meeting_id)
    if after.draft != before.draft:
        update_meeting(session, meeting_id, after.draft, base=before.draft,
                       base_version=before.version)
    items_now = {i.id for i in now.agenda}
    decisions_now = {d.id for d in now.decisions}
    kept_items = {i.id for i in after.items if i.id is not None}
    for item in before.items:
        if item.id not in kept_items and item.id in items_now:
            for decision_id, _text in item.decisions:
                if decision_id in decisions_now:
                    remove_decision(session, decision_id)
            assert item.id is not None
            remove_agenda_item(session, item.id)
    old_items = {i.id: i for i in before.items}
    position = 0
    for item in after.items:
        old = old_items.get(item.id) if item.id is not None else None
        if item.id is not None and item.id not in items_now:  # removed at another desk
            if old is not None and old == item:
                continue  # nothing typed here: it stays removed
            old = None  # typed here: it comes back, with what was typed
        if old is None:
            item_id = add_agenda_item(session, meeting_id, item.title).id
            update_agenda_item(session, item_id, title=item.title, minutes=item.minutes,
                               left_open=item.left_open)
        else:
            assert item.id is not None  # an item opened with the meeting
            item_id = item.id
            if old.draft != item.draft:
                update_agenda_item(session, item_id, title=item.title, minutes=item.minutes,
                                   left_open=item.left_open, base=old.draft,
                                   base_version=old.version)
        position += 1
        move_agenda_item(session, item_id, position)
        _save_decisions(session, meeting_id, item_id, old.decisions if old else [],
                        item.decisions, decisions_now)
    _save_decisions(session, meeting_id, None, before.other_decisions, after.other_decisions,
                    decisions_now)
    for customer_id, attendance in after.attendance.items():
        if before.attendance.get(customer_id, "") != attendance:
            record_attendance(session, meeting_id, customer_id, attendance)
    _save_actions(session, meeting_id, before.actions, after.actions,
                  {a.id for a in (*now.actions, *now.open_actions)})
    kept_ideas = {i.id for i in after.ideas if i.id is not None}
    ideas_now = {i.id for i in now.ideas}
    for idea in before.ideas:
        if idea.id is not None and idea.id not in kept_ideas and idea.id in ideas_now:
            remove_idea(session, idea.id)
    for idea in after.ideas:
        if idea.id is None:
            raise_idea(session, idea.text, raised_on=after.draft.held_on,
                       raised_by_id=idea.raised_by_id, meeting_id=meeting_id)
    return get_meeting(session, meeting_id)


def _save_actions(session: Any, meeting_id: int, before: list[ActionEdit],
                  after: list[ActionEdit], actions_now: set[int]) -> None:
    old_actions = {a.id: a for a in before if a.id is not None}
    kept_actions = {a.id for a in after if a.id is not None}
    for action_id in (old_actions.keys() - kept_actions) & actions_now:
        remove_council_action(session, action_id)
    for action in after:
        if action.id is None:
            added = add_council_action(session, meeting_id, action.text, owner=action.owner,
                                       due_on=action.due_on)
            if action.done_on is not None:
                complete_council_action(session, added.id, action.done_on)
        elif action.id in actions_now and old_actions[action.id].done_on != action.done_on:
            complete_council_action(session, action.id, action.done_on)


def _save_decisions(session: Any, meeting_id: int, item_id: int | None,
                    before: list[tuple[int | None, str]],
                    after: list[tuple[int | None, str]], decisions_now: set[int]) -> None:
    kept = {decision_id for decision_id, _text in after if decision_id is not None}
    for decision_id, _text in before:
        if decision_id is not None and decision_id not in kept and decision_id in decisions_now:
            remove_decision(session, decision_id)
    for decision_id, text in after:
        if decision_id is None:
            add_decision(session, meeting_id, text, agenda_item_id=item_id)
