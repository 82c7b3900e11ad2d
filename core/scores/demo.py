"""What `main.py demo` adds to listening: answers to satisfaction questions over the last
months, mostly happy, some unhappy (their call-backs then show in Today), with the kind
of comments a shop really gets."""
from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from core.customers.tables import CUSTOMERS
from core.kernel.changes import Changes
from core.scores.tables import SCORES
from core.scores.types import CHANNELS, CSAT, DEFAULT_QUESTIONS, NPS, PAPER, PHONE
from core.store.changes import note_changes

ANSWERED_SHARE = 0.15  # of the customers seen in the last half year
OVER_DAYS = 180

_PRAISE = ("Always friendly, and the coffee is the best on the street.",
           "The sourdough is worth the trip across town.",
           "Hannah remembered my order. Little things like that matter.",
           "Lovely cake for my daughter's birthday, thank you!",
           "", "", "")
_MIDDLE = ("Good, but the queue on Saturday was long.",
           "Nice bread; a little pricey.", "", "")
_COMPLAINTS = ("The croissants were stale on Sunday.",
               "Waited 20 minutes for a cake that was ordered a week ago.",
               "Staff seemed rushed and nobody said hello.",
               "The gluten-free loaf was out again.", "")


def add_demo_scores(session: Session, today: dt.date, rng: random.Random) -> int:
    """Scores for a share of the customers who came in during the last half year;
    returns how many were added."""
    c = CUSTOMERS.c
    since = today - dt.timedelta(days=OVER_DAYS)
    seen = session.execute(
        select(c.id, c.last_interaction_on)
        .where(c.deleted_at.is_(None), c.last_interaction_on >= since)
        .order_by(c.id)).all()
    rows = []
    now = dt.datetime.combine(today, dt.time(9))
    for customer_id, last_seen in seen:
        if rng.random() >= ANSWERED_SHARE:
            continue
        for _answer in range(1 + (rng.random() < 0.25)):
            scale = NPS if rng.random() < 0.7 else CSAT
            score, comment = _answer_of(scale, rng)
            back = rng.randrange(0, max(1, (today - last_seen).days + 1) + 30)
            answered_on = min(today, last_seen + dt.timedelta(days=rng.randrange(0, 8)),
                              today - dt.timedelta(days=back % 60))
            rows.append({
                "customer_id": customer_id, "scale": scale, "score": score,
                "question": DEFAULT_QUESTIONS[scale], "answered_on": answered_on,
                "channel": rng.choice((*CHANNELS, PAPER)), "comment": comment,
                "created_at": now,
            })
    # This week's unhappy answers, so that Today has a call back to make.
    for days_ago, (scale, score) in ((1, (NPS, 3)), (0, (CSAT, 2))):
        if seen:
            customer_id = seen[rng.randrange(len(seen))][0]
            rows.append({
                "customer_id": customer_id, "scale": scale, "score": score,
                "question": DEFAULT_QUESTIONS[scale], "channel": PHONE,
                "answered_on": today - dt.timedelta(days=days_ago),
                "comment": rng.choice([c for c in _COMPLAINTS if c]), "created_at": now,
            })
    if rows:
        session.execute(insert(SCORES), rows)
        note_changes(session, Changes(scores=True))
    return len(rows)


def _answer_of(scale: str, rng: random.Random) -> tuple[int, str]:
    roll = rng.random()
    if scale == NPS:
        if roll < 0.58:
            return rng.choice((9, 10, 10)), rng.choice(_PRAISE)
        if roll < 0.82:
            return rng.choice((7, 8)), rng.choice(_MIDDLE)
        return rng.choice((2, 4, 5, 6, 6)), rng.choice(_COMPLAINTS)
    if roll < 0.75:
        return rng.choice((4, 5, 5)), rng.choice(_PRAISE)
    if roll < 0.88:
        return 3, rng.choice(_MIDDLE)
    return rng.choice((1, 2)), rng.choice(_COMPLAINTS)
