"""Demo data: a database full of realistic customers and their history, for trying the app.

Rows are made by core/demo_maker.py and written in bulk with ids chosen there, so
100,000 customers take seconds, not minutes, and referrals and interactions point at
customers without asking the database for ids. One transaction: a cancelled or failed
run leaves the database as it was.
"""
from __future__ import annotations

import datetime as dt
import logging
import random

from sqlalchemy.orm import Session

from core.complaints.services import add_demo_listening
from core.council.services import add_council_demo
from core.customers.services import (
    insert_customer_batch,
    insert_tags,
    next_ids,
    read_tag_ids,
    refresh_customer_stats,
)
from core.demo import data as demo_data
from core.demo.maker import Batch, DemoMaker
from core.kernel.changes import Changes
from core.kernel.jobs import CancelCheck, Cancelled, Progress, never_cancelled, no_progress
from core.program.services import play_program_backlog
from core.scores.services import add_demo_scores
from core.settings.services import (
    business_profile_saved,
    get_business_profile,
    save_business_profile,
)
from core.settings.types import BusinessProfileData
from core.store.changes import note_changes
from core.store.db import Database
from core.store.dialects import dialect_for
from core.testimonials.services import add_demo_testimonials

log = logging.getLogger(__name__)

CHUNK_SIZE = 5_000

DEMO_PROFILE = BusinessProfileData(
    name="Maple & Rye Bakery", street="412 Alder Street", city="Portland", state="OR",
    postal_code="97205",
    country="United States", phone="+15035550142", email="hello@maplerye.example.com",
    signature_name="Hannah Whitfield", region="US", locale="en_US", currency="USD",
)


def generate_demo(
    db: Database,
    *,
    customers: int,
    seed: int = 1,
    progress: Progress = no_progress,
    is_cancelled: CancelCheck = never_cancelled,
    today: dt.date | None = None,
) -> int:
    """Add `customers` demo customers with moments, interactions, referrals, tags and a few
    duplicates; returns how many were added. Names and history depend only on `seed`
    (dates are counted back from `today`). Stores a demo business profile if there is none.
    Raises Cancelled, having written nothing, when `is_cancelled()` turns true."""
    if customers < 0:
        raise ValueError("customers must not be negative")
    today = today or dt.date.today()
    with db.unit_of_work() as session:
        profile = _ensure_profile(session)
        maker = DemoMaker(random.Random(seed), today, profile, next_ids(session))
        maker.tag_ids = _ensure_tags(session, maker.next_tag_id)
        done = 0
        with dialect_for(db.dialect).bulk_indexing(session.connection()):
            while done < customers:
                if is_cancelled():
                    raise Cancelled()
                count = min(CHUNK_SIZE, customers - done)
                _insert(session, maker.batch(count))
                done += count
                progress(done, customers)
        if is_cancelled():
            raise Cancelled()
        # Rows went in with explicit ids, into tables the planner last saw (nearly) empty.
        dialect_for(db.dialect).after_bulk_load(
            session.connection(), ("customers", "interactions", "moments", "tags"))
        refresh_customer_stats(session, None, today=today)
        add_demo_listening(session, today, random.Random(seed))
        add_council_demo(session, today, random.Random(seed))
        add_demo_scores(session, today, random.Random(seed))
        play_program_backlog(session, today, random.Random(seed))
        # After the backlog: their reminders (a form not back, a release ending, places to
        # take down) are still to do on Today.
        add_demo_testimonials(session, today, random.Random(seed))
        note_changes(session, Changes(customers=True, interactions=True, actions=True,
                                      council=True, scores=True, testimonials=True,
                                      listening=True))
    log.info("created %d demo customers (seed %d)", customers, seed)
    return customers


def _ensure_profile(session: Session) -> BusinessProfileData:
    if not business_profile_saved(session):
        return save_business_profile(session, DEMO_PROFILE)
    return get_business_profile(session)


def _ensure_tags(session: Session, next_id: int) -> dict[str, int]:
    tag_ids = read_tag_ids(session)
    new = []
    for name in demo_data.TAGS:
        if name not in tag_ids:
            tag_ids[name] = next_id
            new.append({"id": next_id, "name": name})
            next_id += 1
    if new:
        insert_tags(session, new)
    return {name: tag_ids[name] for name in demo_data.TAGS}


def _insert(session: Session, batch: Batch) -> None:
    insert_customer_batch(session, customers=batch.customers,
                          customer_tags=batch.customer_tags, interactions=batch.interactions,
                          moments=batch.moments)
