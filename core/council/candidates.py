"""Candidates for the council, suggested from the customer list with the reason for each.

Ranked by lifetime value, how often they come, how long they have been customers, the
referrals they made, their latest NPS answer (core.scores) and whether they gave a
testimonial (core.testimonials). Left out: customers with a complaint still open
(core.complaints), in the trash, left out of all campaigns or asked for no mail (an
invitation is a letter), prospects who never came, and those already on the term being
filled.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace

from sqlalchemy import exists, false, func, select
from sqlalchemy.orm import Session

from core.complaints.tables import COMPLAINTS
from core.complaints.types import UNRESOLVED
from core.council.models import Member
from core.council.types import DECLINED, Candidate
from core.customers.tables import CUSTOMERS
from core.customers.types import display_name
from core.scores.tables import SCORES
from core.scores.types import NPS, PROMOTER_LOWEST
from core.testimonials.tables import TESTIMONIALS

NEWER_DAYS = 365  # a customer for less than a year counts as newer in a mix
# How much each signal weighs in the score (each signal is scaled to 0..1).
WEIGHTS = {"value": 0.3, "frequency": 0.2, "tenure": 0.15, "referrals": 0.15,
           "satisfaction": 0.1, "testimonial": 0.1}


@dataclass(frozen=True)
class _Customer:
    id: int
    name: str
    value: int
    visits: int
    since: dt.date | None
    referrals: int
    nps: int | None = None  # their latest NPS answer
    testimonial: bool = False  # they gave one (whatever became of its release)


def suggest_candidates(session: Session, today: dt.date, *, limit: int = 20, newer: int = 0,
                       term_id: int | None = None) -> list[Candidate]:
    """The best `limit` candidates, best first. With `newer`, that many of the places go
    to the best of the customers who came in the last year (the rest to the most loyal).
    With `term_id`, those already on that term (unless they declined) are left out."""
    people = _eligible(session, term_id)
    if not people:
        return []
    ranked = _scored(people, today)
    loyal_places = max(0, limit - newer)
    cutoff = today - dt.timedelta(days=NEWER_DAYS)
    is_newer = {c.customer_id for c in ranked
                if c.customer_since is not None and c.customer_since >= cutoff}
    chosen = [c for c in ranked if c.customer_id not in is_newer][:loyal_places] if newer \
        else ranked[:limit]
    if newer:
        fresh = [replace(c, newer=True, reason=_with_newer(c))
                 for c in ranked if c.customer_id in is_newer][:newer]
        chosen += fresh
        if len(chosen) < limit:  # too few newer customers: fill with the loyal
            taken = {c.customer_id for c in chosen}
            chosen += [c for c in ranked if c.customer_id not in taken][:limit - len(chosen)]
    return chosen


def _with_newer(candidate: Candidate) -> str:
    since = candidate.customer_since
    assert since is not None
    return f"newer customer (since {since:%B %Y})" + (
        f"; {candidate.reason}" if candidate.reason else "")


def _eligible(session: Session, term_id: int | None) -> list[_Customer]:
    c = CUSTOMERS.c
    referred = CUSTOMERS.alias("referred")
    referrals = (select(referred.c.referred_by_id.label("referrer"),
                        func.count().label("count"))
                 .where(referred.c.referred_by_id.is_not(None), referred.c.deleted_at.is_(None))
                 .group_by(referred.c.referred_by_id).subquery())
    gave = exists().where(TESTIMONIALS.c.customer_id == c.id)
    query = (select(c.id, c.first_name, c.last_name, c.organisation, c.lifetime_value_minor,
                    c.visit_count, c.customer_since, func.coalesce(referrals.c.count, 0),
                    gave)
             .outerjoin(referrals, referrals.c.referrer == c.id)
             .where(c.deleted_at.is_(None), c.no_campaigns == false(), c.no_mail == false(),
                    c.visit_count > 0, ~exists().where(
                        COMPLAINTS.c.customer_id == c.id,
                        COMPLAINTS.c.status.in_(UNRESOLVED))))
    if term_id is not None:
        on_term = select(Member.customer_id).where(Member.term_id == term_id,
                                                   Member.status != DECLINED)
        query = query.where(c.id.not_in(on_term))
    latest = _latest_nps(session)
    return [_Customer(r[0], display_name(r[1], r[2], r[3]), r[4] or 0, r[5] or 0, r[6],
                      r[7] or 0, latest.get(r[0]), bool(r[8])) for r in session.execute(query)]


def _latest_nps(session: Session) -> dict[int, int]:
    """Each customer's latest NPS answer (core.scores), oldest first so the latest wins."""
    s = SCORES.c
    return {customer_id: score for customer_id, score in session.execute(
        select(s.customer_id, s.score).where(s.scale == NPS)
        .order_by(s.answered_on, s.id))}


def _scored(people: list[_Customer], today: dt.date) -> list[Candidate]:
    by_value = sorted(people, key=lambda p: (-p.value, p.id))
    rank = {p.id: i for i, p in enumerate(by_value)}
    count = len(people)
    frequency = {p.id: _visits_a_year(p, today) for p in people}
    most_often = max(frequency.values()) or 1.0
    candidates = []
    for p in people:
        top_share = (rank[p.id] + 1) / count
        years = _years(p.since, today)
        signals = {
            "value": 1 - rank[p.id] / count if p.value > 0 else 0.0,
            "frequency": frequency[p.id] / most_often,
            "tenure": min(years, 10) / 10,
            "referrals": min(p.referrals, 3) / 3,
            "satisfaction": p.nps / 10 if p.nps is not None else 0.5,
            "testimonial": 1.0 if p.testimonial else 0.0,
        }
        score = sum(WEIGHTS[key] * value for key, value in signals.items())
        candidates.append(Candidate(
            p.id, p.name, round(score, 4), _reason(p, top_share, frequency[p.id], years),
            p.value, p.visits, p.since, p.referrals, p.nps))
    candidates.sort(key=lambda c: (-c.score, -c.lifetime_value_minor, c.customer_id))
    return candidates


def _years(since: dt.date | None, today: dt.date) -> float:
    return max(0.0, (today - since).days / 365.25) if since else 0.0


def _visits_a_year(p: _Customer, today: dt.date) -> float:
    years = max(_years(p.since, today), 0.25)  # a new customer's first weeks do not count 50×
    return p.visits / years


def _reason(p: _Customer, top_share: float, per_year: float, years: float) -> str:
    parts = []
    if p.value > 0 and top_share <= 0.25:
        parts.append(f"top {max(1, math.ceil(top_share * 100))}% by lifetime value")
    if per_year >= 6:
        parts.append(f"comes about {round(per_year)} times a year")
    if years >= 2 and p.since is not None:
        parts.append(f"a customer since {p.since.year}")
    if p.referrals:
        parts.append(f"{p.referrals} referral{'s' if p.referrals != 1 else ''}")
    if p.nps is not None and p.nps >= PROMOTER_LOWEST:
        parts.append(f"NPS {p.nps}")
    if p.testimonial:
        parts.append("gave a testimonial")
    if not parts:
        parts.append(f"{p.visits} visit{'s' if p.visits != 1 else ''}")
    return "; ".join(parts)
