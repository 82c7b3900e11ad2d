"""Ideas raised at the council: who raised it and when; heard -> considering -> planned
-> done, or declined, with a response. A "you said, we did" letter reports the ones
acted on (planned or done) since the member's previous such letter."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.council.common import (
    check_choice,
    check_text,
    get_or_404,
    moved_on,
    names_of,
    raise_if,
)
from core.council.models import Gathering, Idea
from core.council.types import ACTED_ON, IDEA_STATUSES, OPEN_IDEAS, IdeaDraft, IdeaRow
from core.kernel.edits import checked_edit
from core.kernel.errors import Problem


def raise_idea(session: Session, text: str, *, raised_on: dt.date,
               raised_by_id: int | None = None, meeting_id: int | None = None) -> IdeaRow:
    """Record an idea (heard). Raises Invalid naming `text`."""
    problems: list[Problem] = []
    check_text(problems, "text", text, 5000)
    raise_if(problems)
    if meeting_id is not None:
        moved_on(get_or_404(session, Gathering, "council meeting", meeting_id))
    idea = Idea(text=text.strip(), raised_on=raised_on, raised_by_id=raised_by_id,
                gathering_id=meeting_id, status=IDEA_STATUSES[0], response="",
                status_changed_on=raised_on)
    session.add(idea)
    session.flush()
    return _rows(session, [idea])[0]


def set_idea_status(session: Session, idea_id: int, status: str, *, on: dt.date,
                    response: str | None = None, base: IdeaDraft | None = None,
                    base_version: int | None = None) -> IdeaRow:
    """Move an idea along (heard, considering, planned, done, declined) on `on`, with the
    response the council is told (None keeps the one stored). With `base` and
    `base_version` (the idea as the person opened it), another desk's answer meanwhile is
    merged in, or raises EditConflict when it changed the same values differently."""
    return _edit_idea(session, idea_id, on=on, base=base, base_version=base_version,
                      status=status, response=response)


def update_idea(session: Session, idea_id: int, text: str, *, base: IdeaDraft | None = None,
                base_version: int | None = None) -> IdeaRow:
    """Change an idea's words (merged with another desk's save as set_idea_status is)."""
    return _edit_idea(session, idea_id, on=dt.date.today(), base=base,
                      base_version=base_version, text=text)


def _edit_idea(session: Session, idea_id: int, *, on: dt.date, base: IdeaDraft | None,
               base_version: int | None, text: str | None = None, status: str | None = None,
               response: str | None = None) -> IdeaRow:
    idea: Idea = get_or_404(session, Idea, "idea", idea_id)
    problems: list[Problem] = []
    if text is not None:
        check_text(problems, "text", text, 5000)
    if status is not None:
        check_choice(problems, "status", status, IDEA_STATUSES)
    if response is not None:
        check_text(problems, "response", response, 5000, required=False)
    raise_if(problems)
    stored = IdeaDraft(idea.text, idea.status, idea.response)
    opened = base or stored
    mine = IdeaDraft(opened.text if text is None else text.strip(),
                     opened.status if status is None else status,
                     opened.response if response is None else response.strip())
    merged = checked_edit("idea", idea_id, base=base, base_version=base_version, mine=mine,
                          theirs=stored, version=idea.version)
    if merged.status != idea.status:
        idea.status, idea.status_changed_on = merged.status, on
    idea.text, idea.response = merged.text, merged.response
    session.flush()
    return _rows(session, [idea])[0]


def remove_idea(session: Session, idea_id: int) -> None:
    idea: Idea = get_or_404(session, Idea, "idea", idea_id)
    if idea.gathering_id is not None:
        moved_on(get_or_404(session, Gathering, "council meeting", idea.gathering_id))
    session.delete(idea)
    session.flush()


def list_ideas(session: Session, *, open_only: bool = False) -> list[IdeaRow]:
    """The council's ideas, the newest first; `open_only`: heard, considering, planned."""
    query = select(Idea).order_by(Idea.raised_on.desc(), Idea.id.desc())
    if open_only:
        query = query.where(Idea.status.in_(OPEN_IDEAS))
    return _rows(session, list(session.scalars(query)))


def ideas_of_meeting(session: Session, meeting_id: int) -> list[IdeaRow]:
    return _rows(session, list(session.scalars(
        select(Idea).where(Idea.gathering_id == meeting_id).order_by(Idea.id))))


def ideas_acted_on(session: Session, *, after: dt.date | None,
                   through: dt.date) -> list[IdeaRow]:
    """Ideas that became planned or done after `after` (None: ever) and by `through`,
    oldest change first."""
    query = select(Idea).where(Idea.status.in_(ACTED_ON), Idea.status_changed_on <= through)
    if after is not None:
        query = query.where(Idea.status_changed_on > after)
    return _rows(session, list(session.scalars(
        query.order_by(Idea.status_changed_on, Idea.id))))


def _rows(session: Session, ideas: list[Idea]) -> list[IdeaRow]:
    names = names_of(session, [i.raised_by_id for i in ideas if i.raised_by_id is not None])
    return [IdeaRow(i.id, i.text, i.raised_by_id,
                    names.get(i.raised_by_id, "") if i.raised_by_id is not None else "",
                    i.raised_on, i.status, i.response, i.status_changed_on, i.gathering_id,
                    i.version)
            for i in ideas]
