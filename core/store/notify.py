"""Live refresh between desks: what one desk commits reaches the others within a second.

On a server, every unit of work that changed something sends the same `Changes` value the
desk's own pages get, as a PostgreSQL NOTIFY in its transaction (so it is delivered only
if, and when, the transaction commits). Each other desk LISTENs on a connection of its own
and hands what arrives to its pages (gui.shell.operations), which refresh only what they
show. A desk ignores its own notifications: its pages heard of the change already.
"""
from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from core.kernel.changes import Changes

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from core.store.db import Database

log = logging.getLogger(__name__)

CHANNEL = "regulars_changes"
MAX_PAYLOAD_BYTES = 7000  # PostgreSQL takes 8000; past that the ids go ("any customer")
LISTEN_TURN_SECONDS = 0.5  # how often the listener looks whether it should stop
RECONNECT_SECONDS = 2.0

_FLAGS = tuple(f.name for f in fields(Changes) if f.name != "customer_ids")


def encode(changes: Changes, sender: str) -> str:
    body: dict[str, Any] = {"from": sender,
                            "flags": [name for name in _FLAGS if getattr(changes, name)],
                            "ids": sorted(changes.customer_ids)}
    text = json.dumps(body, separators=(",", ":"))
    if len(text) > MAX_PAYLOAD_BYTES:
        body["ids"] = []
        text = json.dumps(body, separators=(",", ":"))
    return text


def decode(payload: str) -> tuple[str, Changes] | None:
    """The sender and its Changes; None for a payload this version cannot read."""
    try:
        body = json.loads(payload)
        flags = {name: True for name in body["flags"] if name in _FLAGS}
        ids = frozenset(int(i) for i in body["ids"])
        return str(body["from"]), Changes(**flags, customer_ids=ids)
    except (ValueError, KeyError, TypeError):
        log.warning("a notification this version cannot read: %.80s", payload)
        return None


def send_before_commit(session: Session, sender: str) -> None:
    """The session event: NOTIFY what this unit of work changed, inside its transaction."""
    from sqlalchemy import text

    from core.store.changes import collected_changes

    session.flush()  # what the commit would flush is part of what changed
    changes = collected_changes(session)
    if changes:
        session.connection().execute(text("SELECT pg_notify(:channel, :payload)"),
                                     {"channel": CHANNEL, "payload": encode(changes, sender)})


def listen_for_changes(db: Database, deliver: Callable[[Changes], None],
                       should_stop: Callable[[], bool],
                       listening: Callable[[], None] = lambda: None) -> None:
    """Until `should_stop()`: hand every other desk's Changes to `deliver` (on this thread);
    `listening()` once the server listens for us. A lost connection is made again (the
    server restarted, say); meanwhile nothing comes."""
    import psycopg

    while not should_stop():
        try:
            with db.new_listening_connection() as conn:
                conn.execute(f"LISTEN {CHANNEL}")
                log.info("listening for other desks' changes")
                listening()
                while not should_stop():
                    for note in conn.notifies(timeout=LISTEN_TURN_SECONDS):
                        decoded = decode(note.payload)
                        if decoded is not None and decoded[0] != db.desk_token:
                            deliver(decoded[1])
        except psycopg.Error as exc:
            from core.store.servers import NO_DATABASE, problem_of

            if problem_of(exc).kind == NO_DATABASE:  # dropped: nothing left to hear
                log.info("the database is gone; no longer listening")
                return
            log.warning("no longer hearing other desks' changes (%s); trying again",
                        type(exc).__name__)
            time.sleep(RECONNECT_SECONDS)
