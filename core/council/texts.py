"""The council's words for people that go on paper: dates and times in the business's
locale, and the blocks of text its letters merge in (the agenda, the meeting notes, the
ideas of a "you said, we did" letter). Plain text: blank lines part the paragraphs."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from core.council.types import (
    ABSENT,
    APOLOGIES,
    DECLINED_IDEA,
    DONE,
    PLANNED,
    PRESENT,
    CouncilActionRow,
    IdeaRow,
    MeetingDetail,
)

BULLET = "\u2022"
DASH = "\u2013"


def long_date(day: dt.date, locale: str) -> str:
    """"Tuesday, 9 March 2027" (in the locale's own order and words)."""
    from babel import UnknownLocaleError
    from babel.dates import format_date

    try:
        return str(format_date(day, format="full", locale=locale or "en_US"))
    except (UnknownLocaleError, ValueError):
        return day.isoformat()


def day_month_year(day: dt.date, locale: str) -> str:
    """"9 March 2027" (no weekday)."""
    from babel import UnknownLocaleError
    from babel.dates import format_date

    try:
        return str(format_date(day, format="long", locale=locale or "en_US"))
    except (UnknownLocaleError, ValueError):
        return day.isoformat()


def medium_date(day: dt.date, locale: str) -> str:
    """"9 Mar 2027"."""
    from babel import UnknownLocaleError
    from babel.dates import format_date

    try:
        return str(format_date(day, format="medium", locale=locale or "en_US"))
    except (UnknownLocaleError, ValueError):
        return day.isoformat()


def short_time(hhmm: str, locale: str) -> str:
    """"18:30" as the locale writes it ("6:30 PM"); "" for no time."""
    if not hhmm:
        return ""
    from babel import UnknownLocaleError
    from babel.dates import format_time

    hour, minute = (int(part) for part in hhmm.split(":"))
    try:
        return str(format_time(dt.time(hour, minute), format="short",
                               locale=locale or "en_US")).replace("\u202f", " ")
    except (UnknownLocaleError, ValueError):
        return hhmm


def names_list(names: Sequence[str]) -> str:
    """"Ana, Ben and Chloé"."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def meeting_agenda_text(detail: MeetingDetail) -> str:
    """The agenda, one numbered line per item."""
    if not detail.agenda:
        return "The agenda follows."
    return "\n".join(f"{item.position}. {item.title}" for item in detail.agenda)


def _action_line(action: CouncilActionRow, locale: str) -> str:
    who = f" {DASH} {action.owner}" if action.owner else ""
    due = f", by {medium_date(action.due_on, locale)}" if action.due_on else ""
    done = f" (done {medium_date(action.done_on, locale)})" if action.done_on else ""
    return f"{BULLET} {action.text}{who}{due}{done}"


def meeting_notes_text(detail: MeetingDetail, locale: str) -> str:
    """The minutes as the notes letter prints them: who came, each agenda item with its
    minutes, the decisions, the actions (and those still open from earlier meetings),
    and the ideas raised."""
    blocks: list[str] = []
    by_mark: dict[str, list[str]] = {PRESENT: [], APOLOGIES: [], ABSENT: []}
    for row in detail.attendance:
        if row.attendance in by_mark:
            by_mark[row.attendance].append(row.name)
    people = [f"Present: {names_list(by_mark[PRESENT])}." if by_mark[PRESENT]
              else "Present: nobody was recorded."]
    if by_mark[APOLOGIES]:
        people.append(f"Apologies: {names_list(by_mark[APOLOGIES])}.")
    if by_mark[ABSENT]:
        people.append(f"Absent: {names_list(by_mark[ABSENT])}.")
    blocks.append("\n".join(people))
    for item in detail.agenda:
        lines = [f"{item.position}. {item.title}"]
        if item.minutes:
            lines.append(item.minutes)
        if item.left_open:
            lines.append("We will come back to this at our next meeting.")
        blocks.append("\n".join(lines))
    if detail.decisions:
        blocks.append("\n".join(["DECISIONS"] + [f"{BULLET} {d.text}"
                                                 for d in detail.decisions]))
    if detail.actions:
        blocks.append("\n".join(["ACTIONS"] + [_action_line(a, locale)
                                               for a in detail.actions]))
    if detail.open_actions:
        blocks.append("\n".join(["STILL OPEN FROM EARLIER MEETINGS"]
                                + [_action_line(a, locale) for a in detail.open_actions]))
    if detail.ideas:
        blocks.append("\n".join(["IDEAS WE HEARD"] + [
            f"{BULLET} {i.text}" + (f" ({i.raised_by})" if i.raised_by else "")
            for i in detail.ideas]))
    return "\n\n".join(blocks)


_DID = {PLANNED: "What we are doing", DONE: "What we did",
        DECLINED_IDEA: "What we decided"}


def ideas_text(ideas: Sequence[IdeaRow], reader_id: int, locale: str) -> str:
    """One block per idea: what was said, by whom and when, then what we did."""
    blocks = []
    for idea in ideas:
        by = "your idea" if idea.raised_by_id == reader_id else (
            f"{idea.raised_by}'s idea" if idea.raised_by else "raised at the council")
        when = idea.raised_on.strftime("%B %Y") if locale.startswith("en") else medium_date(
            idea.raised_on, locale)
        response = idea.response or ("It is done." if idea.status == DONE
                                     else "We are going to do it.")
        blocks.append(f"You said: {idea.text} ({by}, {when}).\n"
                      f"{_DID.get(idea.status, 'What we did')}: {response}")
    return "\n\n".join(blocks)
