"""A realistic backlog for the demo shop: the program played over its last four weeks."""
from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.program.evaluate import DONE, OPEN, SKIPPED, evaluate_program
from core.program.models import Action

WEEKS = 4
MADE_SHARE = 0.8  # of the gestures due each week, made (mostly on time) ...
SKIPPED_SHARE = 0.08  # ... skipped; the rest left overdue, or missed when too late
SKIP_REASONS = ("moved away", "already thanked in person", "address bounced")
SIGNED_BY = ("Hannah", "Sam")


def play_program_backlog(session: Session, today: dt.date, rng: random.Random) -> None:
    """The program as if it had run for four weeks, worked through once a week: most
    gestures made, a few skipped, some left overdue; this week's still to do."""
    start = today - dt.timedelta(weeks=WEEKS)
    evaluate_program(session, start)
    for week in range(1, WEEKS + 1):
        day = start + dt.timedelta(weeks=week)
        evaluate_program(session, day)
        # Worked through each week; this week's up to two days ago.
        _work_through(session, min(day, today - dt.timedelta(days=2)), rng)


def _work_through(session: Session, day: dt.date, rng: random.Random) -> None:
    due = session.execute(
        select(Action.id, Action.due_on).where(Action.state == OPEN, Action.due_on <= day,
                                               Action.joined_to_id.is_(None))
    ).all()
    for action_id, due_on in due:
        roll = rng.random()
        if roll < MADE_SHARE:
            made = min(due_on + dt.timedelta(days=rng.choice((-2, -1, -1, 0, 0, 0, 1, 3))), day)
            values = {"state": DONE, "completed_by": rng.choice(SIGNED_BY),
                      "completed_at": dt.datetime.combine(made, dt.time(10, rng.randrange(60)))}
        elif roll < MADE_SHARE + SKIPPED_SHARE:
            values = {"state": SKIPPED, "note": rng.choice(SKIP_REASONS),
                      "completed_by": rng.choice(SIGNED_BY),
                      "completed_at": dt.datetime.combine(day, dt.time(9))}
        else:
            continue
        session.execute(update(Action).where(
            (Action.id == action_id) | (Action.joined_to_id == action_id)).values(**values))
