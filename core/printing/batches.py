"""Print batches: plan who gets what, render, record, then mark sent, spoiled, reprint.

A batch is planned in one unit of work (`plan_batch`), rendered without the database
(`render_batch`, a long job), and recorded in another (`record_batch`); `print_batch`
does all three for the command line. Each item keeps the merge values it was printed
with, so a batch from the history opens again exactly as it was printed.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.kernel.errors import NotFound
from core.kernel.jobs import CancelCheck, Progress, never_cancelled, no_progress
from core.printing.completeness import check_business_profile
from core.printing.errors import InvalidTemplate, NoRecipients, NothingToReprint
from core.printing.formats import (
    check_format,
    check_start,
    default_format,
    get_label_sheet,
    get_page_format,
)
from core.printing.models import PrintBatch, PrintBatchItem
from core.printing.recipients import select_recipients
from core.printing.templates import TemplateData, check_template, get_template
from core.printing.types import (
    ALREADY_SENT,
    Recipient,
    RecipientSelection,
    Skipped,
)
from core.settings.services import get_business_profile
from core.settings.types import BusinessProfileData
from core.store.job_locks import MARK_SENT, take_job_locks

if TYPE_CHECKING:
    from core.printing.render import ItemsJob

log = logging.getLogger(__name__)

PRINTING = "printing"  # an item of a batch whose PDFs are not in place yet
PRINTED = "printed"
SENT = "sent"
SPOILED = "spoiled"
REPRINTED = "reprinted"  # spoiled, and printed again in a later batch
SKIPPED = "skipped"

# A batch's state: recorded before its PDFs are written, printed once both are in place;
# one found "printing" with nobody printing it was interrupted (see core.printing.runs).
BATCH_PRINTING = "printing"
BATCH_PRINTED = "printed"
BATCH_INTERRUPTED = "interrupted"


@dataclass(frozen=True)
class BatchRequest:
    template_name: str
    selection: RecipientSelection
    format_name: str = ""  # "" uses the template's format, or the default for its kind
    label_sheet: str = ""  # "" prints no labels
    label_start: int = 1
    # Leave out customers who were printed or sent this template this calendar year.
    leave_out_already_sent: bool = False


@dataclass(frozen=True)
class BatchPlan:
    template: TemplateData
    format_name: str
    profile: BusinessProfileData
    recipients: tuple[Recipient, ...]
    skipped: tuple[Skipped, ...] = ()
    label_sheet: str = ""
    label_start: int = 1
    reprint_of_id: int | None = None
    # A batch of several templates: the others, each with its format, for the recipients
    # naming them (Recipient.template; "" is `template`).
    others: tuple[tuple[TemplateData, str], ...] = ()

    def template_of(self, recipient: Recipient) -> TemplateData:
        for template, _format in self.others:
            if template.name == recipient.template:
                return template
        return self.template


@dataclass(frozen=True)
class BatchEntry:
    """One item of a batch of several templates: whom, with which template, and the
    program's action it makes."""

    customer_id: int
    template_name: str
    action_id: int | None = None
    # Merge values of this item only, over the customer's (the program's `also_celebrating`).
    values: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RenderedBatch:
    pages: int
    label_pages: int


@dataclass(frozen=True)
class BatchSummary:
    id: int
    created_at: dt.datetime
    template_name: str
    title: str
    format_name: str
    label_sheet: str
    item_count: int
    skipped_count: int
    sent_at: dt.datetime | None
    reprint_of_id: int | None
    counts: tuple[tuple[str, int], ...]  # (status, how many), statuses in a fixed order
    state: str = BATCH_PRINTED
    out_path: str = ""
    labels_path: str = ""
    other_templates: tuple[str, ...] = ()  # a batch of several templates: the others

    @property
    def interrupted(self) -> bool:
        return self.state == BATCH_INTERRUPTED

    def count(self, status: str) -> int:
        return dict(self.counts).get(status, 0)


@dataclass(frozen=True)
class BatchItemRow:
    id: int
    position: int
    customer_id: int | None
    recipient_name: str
    status: str
    skip_reason: str
    status_changed_at: dt.datetime | None


@dataclass(frozen=True)
class BatchDetail:
    summary: BatchSummary
    items: tuple[BatchItemRow, ...]


@dataclass(frozen=True)
class MailingRow:
    """One thing sent (or printed) to a customer, for their record."""

    batch_id: int
    template_name: str
    title: str
    status: str
    printed_at: dt.datetime
    sent_at: dt.datetime | None


def plan_batch(session: Session, request: BatchRequest, *,
               today: dt.date | None = None) -> BatchPlan:
    """Check the request and choose the recipients. Reads only; raises typed errors."""
    template = get_template(session, request.template_name)
    problems = [p for p in check_template(template.title, template.body)]
    if problems:
        raise InvalidTemplate(problems)
    profile = get_business_profile(session)
    format_name = (request.format_name or template.format_name
                   or default_format(template.kind, profile.locale))
    check_format(template.kind, get_page_format(format_name))
    check_business_profile(profile, [(get_page_format(format_name).kind, template.title,
                                      template.body)])
    label_sheet = ""
    if request.label_sheet:
        sheet = get_label_sheet(request.label_sheet)
        check_start(sheet, request.label_start)
        label_sheet = sheet.name
    recipients, skipped = select_recipients(session, request.selection, profile=profile,
                                            today=today)
    if request.leave_out_already_sent:
        recipients, skipped = _leave_out_already_sent(
            session, template.name, recipients, skipped, today or dt.date.today())
    if not recipients:
        raise NoRecipients(skipped)
    return BatchPlan(template, get_page_format(format_name).name, profile, recipients, skipped,
                     label_sheet, request.label_start)


def plan_entries(session: Session, entries: Sequence[BatchEntry], *, label_sheet: str = "",
                 label_start: int = 1, today: dt.date | None = None) -> BatchPlan:
    """A batch whose items may each use their own template, in the entries' order (Today's
    due cards: a birthday card, then a thank-you letter...). Each template prints in its
    own format. Reads only; raises typed errors (NoRecipients when nobody can be reached)."""
    profile = get_business_profile(session)
    templates: dict[str, tuple[TemplateData, str]] = {}
    for name in dict.fromkeys(entry.template_name for entry in entries):
        template = get_template(session, name)
        problems = list(check_template(template.title, template.body))
        if problems:
            raise InvalidTemplate(problems)
        format_name = template.format_name or default_format(template.kind, profile.locale)
        check_format(template.kind, get_page_format(format_name))
        check_business_profile(profile, [(get_page_format(format_name).kind, template.title,
                                          template.body)])
        templates[name] = (template, get_page_format(format_name).name)
    if label_sheet:
        sheet = get_label_sheet(label_sheet)
        check_start(sheet, label_start)
        label_sheet = sheet.name
    ids = tuple(dict.fromkeys(entry.customer_id for entry in entries))
    found, skipped = select_recipients(session, RecipientSelection(customer_ids=ids),
                                       profile=profile, today=today)
    by_id = {recipient.customer_id: recipient for recipient in found}
    recipients = tuple(_for_entry(by_id[entry.customer_id], entry)
                       for entry in entries if entry.customer_id in by_id)
    if not recipients:
        raise NoRecipients(skipped)
    first = recipients[0].template
    main, main_format = templates[first]
    others = tuple(pair for name, pair in templates.items()
                   if name != first and any(r.template == name for r in recipients))
    recipients = tuple(replace(r, template="") if r.template == first else r
                       for r in recipients)
    return BatchPlan(main, main_format, profile, recipients, skipped, label_sheet,
                     label_start, others=others)


def _for_entry(recipient: Recipient, entry: BatchEntry) -> Recipient:
    values = recipient.values
    if entry.values:
        values = tuple({**dict(values), **dict(entry.values)}.items())
    return replace(recipient, values=values, template=entry.template_name,
                   action_id=entry.action_id)


def items_job(plan: BatchPlan) -> ItemsJob:
    """What the renderer needs to print a plan's items."""
    from core.printing.render import ItemsJob

    return ItemsJob(plan.template.title, plan.template.body, get_page_format(plan.format_name),
                    plan.profile, plan.recipients,
                    tuple((t.name, t.title, t.body, get_page_format(f)) for t, f in plan.others))


def _leave_out_already_sent(
    session: Session, template_name: str, recipients: tuple[Recipient, ...],
    skipped: tuple[Skipped, ...], today: dt.date,
) -> tuple[tuple[Recipient, ...], tuple[Skipped, ...]]:
    """Move those who already got this template this year (printed or sent) to the left out."""
    year_start = dt.datetime(today.year, 1, 1)
    got_it = set(session.scalars(
        select(PrintBatchItem.customer_id).distinct()
        .join(PrintBatch, PrintBatch.id == PrintBatchItem.batch_id)
        .where(_item_template() == template_name, PrintBatch.created_at >= year_start,
               PrintBatchItem.status.in_((PRINTED, SENT)),
               PrintBatchItem.customer_id.is_not(None))))
    if not got_it:
        return recipients, skipped
    keep = tuple(r for r in recipients if r.customer_id not in got_it)
    again = tuple(Skipped(r.customer_id, r.name, ALREADY_SENT) for r in recipients
                  if r.customer_id in got_it and r.customer_id is not None)
    return keep, skipped + again


def render_batch(
    plan: BatchPlan, out_path: Path, *, labels_path: Path | None = None,
    progress: Progress = no_progress, is_cancelled: CancelCheck = never_cancelled,
) -> RenderedBatch:
    """Write the items PDF (and the labels PDF, same order). Long job; raises Cancelled."""
    from core.printing.render import render_items, render_labels

    count = len(plan.recipients)
    with_labels = labels_path is not None and bool(plan.label_sheet)
    total = count * (2 if with_labels else 1)
    job = items_job(plan)
    items = render_items(job, out_path, progress=lambda d, _t: progress(d, total),
                         is_cancelled=is_cancelled)
    label_pages = 0
    if with_labels:
        assert labels_path is not None
        labels = render_labels(plan.recipients, labels_path,
                               sheet=get_label_sheet(plan.label_sheet), start=plan.label_start,
                               progress=lambda d, _t: progress(count + d, total),
                               is_cancelled=is_cancelled)
        label_pages = labels.pages
    return RenderedBatch(items.pages, label_pages)


def record_batch(session: Session, plan: BatchPlan, *, mark_sent: bool = False,
                 now: dt.datetime | None = None, printing: bool = False,
                 out_path: Path | None = None, labels_path: Path | None = None,
                 printed_by: str = "") -> BatchSummary:
    """Store the batch with its items and skips; a reprint retires the spoiled items.

    With `printing`, the batch is stored as being printed: its items count as neither
    printed nor sent until `finish_batch`, which the caller runs once the PDFs are in place.
    """
    if mark_sent and not printing:
        take_job_locks(session, MARK_SENT)  # before writing anything (see job_locks)
    now = now or dt.datetime.now()
    status = PRINTING if printing else SENT if mark_sent else PRINTED
    batch = PrintBatch(
        created_at=now, template_name=plan.template.name, template_kind=plan.template.kind,
        title=plan.template.title, body=plan.template.body, format_name=plan.format_name,
        label_sheet=plan.label_sheet, reprint_of_id=plan.reprint_of_id,
        sent_at=now if mark_sent and not printing else None, item_count=len(plan.recipients),
        skipped_count=len(plan.skipped),
        state=BATCH_PRINTING if printing else BATCH_PRINTED,
        out_path=str(out_path or ""), labels_path=str(labels_path or ""),
        label_start=plan.label_start, mark_sent=mark_sent, printed_by=printed_by,
        templates_json=_templates_json(plan.others),
    )
    for position, recipient in enumerate(plan.recipients):
        snapshot = {"values": dict(recipient.values), "address": list(recipient.address)}
        batch.items.append(PrintBatchItem(
            position=position, customer_id=recipient.customer_id, status=status,
            recipient_name=recipient.name[:400], status_changed_at=now,
            values_json=json.dumps(snapshot, ensure_ascii=False),
            template_name=recipient.template, action_id=recipient.action_id,
        ))
    for offset, skip in enumerate(plan.skipped, len(plan.recipients)):
        batch.items.append(PrintBatchItem(
            position=offset, customer_id=_live_id(session, skip.customer_id), status=SKIPPED,
            skip_reason=skip.reason, recipient_name=skip.name[:400], values_json="{}",
        ))
    session.add(batch)
    if not printing:
        _retire_reprinted(session, batch, now)
    session.flush()
    if mark_sent and not printing:
        _complete_actions(session, batch.items, now)
    log.info("recorded batch %d (%s): %d items, %d skipped", batch.id, batch.state,
             batch.item_count, batch.skipped_count)
    return _summary(session, batch)


def finish_batch(session: Session, batch_id: int, *,
                 now: dt.datetime | None = None) -> BatchSummary:
    """Both PDFs are in place: the batch's items become printed (or sent, if asked)."""
    now = now or dt.datetime.now()
    batch = _batch(session, batch_id)
    if batch.mark_sent:
        take_job_locks(session, MARK_SENT)
    status = SENT if batch.mark_sent else PRINTED
    items = _items(session, batch_id, PRINTING)
    for item in items:
        item.status, item.status_changed_at = status, now
    batch.state, batch.printed_by = BATCH_PRINTED, ""
    if batch.mark_sent:
        batch.sent_at = now
    _retire_reprinted(session, batch, now)
    session.flush()
    if batch.mark_sent:
        _complete_actions(session, items, now)
    log.info("batch %d printed", batch_id)
    return _summary(session, batch)


def _retire_reprinted(session: Session, batch: PrintBatch, now: dt.datetime) -> None:
    if batch.reprint_of_id is not None:
        for item in _items(session, batch.reprint_of_id, SPOILED):
            item.status, item.status_changed_at = REPRINTED, now


def print_batch(
    session: Session, request: BatchRequest, out_path: Path, *,
    labels_path: Path | None = None, mark_sent: bool = False, today: dt.date | None = None,
    progress: Progress = no_progress, is_cancelled: CancelCheck = never_cancelled,
) -> tuple[BatchSummary, BatchPlan, RenderedBatch]:
    """Plan, render and record one batch in the caller's unit of work."""
    plan = plan_batch(session, request, today=today)
    rendered = render_batch(plan, out_path, labels_path=labels_path, progress=progress,
                            is_cancelled=is_cancelled)
    return record_batch(session, plan, mark_sent=mark_sent), plan, rendered


@dataclass(frozen=True)
class SentMarking:
    """What one "mark batch sent" changed, so that exactly that can be undone: the items
    it marked, each with when it had last changed, and the batch's earlier sent time."""

    batch_id: int
    items: tuple[tuple[int, dt.datetime | None], ...]  # (item id, its earlier changed-at)
    previous_sent_at: dt.datetime | None
    sent_at: dt.datetime
    summary: BatchSummary
    actions: tuple[int, ...] = ()  # the program's actions it completed (due cards)

    @property
    def item_ids(self) -> tuple[int, ...]:
        return tuple(item_id for item_id, _ in self.items)


def mark_batch_sent(session: Session, batch_id: int, *,
                    now: dt.datetime | None = None) -> SentMarking:
    """Every printed item of the batch becomes sent; spoiled items stay spoiled."""
    take_job_locks(session, MARK_SENT)  # another desk marking this batch: after it
    now = now or dt.datetime.now()
    batch = _batch(session, batch_id)
    marked = []
    items = _items(session, batch_id, PRINTED)
    for item in items:
        marked.append((item.id, item.status_changed_at))
        item.status, item.status_changed_at = SENT, now
    previous, batch.sent_at = batch.sent_at, now
    session.flush()
    actions = _complete_actions(session, items, now)
    return SentMarking(batch_id, tuple(marked), previous, now, _summary(session, batch),
                       actions)


def unmark_batch_sent(session: Session, marking: SentMarking) -> BatchSummary:
    """Undo one `mark_batch_sent`: the items it marked that are still sent become printed
    again (with their earlier time); items sent another way, or spoiled since, stay."""
    batch = _batch(session, marking.batch_id)
    earlier = dict(marking.items)
    for item in _items(session, marking.batch_id, SENT):  # no IN list: batches run to 10,000s
        if item.id in earlier:
            item.status, item.status_changed_at = PRINTED, earlier[item.id]
    if batch.sent_at == marking.sent_at:
        batch.sent_at = marking.previous_sent_at
    session.flush()
    if marking.actions:
        from core.program.services import reopen_printed_actions

        reopen_printed_actions(session, marking.actions, completed_at=marking.sent_at)
    return _summary(session, batch)


def mark_items_spoiled(session: Session, batch_id: int, item_ids: list[int], *,
                       now: dt.datetime | None = None) -> BatchSummary:
    """Mark items that came out wrong (smudged, misfed) so they can be reprinted."""
    now = now or dt.datetime.now()
    batch = _batch(session, batch_id)
    sent_actions = []
    for item in session.scalars(select(PrintBatchItem).where(
            PrintBatchItem.batch_id == batch_id, PrintBatchItem.id.in_(item_ids),
            PrintBatchItem.status.in_((PRINTED, SENT)))):
        if (item.status == SENT and item.action_id is not None
                and item.status_changed_at is not None):
            sent_actions.append((item.action_id, item.status_changed_at))
        item.status, item.status_changed_at = SPOILED, now
    session.flush()
    if sent_actions:  # a card spoiled after it was marked sent: its gesture is not made
        from core.program.services import reopen_printed_actions

        for action_id, sent_at in sent_actions:
            reopen_printed_actions(session, (action_id,), completed_at=sent_at)
    return _summary(session, batch)


def plan_reprint(session: Session, batch_id: int) -> BatchPlan:
    """A new batch of only the spoiled items, as they were printed."""
    plan = plan_reopen(session, batch_id, statuses=(SPOILED,))
    if not plan.recipients:
        raise NothingToReprint(batch_id)
    return replace(plan, reprint_of_id=batch_id)


def plan_reopen(session: Session, batch_id: int, *,
                statuses: tuple[str, ...] = (PRINTING, PRINTED, SENT, SPOILED, REPRINTED),
                ) -> BatchPlan:
    """The batch as printed, to preview or print again from the history."""
    batch = _batch(session, batch_id)
    template = TemplateData(batch.template_name, batch.template_kind, batch.title, batch.body,
                            batch.format_name, is_edited=False, has_default=False)
    recipients = []
    for item in batch.items:
        if item.status in statuses:
            snapshot = json.loads(item.values_json)
            recipients.append(Recipient(item.customer_id, item.recipient_name,
                                        tuple(snapshot["values"].items()),
                                        tuple(snapshot["address"]), item.template_name,
                                        item.action_id))
    others = tuple(pair for pair in _read_templates_json(batch.templates_json)
                   if any(r.template == pair[0].name for r in recipients))
    return BatchPlan(template, batch.format_name, get_business_profile(session),
                     tuple(recipients), (), batch.label_sheet, batch.label_start,
                     batch.reprint_of_id, others)


def _templates_json(others: tuple[tuple[TemplateData, str], ...]) -> str:
    if not others:
        return ""
    return json.dumps({t.name: {"kind": t.kind, "title": t.title, "body": t.body,
                                "format_name": f} for t, f in others}, ensure_ascii=False)


def _read_templates_json(text: str) -> tuple[tuple[TemplateData, str], ...]:
    if not text:
        return ()
    return tuple((TemplateData(name, t["kind"], t["title"], t["body"], t["format_name"],
                               is_edited=False, has_default=False), t["format_name"])
                 for name, t in json.loads(text).items())


def _complete_actions(session: Session, items: Sequence[PrintBatchItem],
                      now: dt.datetime) -> tuple[int, ...]:
    """Items just sent that make a program action (Today's due cards) complete it."""
    action_ids = tuple(item.action_id for item in items
                       if item.action_id is not None and item.status == SENT)
    if not action_ids:
        return ()
    from core.program.services import complete_printed_actions

    return complete_printed_actions(session, action_ids, now=now)


def actions_awaiting_sending(session: Session) -> set[int]:
    """Program actions whose card is printed (or being printed) and not yet marked sent."""
    return set(session.scalars(select(PrintBatchItem.action_id).distinct().where(
        PrintBatchItem.action_id.is_not(None),
        PrintBatchItem.status.in_((PRINTING, PRINTED)))))


def _item_template() -> Any:
    """An item's template name: its own in a batch of several, else its batch's."""
    return func.coalesce(func.nullif(PrintBatchItem.template_name, ""),
                         PrintBatch.template_name)


def list_batches(session: Session, *, limit: int = 200) -> list[BatchSummary]:
    """The most recent batches first."""
    batches = session.scalars(
        select(PrintBatch).order_by(PrintBatch.created_at.desc(), PrintBatch.id.desc())
        .limit(limit)).all()
    return [_summary(session, b) for b in batches]


def get_batch(session: Session, batch_id: int) -> BatchDetail:
    batch = _batch(session, batch_id)
    items = tuple(BatchItemRow(i.id, i.position, i.customer_id, i.recipient_name, i.status,
                               i.skip_reason, i.status_changed_at) for i in batch.items)
    return BatchDetail(_summary(session, batch), items)


def list_customer_mailings(session: Session, customer_id: int) -> list[MailingRow]:
    """What was printed for a customer, newest first (skips are not listed)."""
    rows = session.execute(
        select(PrintBatch.id, _item_template(), PrintBatch.title, PrintBatchItem.status,
               PrintBatch.created_at, PrintBatchItem.status_changed_at)
        .join(PrintBatchItem, PrintBatchItem.batch_id == PrintBatch.id)
        .where(PrintBatchItem.customer_id == customer_id, PrintBatchItem.status != SKIPPED)
        .order_by(PrintBatch.created_at.desc(), PrintBatch.id.desc())).all()
    return [MailingRow(r[0], r[1], r[2], r[3], r[4], r[5] if r[3] == SENT else None)
            for r in rows]


def customers_sent(session: Session, template_name: str, *, since: dt.date) -> list[int]:
    """Ids of customers sent `template_name` on or after `since` ("birthday cards this year")."""
    start = dt.datetime.combine(since, dt.time())
    return list(session.scalars(
        select(PrintBatchItem.customer_id).distinct()
        .join(PrintBatch, PrintBatch.id == PrintBatchItem.batch_id)
        .where(_item_template() == template_name, PrintBatchItem.status == SENT,
               PrintBatchItem.status_changed_at >= start,
               PrintBatchItem.customer_id.is_not(None))
        .order_by(PrintBatchItem.customer_id)))


def _batch(session: Session, batch_id: int) -> PrintBatch:
    batch = session.get(PrintBatch, batch_id)
    if batch is None:
        raise NotFound("batch", batch_id)
    return batch


def _items(session: Session, batch_id: int, status: str) -> list[PrintBatchItem]:
    return list(session.scalars(select(PrintBatchItem).where(
        PrintBatchItem.batch_id == batch_id, PrintBatchItem.status == status)))


def _live_id(session: Session, customer_id: int) -> int | None:
    from core.customers.services import customer_exists

    return customer_id if customer_exists(session, customer_id) else None


_STATUS_ORDER = (PRINTING, PRINTED, SENT, SPOILED, REPRINTED, SKIPPED)


def _summary(session: Session, batch: PrintBatch) -> BatchSummary:
    counts = dict(session.execute(
        select(PrintBatchItem.status, func.count()).where(PrintBatchItem.batch_id == batch.id)
        .group_by(PrintBatchItem.status)).all())
    return BatchSummary(
        batch.id, batch.created_at, batch.template_name, batch.title, batch.format_name,
        batch.label_sheet, batch.item_count, batch.skipped_count, batch.sent_at,
        batch.reprint_of_id, tuple((s, counts[s]) for s in _STATUS_ORDER if s in counts),
        batch.state, batch.out_path, batch.labels_path,
        tuple(t.name for t, _f in _read_templates_json(batch.templates_json)))
