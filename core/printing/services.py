"""What the front ends (the command line, the window) and the program (Today's due cards)
call to print: templates and batches, reached through one module whichever file holds each
job."""
from __future__ import annotations

from core.printing.batches import (
    BatchEntry,
    BatchPlan,
    BatchRequest,
    BatchSummary,
    RenderedBatch,
    SentMarking,
    actions_awaiting_sending,
    mark_batch_sent,
    mark_items_spoiled,
    plan_batch,
    plan_entries,
    print_batch,
    unmark_batch_sent,
)
from core.printing.documents import FormsJob, form_format_name, render_forms, render_forms_bytes
from core.printing.recipients import format_date, postal_address
from core.printing.runs import (
    print_batch_again,
    print_new_batch,
    print_planned_batch,
    tidy_interrupted,
)
from core.printing.templates import list_templates

__all__ = [
    "BatchEntry",
    "BatchPlan",
    "BatchRequest",
    "BatchSummary",
    "FormsJob",
    "RenderedBatch",
    "SentMarking",
    "actions_awaiting_sending",
    "form_format_name",
    "format_date",
    "list_templates",
    "mark_batch_sent",
    "mark_items_spoiled",
    "plan_batch",
    "plan_entries",
    "postal_address",
    "print_batch",
    "print_batch_again",
    "print_new_batch",
    "print_planned_batch",
    "render_forms",
    "render_forms_bytes",
    "tidy_interrupted",
    "unmark_batch_sent",
]
