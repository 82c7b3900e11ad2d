"""The release's lifecycle: the form printed (requested), signed with the scope the
customer ticked, declined, withdrawn (revoked), expired on its end date. Each move goes
into the testimonial's history with who made it and when.

A move made from a screen carries the release as the person saw it and the testimonial's
version (`base`, `base_version`). When another desk saved the testimonial meanwhile, its
change is kept: a change elsewhere (the words, the rating, the form printed there) does not
stop the move; the same move recorded there already is not recorded twice; a different one
(signed here, declined there; signed with other places ticked) raises EditConflict over the
release, and nothing is written, not even in the history: a consent is a fact on paper,
for the person to look at again, not two values to merge.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.kernel.edits import checked_edit
from core.kernel.errors import Invalid, Problem
from core.testimonials.errors import (
    BEFORE_SIGNING,
    INVALID_CHOICE,
    REQUIRED,
    WrongReleaseState,
)
from core.testimonials.lifecycle import add_attachment, load_testimonial, record_event
from core.testimonials.models import Testimonial
from core.testimonials.queries import takedown_checklist
from core.testimonials.records import release_of, state_on
from core.testimonials.types import (
    CHANNELS,
    DECLINED,
    DECLINED_EVENT,
    EXPIRED,
    EXPIRED_EVENT,
    FORM_PRINTED,
    NAMINGS,
    NOT_REQUESTED,
    REQUESTED,
    REVOKED,
    REVOKED_EVENT,
    SIGNED,
    SIGNED_EVENT,
    SIGNED_FORM,
    ReleaseRecord,
    ReleaseScope,
    TakedownItem,
)

RELEASE = "testimonial release"  # EditConflict.kind of a release move that clashed


def _transition(row: Testimonial, wanted: str, allowed: tuple[str, ...],
                today: dt.date) -> None:
    state = state_on(row.release_state, row.release_until, today)
    if state not in allowed:
        raise WrongReleaseState(row.id, state, wanted, allowed)


def _checked_move(row: Testimonial, base: ReleaseRecord | None, base_version: int | None,
                  move: Callable[[ReleaseRecord], ReleaseRecord]) -> bool:
    """Whether to make the move the person made on `base` (the release as they saw it, at
    `base_version`): True when nobody saved meanwhile or their change does not touch it;
    False when it is already recorded just so. Raises EditConflict when the release was
    recorded otherwise meanwhile."""
    if base is None or base_version is None or base_version == row.version:
        return True
    theirs = release_of(row)
    if theirs.state == REQUESTED and base.state in (NOT_REQUESTED, REQUESTED):
        # A form printed meanwhile asks for the very answer this move records.
        base = dataclasses.replace(base, state=REQUESTED, requested_on=theirs.requested_on)
    merged = checked_edit(RELEASE, row.id, base=base, base_version=base_version,
                          mine=move(base), theirs=theirs, version=row.version)
    return merged != theirs


def mark_release_requested(session: Session, testimonial_ids: Iterable[int], *,
                           on: dt.date, by: str = "",
                           printed: Mapping[int, int] | None = None) -> tuple[int, ...]:
    """The release form was printed for these testimonials on `on`: those not yet signed
    or declined become requested (printing again moves the date: the form went out
    again). With `printed` (each testimonial's version as its form was printed), one
    saved since is left as it is: its form may show what it no longer says. Returns the
    ids whose release is now requested."""
    requested = []
    for testimonial_id in dict.fromkeys(testimonial_ids):
        row = load_testimonial(session, testimonial_id)
        if row.release_state not in (NOT_REQUESTED, REQUESTED):
            continue
        if printed is not None and printed.get(testimonial_id, row.version) != row.version:
            continue
        again = row.release_state == REQUESTED
        row.release_state, row.requested_on = REQUESTED, on
        row.updated_at = dt.datetime.now()
        record_event(session, row.id, FORM_PRINTED, by,
                     f"{'printed again' if again else 'printed'} {on.isoformat()}")
        requested.append(row.id)
    session.flush()
    return tuple(requested)


def _check_scope(scope: ReleaseScope, signed_on: dt.date) -> None:
    problems = []
    if not scope.channels:
        problems.append(Problem("channels", REQUIRED))
    problems += [Problem("channels", INVALID_CHOICE, c) for c in scope.channels
                 if c not in CHANNELS]
    if scope.naming not in NAMINGS:
        problems.append(Problem("naming", INVALID_CHOICE, scope.naming))
    if scope.until is not None and scope.until <= signed_on:
        problems.append(Problem("until", BEFORE_SIGNING, scope.until.isoformat()))
    if problems:
        raise Invalid(problems)


def _scope_detail(scope: ReleaseScope) -> str:
    until = scope.until.isoformat() if scope.until else "until revoked"
    return (f"channels: {', '.join(scope.channels)}; naming: {scope.naming}; "
            f"photo: {'yes' if scope.photo else 'no'}; "
            f"light editing: {'yes' if scope.light_editing else 'no'}; until: {until}")


def sign_release(session: Session, testimonial_id: int, scope: ReleaseScope, *,
                 signed_on: dt.date, by: str = "", scan: Path | None = None,
                 base: ReleaseRecord | None = None, base_version: int | None = None) -> None:
    """The customer signed the form with this scope (what they actually ticked). Allowed
    from not requested (signed at the counter) or requested. With `scan`, the scanned
    form is attached. Raises Invalid (no channel, an end date not after signing),
    WrongReleaseState, SourceUnreadable or EditConflict (see the module); nothing is
    changed then."""
    row = load_testimonial(session, testimonial_id)
    # In the usual order, as stored (unknown ones last, for _check_scope to name).
    scope = dataclasses.replace(scope, channels=tuple(c for c in CHANNELS if c in scope.channels)
                                + tuple(c for c in scope.channels if c not in CHANNELS))
    if _checked_move(row, base, base_version, lambda seen: dataclasses.replace(
            seen, state=SIGNED, signed_on=signed_on, scope=scope)):
        _transition(row, "sign", (NOT_REQUESTED, REQUESTED), signed_on)
        _check_scope(scope, signed_on)
        row.release_state, row.signed_on = SIGNED, signed_on
        row.channels = ",".join(scope.channels)
        row.naming, row.photo_allowed = scope.naming, scope.photo
        row.editing_allowed, row.release_until = scope.light_editing, scope.until
        row.updated_at = dt.datetime.now()
        record_event(session, row.id, SIGNED_EVENT, by,
                     f"signed {signed_on.isoformat()}; {_scope_detail(scope)}")
        session.flush()
    if scan is not None:
        add_attachment(session, testimonial_id, SIGNED_FORM, scan, by=by)


def decline_release(session: Session, testimonial_id: int, *, on: dt.date, by: str = "",
                    reason: str = "", base: ReleaseRecord | None = None,
                    base_version: int | None = None) -> None:
    """The customer would rather not: the testimonial is never offered for use. Raises
    WrongReleaseState or EditConflict (see the module); nothing is changed then."""
    row = load_testimonial(session, testimonial_id)
    if not _checked_move(row, base, base_version, lambda seen: dataclasses.replace(
            seen, state=DECLINED, declined_on=on)):
        return
    _transition(row, "decline", (NOT_REQUESTED, REQUESTED), on)
    row.release_state, row.declined_on = DECLINED, on
    row.updated_at = dt.datetime.now()
    record_event(session, row.id, DECLINED_EVENT, by,
                 f"declined {on.isoformat()}" + (f": {reason.strip()}" if reason.strip() else ""))
    session.flush()


def revoke_release(session: Session, testimonial_id: int, *, on: dt.date, reason: str = "",
                   by: str = "", base: ReleaseRecord | None = None,
                   base_version: int | None = None) -> tuple[TakedownItem, ...]:
    """The customer withdrew their permission on `on`. Returns the take-down checklist for
    this testimonial: every logged use not yet taken down. Raises WrongReleaseState or
    EditConflict (see the module); nothing is changed then."""
    row = load_testimonial(session, testimonial_id)
    reason = reason.strip()
    if _checked_move(row, base, base_version, lambda seen: dataclasses.replace(
            seen, state=REVOKED, revoked_on=on, revoke_reason=reason)):
        _transition(row, "revoke", (SIGNED,), on)
        row.release_state, row.revoked_on, row.revoke_reason = REVOKED, on, reason
        row.updated_at = dt.datetime.now()
        record_event(session, row.id, REVOKED_EVENT, by,
                     f"revoked {on.isoformat()}" + (f": {reason}" if reason else ""))
        session.flush()
    return tuple(item for item in takedown_checklist(session, today=on)
                 if item.testimonial_id == testimonial_id)


def expire_releases(session: Session, today: dt.date) -> tuple[int, ...]:
    """Record the signed releases whose end date has come as expired (their history says
    so, by "Regulars"). Returns their ids. Safe to call at any time, from any desk."""
    rows = session.scalars(select(Testimonial).where(
        Testimonial.release_state == SIGNED, Testimonial.release_until.is_not(None),
        Testimonial.release_until <= today)).all()
    for row in rows:
        assert row.release_until is not None
        row.release_state, row.expired_on = EXPIRED, row.release_until
        row.updated_at = dt.datetime.now()
        record_event(session, row.id, EXPIRED_EVENT, "Regulars",
                     f"expired {row.release_until.isoformat()}")
    session.flush()
    return tuple(row.id for row in rows)
