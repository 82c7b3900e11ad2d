"""The testimonials' reminders on Today (each its own rule module, sharing this one):

- release_reconfirm: a signed release ends within 30 days: ask the customer whether they
  still stand by their words (old testimonials mislead), and sign a new release;
- release_form_back: a release form was printed and has not come back signed or declined
  after 14 days: ask for it;
- takedown: a release was revoked or has expired and its testimonial is still in use
  somewhere: take it down (the action stays until every place is ticked off).

Each occasion is a day in the testimonial's release (its end, the day the form was
printed, the day it ended), and each rule's `prepare` removes the open actions whose
occasion no longer holds (the form came back, the release was renewed or revoked, the
last place was ticked off).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from core.program.models import Action
from core.program.rules import CALL, Occasion, Span
from core.program.rules.common import CUSTOMERS, willing
from core.program.settings import ProgramSettings
from core.testimonials.tables import TESTIMONIAL_USES, TESTIMONIALS

RECONFIRM = "release_reconfirm"
FORM_BACK = "release_form_back"
TAKEDOWN = "takedown"

_T = TESTIMONIALS.c
_U = TESTIMONIAL_USES.c


def _ended_on() -> Any:
    """The day a release ended: revoked, or its end date."""
    return func.coalesce(_T.revoked_on, _T.release_until)


def _ended() -> Any:
    return or_(_T.release_state.in_(("revoked", "expired")),
               and_(_T.release_state == "signed", _T.release_until.is_not(None)))


def _pairs(rule: str, session: Session) -> set[tuple[int, dt.date]]:
    """(customer, occasion day) of every occasion of `rule` that holds now."""
    if rule == RECONFIRM:
        query = select(_T.customer_id, _T.release_until).where(
            _T.release_state == "signed", _T.release_until.is_not(None))
    elif rule == FORM_BACK:
        query = select(_T.customer_id, _T.requested_on).where(
            _T.release_state == "requested", _T.requested_on.is_not(None))
    else:
        in_use = select(_U.testimonial_id).where(_U.removed_on.is_(None))
        query = select(_T.customer_id, _ended_on()).where(_ended(), _T.id.in_(in_use))
    return {(int(c), d) for c, d in session.execute(query) if d is not None}


def withdraw_stale(rule: str) -> Any:
    """A `prepare` that removes the open actions of `rule` whose occasion is gone."""
    def prepare(session: Session) -> None:
        open_ones = session.execute(select(Action.id, Action.customer_id, Action.occasion_on)
                                    .where(Action.rule == rule, Action.state == "open")).all()
        if not open_ones:
            return
        holding = _pairs(rule, session)
        stale = [a.id for a in open_ones if (a.customer_id, a.occasion_on) not in holding]
        if stale:
            session.execute(delete(Action).where(Action.id.in_(stale)))
    return prepare


def open_until_taken_down(session: Session) -> None:
    """The take-down `prepare`: the stale open ones go (withdraw_stale), and one marked
    done or skipped on Today while a place still shows the words opens again: only
    ticking each place off on the checklist ends it."""
    withdraw_stale(TAKEDOWN)(session)
    closed = session.execute(select(Action.id, Action.customer_id, Action.occasion_on)
                             .where(Action.rule == TAKEDOWN,
                                    Action.state.in_(("done", "skipped")))).all()
    if not closed:
        return
    holding = _pairs(TAKEDOWN, session)
    still = [a.id for a in closed if (a.customer_id, a.occasion_on) in holding]
    if still:
        session.execute(update(Action).where(Action.id.in_(still)).values(
            state="open", completed_at=None, completed_by="", note=""))


def _customers(span: Span) -> list[Any]:
    return [] if span.customers is None else [_T.customer_id.in_(sorted(span.customers))]


def _first_of_each_day(session: Session, span: Span, state: str, day: Any
                       ) -> Iterator[Occasion]:
    """One occasion per customer and `day` (a column) in the span, for testimonials whose
    release is `state`, naming the first testimonial; customers willing to be called."""
    query = (select(_T.customer_id, day, func.min(_T.id))
             .join(CUSTOMERS, CUSTOMERS.c.id == _T.customer_id)
             .where(_T.release_state == state, day.between(span.first, span.last),
                    willing(CALL, span), *_customers(span))
             .group_by(_T.customer_id, day))
    for customer_id, on, first_id in session.execute(query):
        yield Occasion(customer_id, on, str(first_id))


def releases_ending(session: Session, span: Span,
                    _settings: ProgramSettings) -> Iterator[Occasion]:
    return _first_of_each_day(session, span, "signed", _T.release_until)


def forms_out(session: Session, span: Span, _settings: ProgramSettings) -> Iterator[Occasion]:
    return _first_of_each_day(session, span, "requested", _T.requested_on)


def takedowns(session: Session, span: Span, _settings: ProgramSettings) -> Iterator[Occasion]:
    """Not held back by any opt-out: taking a testimonial down is the business's duty,
    not a gesture to the customer (only the trash leaves it out)."""
    ended_on = _ended_on()
    query = (select(_T.customer_id, ended_on, func.count(_U.id))
             .join(TESTIMONIAL_USES, _U.testimonial_id == _T.id)
             .join(CUSTOMERS, CUSTOMERS.c.id == _T.customer_id)
             .where(_ended(), _U.removed_on.is_(None), ended_on.between(span.first, span.last),
                    CUSTOMERS.c.deleted_at.is_(None), *_customers(span))
             .group_by(_T.customer_id, ended_on))
    for customer_id, ended, places in session.execute(query):
        yield Occasion(customer_id, ended, str(places))


__all__ = ["FORM_BACK", "RECONFIRM", "TAKEDOWN", "forms_out", "open_until_taken_down",
           "releases_ending", "takedowns", "withdraw_stale"]
