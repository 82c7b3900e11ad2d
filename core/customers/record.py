"""One customer's whole record, loaded and saved as one piece (what the editor shows).

The editor used to compose seven services itself; these two keep that composition in core,
so a front end loads a record with one call and saves it in one unit of work.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from core.customers.history import (
    add_interaction,
    add_moment,
    delete_interaction,
    delete_moment,
    update_interaction,
)
from core.customers.merge import merge_customers
from core.customers.services import add_customer, get_customer, update_customer
from core.customers.types import CustomerDetail, CustomerDraft, InteractionDraft, MomentDraft
from core.printing.queries import MailingRow, list_customer_mailings


@dataclass(frozen=True)
class CustomerRecord:
    """A customer's details, history, moments and what was printed for them."""

    detail: CustomerDetail
    mailings: tuple[MailingRow, ...] = ()

    @property
    def id(self) -> int:
        return self.detail.id


@dataclass(frozen=True)
class CustomerRecordEdit:
    """Everything a person changed in one record: `customer_id` None adds a customer.

    `merge_into` folds the saved record into that existing customer afterwards (the
    duplicate dialog's "merge"); `allow_duplicate` saves it despite a likely duplicate."""

    customer_id: int | None
    draft: CustomerDraft
    added_interactions: tuple[InteractionDraft, ...] = ()
    removed_interaction_ids: tuple[int, ...] = ()
    # Interactions changed in place: (id, what it is now).
    changed_interactions: tuple[tuple[int, InteractionDraft], ...] = ()
    added_moments: tuple[MomentDraft, ...] = ()
    removed_moment_ids: tuple[int, ...] = ()
    allow_duplicate: bool = False
    merge_into: int | None = None
    # The record as the editor opened it: what others saved since is merged in, or raises
    # EditConflict (core.kernel.edits). None saves over whatever is stored.
    base: CustomerDetail | None = None


def get_customer_record(session: Session, customer_id: int) -> CustomerRecord:
    """The whole record of one customer (trashed ones too); raises NotFound("customer", id)."""
    detail = get_customer(session, customer_id)
    return CustomerRecord(detail, tuple(list_customer_mailings(session, customer_id)))


def save_customer_record(session: Session, edit: CustomerRecordEdit) -> CustomerRecord:
    """Store the details, then the removed and added history and moments, then merge if
    asked; the caller's unit of work makes it all or nothing. Raises Invalid,
    DuplicateCustomer or a not-found error, and then nothing is written."""
    if edit.customer_id is None:
        detail = add_customer(session, edit.draft, allow_duplicate=edit.allow_duplicate)
    else:
        detail = update_customer(session, edit.customer_id, edit.draft,
                                 allow_duplicate=edit.allow_duplicate, base=edit.base)
    for interaction_id in edit.removed_interaction_ids:
        delete_interaction(session, interaction_id)
    read = {row.id: row for row in edit.base.interactions} if edit.base else {}
    for interaction_id, changed in edit.changed_interactions:
        update_interaction(session, detail.id, interaction_id, changed,
                           base=read.get(interaction_id))
    for moment_id in edit.removed_moment_ids:
        delete_moment(session, moment_id)
    for interaction in edit.added_interactions:
        add_interaction(session, detail.id, interaction)
    for moment in edit.added_moments:
        add_moment(session, detail.id, moment)
    kept_id = detail.id
    if edit.merge_into is not None:
        kept_id = merge_customers(session, keep_id=edit.merge_into, other_id=detail.id).id
    return get_customer_record(session, kept_id)
