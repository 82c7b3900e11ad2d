"""Writing testimonials: capture and edit, the release's lifecycle, attachments, the usage
log and taking down. Every change goes into the testimonial's history with who made it
and when: that history is the proof of consent.

`by` is who made the change ("" means the computer's user name). Other areas and the front
ends reach all of this through core.testimonials.services.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.customers.tables import CUSTOMERS
from core.kernel.desk import who_is_at_the_desk
from core.kernel.edits import checked_edit
from core.kernel.errors import Invalid, NotFound, Problem
from core.store import files
from core.testimonials.errors import (
    INVALID_CHOICE,
    NOT_A_CUSTOMER,
    OUT_OF_RANGE,
    REQUIRED,
    TOO_LONG,
    AttachmentUnreadable,
    NotReleasedFor,
    SourceUnreadable,
    WordingReleased,
)
from core.testimonials.models import (
    Testimonial,
    TestimonialAttachment,
    TestimonialEvent,
    TestimonialUse,
)
from core.testimonials.queries import (
    customer_testimonial_uses,
    release_problem,
)
from core.testimonials.records import draft_of, scope_of
from core.testimonials.types import (
    ATTACHMENT_ADDED,
    ATTACHMENT_KINDS,
    ATTACHMENT_REMOVED,
    CAPTURED,
    CHANNELS,
    EDITED,
    EXPIRED,
    FORM_WITHDRAWN,
    HOW_GIVEN,
    MAX_WORDS,
    NOT_REQUESTED,
    PLACE_KINDS,
    RATING_MAX,
    RATING_MIN,
    REQUESTED,
    REVOKED,
    SIGNED,
    USE_LOGGED,
    USE_REMOVED,
    AttachmentRow,
    CustomerTestimonialUses,
    TakedownItem,
    TestimonialDraft,
    UseDraft,
)

log = logging.getLogger(__name__)


MAX_SHORT = 300


def _who(by: str) -> str:
    return (by.strip() or who_is_at_the_desk())[:200]


def record_event(session: Session, testimonial_id: int, event: str, by: str,
            detail: str = "", at: dt.datetime | None = None) -> None:
    session.add(TestimonialEvent(testimonial_id=testimonial_id, at=at or dt.datetime.now(),
                                 by=_who(by), event=event, detail=detail))


def load_testimonial(session: Session, testimonial_id: int) -> Testimonial:
    found = session.get(Testimonial, testimonial_id)
    if found is None:
        raise NotFound("testimonial", testimonial_id)
    return found


def _check_draft(session: Session, draft: TestimonialDraft) -> TestimonialDraft:
    problems: list[Problem] = []
    words = draft.words.strip("\n\r ")
    if not words.strip():
        problems.append(Problem("words", REQUIRED))
    for name, value, limit in (("words", draft.words, MAX_WORDS),
                               ("edited_words", draft.edited_words, MAX_WORDS),
                               ("captured_by", draft.captured_by, 200),
                               ("incentive", draft.incentive, MAX_SHORT)):
        if len(value) > limit:
            problems.append(Problem(name, TOO_LONG, str(limit)))
    if draft.how_given not in HOW_GIVEN:
        problems.append(Problem("how_given", INVALID_CHOICE, draft.how_given))
    if draft.rating is not None and not RATING_MIN <= draft.rating <= RATING_MAX:
        problems.append(Problem("rating", OUT_OF_RANGE, f"{RATING_MIN}-{RATING_MAX}"))
    live = session.scalar(select(CUSTOMERS.c.id).where(
        CUSTOMERS.c.id == draft.customer_id, CUSTOMERS.c.deleted_at.is_(None)))
    if live is None:
        problems.append(Problem("customer_id", NOT_A_CUSTOMER, str(draft.customer_id)))
    if problems:
        raise Invalid(problems)
    edited = draft.edited_words.strip("\n\r ")
    return TestimonialDraft(
        customer_id=draft.customer_id, words=words, given_on=draft.given_on,
        how_given=draft.how_given, edited_words="" if edited == words else edited,
        rating=draft.rating, captured_by=draft.captured_by.strip() or who_is_at_the_desk(),
        incentive=draft.incentive.strip())


def capture_testimonial(session: Session, draft: TestimonialDraft) -> int:
    """Record what a customer said (release not requested yet). Returns its id; raises
    Invalid naming each bad field."""
    draft = _check_draft(session, draft)
    now = dt.datetime.now()
    row = Testimonial(
        customer_id=draft.customer_id, words=draft.words, edited_words=draft.edited_words,
        rating=draft.rating, given_on=draft.given_on, how_given=draft.how_given,
        captured_by=draft.captured_by, incentive=draft.incentive,
        release_state=NOT_REQUESTED, revoke_reason="", channels="", naming="",
        photo_allowed=False, editing_allowed=False, created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    record_event(session, row.id, CAPTURED, draft.captured_by, _words_detail(draft), at=now)
    session.flush()
    log.info("testimonial %s captured for customer %s", row.id, draft.customer_id)
    return row.id


def _words_detail(draft: TestimonialDraft) -> str:
    detail = f"words: {draft.words}"
    if draft.edited_words:
        detail += f"\nedited: {draft.edited_words}"
    return detail


def edit_testimonial(session: Session, testimonial_id: int, draft: TestimonialDraft, *,
                     by: str = "", base: TestimonialDraft | None = None,
                     base_version: int | None = None) -> None:
    """Change what was recorded. The wording (words or edited version) cannot change under
    a signed release (WordingReleased); changing it while a form is out withdraws that form
    (the customer would sign other words), so the release goes back to not requested.

    With `base` and `base_version` (the testimonial as the editor opened it: its row's
    `draft` and `version`), another desk's save meanwhile is kept: values only they changed
    stay theirs, and values both changed differently raise EditConflict (nothing written)."""
    row = load_testimonial(session, testimonial_id)
    draft = _check_draft(session, draft)
    if base is not None and base_version is not None and base_version != row.version:
        draft = _check_draft(session, checked_edit(
            "testimonial", testimonial_id, base=base, base_version=base_version, mine=draft,
            theirs=draft_of(row), version=row.version))
    wording_changed = (draft.words, draft.edited_words) != (row.words, row.edited_words)
    if wording_changed and row.release_state in (SIGNED, REVOKED, EXPIRED):
        raise WordingReleased(testimonial_id)
    changed = [name for name in ("customer_id", "words", "edited_words", "rating",
                                 "given_on", "how_given", "captured_by", "incentive")
               if getattr(row, name) != getattr(draft, name)]
    if not changed:
        return
    for name in changed:
        setattr(row, name, getattr(draft, name))
    row.updated_at = dt.datetime.now()
    detail = ", ".join(changed)
    if wording_changed:
        detail += "\n" + _words_detail(draft)
    record_event(session, row.id, EDITED, by, detail)
    if wording_changed and row.release_state == REQUESTED:
        row.release_state, row.requested_on = NOT_REQUESTED, None
        record_event(session, row.id, FORM_WITHDRAWN, by, "the wording changed")
    session.flush()


def delete_testimonial(session: Session, testimonial_id: int) -> tuple[TakedownItem, ...]:
    """Delete a testimonial with its history and attachments (their files go once this
    unit of work commits). Returns the places it was still in use: deleting it does not
    take them down."""
    row = load_testimonial(session, testimonial_id)
    uses = customer_testimonial_uses(session, [row.customer_id], only=[testimonial_id])
    _discard_files(session, [testimonial_id])
    session.delete(row)
    session.flush()
    return uses.uses


def add_attachment(session: Session, testimonial_id: int, kind: str, source: Path, *,
                   by: str = "") -> AttachmentRow:
    """Copy `source` (a photo, a recording, the scanned signed form) into the data
    folder's file store with its SHA-256, so it survives the original being moved.
    Raises Invalid (kind), SourceUnreadable (the file cannot be read or copied)."""
    row = load_testimonial(session, testimonial_id)
    if kind not in ATTACHMENT_KINDS:
        raise Invalid([Problem("kind", INVALID_CHOICE, kind)])
    source = Path(source)
    try:
        if not source.is_file():
            raise SourceUnreadable(str(source), "not a file")
        stored = files.store_file(files.folder_for_session(session), source)
    except OSError as exc:
        raise SourceUnreadable(str(source), exc.strerror or str(exc)) from exc
    now = dt.datetime.now()
    attachment = TestimonialAttachment(
        testimonial_id=row.id, kind=kind, file_name=source.name[:300],
        size_bytes=stored.size_bytes, sha256=stored.sha256, added_at=now, added_by=_who(by))
    session.add(attachment)
    record_event(session, row.id, ATTACHMENT_ADDED, by,
            f"{kind}: {source.name} (sha256 {stored.sha256})", at=now)
    session.flush()
    return _attachment_row(attachment)


def _attachment_row(a: TestimonialAttachment) -> AttachmentRow:
    return AttachmentRow(a.id, a.testimonial_id, a.kind, a.file_name, a.size_bytes,
                         a.sha256, a.added_at, a.added_by)


def remove_attachment(session: Session, attachment_id: int, *, by: str = "") -> None:
    """Remove an attachment; its file goes from the data folder once nothing refers to it
    (after this unit of work commits)."""
    attachment = session.get(TestimonialAttachment, attachment_id)
    if attachment is None:
        raise NotFound("attachment", attachment_id)
    record_event(session, attachment.testimonial_id, ATTACHMENT_REMOVED, by,
            f"{attachment.kind}: {attachment.file_name} (sha256 {attachment.sha256})")
    sha = attachment.sha256
    session.delete(attachment)
    session.flush()
    _remove_unreferenced(session, [sha])


def open_attachment(session: Session, attachment_id: int) -> Path:
    """Where the attachment's file is, once its checksum is verified. Raises
    AttachmentUnreadable when it is missing or no longer matches."""
    attachment = session.get(TestimonialAttachment, attachment_id)
    if attachment is None:
        raise NotFound("attachment", attachment_id)
    folder = files.folder_for_session(session)
    intact = files.is_intact(folder, attachment.sha256)
    if not intact:
        raise AttachmentUnreadable(attachment.id, attachment.file_name, intact is None)
    return files.stored_path(folder, attachment.sha256)


def _remove_unreferenced(session: Session, shas: Iterable[str]) -> None:
    shas = sorted(set(shas))
    if not shas:
        return
    still = set(session.scalars(select(TestimonialAttachment.sha256).where(
        TestimonialAttachment.sha256.in_(shas))))
    files.remove_after_commit(session, files.folder_for_session(session),
                              [sha for sha in shas if sha not in still])


def _discard_files(session: Session, testimonial_ids: list[int]) -> int:
    """Delete the attachment rows of these testimonials now and their files after commit
    (a rollback keeps them). Returns how many attachments went."""
    found = session.execute(select(TestimonialAttachment.id, TestimonialAttachment.sha256)
                            .where(TestimonialAttachment.testimonial_id.in_(testimonial_ids))
                            ).all()
    for attachment_id, _sha in found:
        session.delete(session.get(TestimonialAttachment, attachment_id))
    session.flush()
    _remove_unreferenced(session, [sha for _id, sha in found])
    return len(found)


def log_use(session: Session, testimonial_id: int, draft: UseDraft, *, by: str = "") -> int:
    """Record a place the testimonial is used. Only a signed, unexpired release covering
    the channel allows it (NotReleasedFor otherwise); Invalid names bad fields."""
    row = load_testimonial(session, testimonial_id)
    problems = []
    if not draft.where.strip():
        problems.append(Problem("where", REQUIRED))
    if draft.place_kind not in PLACE_KINDS:
        problems.append(Problem("place_kind", INVALID_CHOICE, draft.place_kind))
    if draft.channel not in CHANNELS:
        problems.append(Problem("channel", INVALID_CHOICE, draft.channel))
    if problems:
        raise Invalid(problems)
    reason = release_problem(row.release_state, row.release_until, scope_of(row),
                             draft.channel, draft.started_on)
    if reason:
        raise NotReleasedFor(testimonial_id, draft.channel, reason)
    use = TestimonialUse(testimonial_id=row.id, place_kind=draft.place_kind,
                         place=draft.where.strip(), channel=draft.channel,
                         started_on=draft.started_on, removed_on=None, removed_by="")
    session.add(use)
    record_event(session, row.id, USE_LOGGED, by,
            f"{draft.place_kind} ({draft.channel}) from {draft.started_on.isoformat()}: "
            f"{use.place}")
    session.flush()
    return use.id


def tick_off_use(session: Session, use_id: int, *, on: dt.date, by: str = "") -> None:
    """The testimonial was taken down (or stopped being used) at this place on `on`:
    ticks it off the take-down checklist."""
    use = session.get(TestimonialUse, use_id)
    if use is None:
        raise NotFound("use", use_id)
    if use.removed_on is not None:
        return
    use.removed_on, use.removed_by = on, _who(by)
    record_event(session, use.testimonial_id, USE_REMOVED, by,
            f"{use.place_kind} ({use.channel}) removed {on.isoformat()}: {use.place}")
    session.flush()


def forget_customers(session: Session, customer_ids: Iterable[int]) -> CustomerTestimonialUses:
    """Before these customers are deleted for good: their testimonials' attachments go
    (the files once the unit of work commits; the rows with the customers, by cascade).
    Returns the places their testimonials are still in use, to be taken down by hand."""
    wanted = sorted(set(customer_ids))
    ids: list[int] = []
    for start in range(0, len(wanted), 500):  # the trash may hold 100,000: a few at a time
        ids += session.scalars(select(Testimonial.customer_id).distinct().where(
            Testimonial.customer_id.in_(wanted[start:start + 500])))
    if not ids:
        return CustomerTestimonialUses((), 0)
    uses = customer_testimonial_uses(session, ids)
    testimonial_ids = list(session.scalars(select(Testimonial.id).where(
        Testimonial.customer_id.in_(ids))))
    gone = _discard_files(session, testimonial_ids) if testimonial_ids else 0
    if uses.uses:
        log.warning("%d place(s) still use testimonials of customers deleted for good",
                    len(uses.uses))
    return CustomerTestimonialUses(uses.uses, gone)


def count_testimonials(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Testimonial)) or 0)
