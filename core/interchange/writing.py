"""Writing one batch of an import: bulk inserts of new customers, updates of matched ones.

New customers go in with SQLAlchemy Core multi-row inserts (an ORM `add_all` is about 20x
slower), with their derived keys, tags, extra contacts, consent and opening history.
Matched customers are changed per the duplicate policy, and every change is recorded
with the values before, so the import can be undone.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from core.customers.services import (
    add_tag,
    insert_customer_rows,
    insert_customer_tags,
    insert_interactions,
    read_customer_fields,
    read_tag_ids,
    tag_customer_ranges,
    tag_ids_of_customers,
    update_customer_rows,
)
from core.customers.types import customer_keys_of, needs_checking_text
from core.interchange.additions import (
    ADDED,
    MatchedAdditions,
    merged_needs_checking,
    release_trashed_ids,
)
from core.interchange.external_ids import OWN_SOURCE, keyed
from core.interchange.formats import program_name
from core.interchange.matching import Matcher
from core.interchange.models import (
    CustomerConsent,
    CustomerContact,
    CustomerExternalId,
    ImportChange,
    table_of,
)
from core.interchange.outcomes import OutcomeLog, PossibleDuplicate, RowOutcome
from core.interchange.own_fields import FLAGS, opening_history
from core.interchange.problems import REFERRER_UNKNOWN
from core.interchange.records import KEPT_CHARS, ROW_FIELDS, CleanRecord
from core.kernel.errors import Problem
from core.store.base import Base
from core.store.bulk_insert import bulk_insert
from core.store.dialects import dialect_of

SKIP, FILL, OVERWRITE = "skip", "fill", "overwrite"
POLICIES = (SKIP, FILL, OVERWRITE)
UPDATABLE = ("first_name", "last_name", "organisation", "email", "phone", "street", "city",
             "region", "postal_code", "country", "notes")
BIRTHDAY = ("birthday_month", "birthday_day", "birthday_year")
# Further columns a matched customer may get from a row: what it must check, and our own
# export's source and opt-outs (core.interchange.own_fields). Its customer since and
# history stay the customer's own: a matched row adds no visits.
EXTRA = ("needs_checking", "source", *FLAGS)


def merged_values(current: dict[str, Any], incoming: dict[str, Any], policy: str
                  ) -> dict[str, Any]:
    """The fields `policy` changes: FILL only empty ones, OVERWRITE any the file has."""
    changes: dict[str, Any] = {}
    if policy == SKIP:
        return changes
    for name in UPDATABLE:
        new = incoming.get(name) or ""
        if new and new != current.get(name) and (policy == OVERWRITE or not current.get(name)):
            changes[name] = new
    if incoming.get("birthday_month") is not None and (
        policy == OVERWRITE or current.get("birthday_month") is None
    ):
        wanted = {n: incoming.get(n) for n in BIRTHDAY}
        if any(wanted[n] != current.get(n) for n in BIRTHDAY):
            changes.update(wanted)
    return changes


def merged_extras(current: dict[str, Any], record: CleanRecord, policy: str
                  ) -> dict[str, Any]:
    """The EXTRA columns `policy` changes (not SKIP): the values to check always add up;
    of our own columns, FILL sets the empty ones (and an opt-out the file states),
    OVERWRITE any the file has."""
    changes: dict[str, Any] = {}
    incoming = record.values.get("needs_checking") or ""
    if incoming and (merged := merged_needs_checking(current["needs_checking"] or "",
                                                     incoming)) != current["needs_checking"]:
        changes["needs_checking"] = merged
    own = record.own
    if not own:
        return changes
    overwrite = policy == OVERWRITE
    source = own.get("source", "")
    if source and source != current["source"] and (overwrite or not current["source"]):
        changes["source"] = source
    for flag in FLAGS:
        if flag in own and own[flag] != current[flag] and (overwrite or own[flag]):
            changes[flag] = own[flag]
    return changes


@dataclass
class BatchResult:
    created_ids: list[int] = field(default_factory=list)
    updated: int = 0
    skipped: int = 0
    stats_ids: list[int] = field(default_factory=list)
    outcomes: list[RowOutcome] = field(default_factory=list)  # rows that matched someone
    possible: list[PossibleDuplicate] = field(default_factory=list)


class BatchWriter:
    """Writes batches for one import run; keeps the tag cache and the run's id."""

    def __init__(self, session: Session, *, run_id: int, policy: str, import_tag: str,
                 source: str, today: dt.date, same_person: frozenset[int] = frozenset()
                 ) -> None:
        self.session = session
        self.policy = policy
        self.source = source
        # The customers' Source: the program the file came from, as the owner knows it.
        self.program = program_name(source)
        self.today = today
        self.now = dt.datetime.now().replace(microsecond=0)
        self.run_id = run_id
        # Ids for new customers, known before the insert so tags and contacts can use them.
        self._allocate_ids = dialect_of(session).id_allocator(session.connection(), "customers")
        # What every customer this import creates starts with.
        self._new_customer = {
            "customer_since": today, "created_at": self.now, "updated_at": self.now,
            "stage": "prospect", "visit_count": 0, "lifetime_value_minor": 0, "no_mail": False,
            "no_email": False, "no_birthday_cards": False, "no_calls": False,
            "no_campaigns": False, "source": self.program}
        self._tags = read_tag_ids(session)
        self.import_tag_id = self.tag_ids([import_tag])[0]
        self.matcher = Matcher(session, source, same_person)
        self.outcomes = OutcomeLog(policy)
        # Customers this import created whose referrer (an external id) is not known yet:
        # it may come later in the file. Each as (customer id, line, the value as given).
        self._referrals: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
        # Those whose referrer can be no id at all (a name in a spreadsheet's column).
        self._unknown_referrers: list[tuple[int, int, str]] = []

    def tag_ids(self, names: list[str]) -> list[int]:
        ids = []
        for name in names:
            key = name.casefold()
            if key not in self._tags:
                self._tags[key] = add_tag(self.session, name)
            ids.append(self._tags[key])
        return list(dict.fromkeys(ids))

    def write(self, records: list[CleanRecord]) -> BatchResult:
        """Store one batch of cleaned records (their keys filled in)."""
        result = BatchResult()
        matched = self.matcher.match(records)
        new: list[CleanRecord] = []
        new_index: dict[int, int] = {}
        updates: dict[int, list[CleanRecord]] = {}
        # External ids to store: (a new record's place in `new`, or a customer id, key).
        external_new: list[tuple[int, tuple[str, str]]] = []
        external_old: list[tuple[int, tuple[str, str]]] = []
        for index, (record, target) in enumerate(zip(records, matched.targets)):
            if (external_key := matched.new_external[index]) is not None:
                if target is None:
                    external_new.append((len(new), external_key))
                elif target[0] == "row":
                    external_new.append((new_index[target[1]], external_key))
                else:
                    external_old.append((target[1], external_key))
            if target is None:
                new_index[index] = len(new)
                new.append(record)
            elif target[0] == "row":
                earlier = new[new_index[target[1]]]
                changes = merged_values(earlier.values, record.values, self.policy)
                _take_extras(earlier, record, changes)
                earlier.values.update(changes)
                if changes:
                    earlier.keys = customer_keys_of(earlier.values)
                    result.updated += 1
                else:
                    result.skipped += 1
                self.outcomes.matched(record.line, target, matched.kinds[index], bool(changes))
            elif self.policy == SKIP:
                result.skipped += 1
                self.outcomes.matched(record.line, target, matched.kinds[index])
            else:
                updates.setdefault(target[1], []).append(record)
                self.outcomes.matched(record.line, target, matched.kinds[index], None)
        ids = self._insert(new, result) if new else []
        if updates:
            self._update(updates, result)
        result.outcomes, result.possible = self.outcomes.finish(
            records, matched.people, matched.possible, new_index, ids)
        if external_new or external_old:
            # The same customer matched again under another of the source's ids keeps both.
            stored = [(ids[n], key) for n, key in external_new] + external_old
            release_trashed_ids(self.session, (key for _, key in stored))
            bulk_insert(self.session, table_of(CustomerExternalId), [
                {"customer_id": customer_id, "source": source, "value": value}
                for customer_id, (source, value) in stored])
        if external_old:
            self._record_added_ids(external_old)
        if self._referrals:
            self._link_referrals(result)
        return result

    def _insert(self, records: list[CleanRecord], result: BatchResult) -> list[int]:
        ids = self._allocate_ids(len(records))
        rows = [(customer_id, *record.row()) for customer_id, record in zip(ids, records)]
        # The search index takes these rows at the end of the import (bulk_indexing).
        insert_customer_rows(self.session, ["id", *ROW_FIELDS], rows, shared=self._new_customer)
        result.created_ids.extend(ids)
        self.matcher.remember(record.match_keys() for record in records)
        tags: list[dict[str, Any]] = []
        contacts: list[dict[str, Any]] = []
        consents: list[dict[str, Any]] = []
        history: list[dict[str, Any]] = []
        own: list[tuple[int, dict[str, Any]]] = []
        moments: list[dict[str, Any]] = []
        for customer_id, record in zip(ids, records):
            # Most rows have none of these: test before building anything.
            if record.tags:
                tags.extend({"customer_id": customer_id, "tag_id": tag_id}
                            for tag_id in self.tag_ids(record.tags))
            if record.extra_emails or record.extra_phones:
                contacts.extend({"customer_id": customer_id, "kind": kind, "value": value,
                                 "label": ""}
                                for kind, values in (("email", record.extra_emails),
                                                     ("phone", record.extra_phones))
                                for value in values)
            if record.email_consent is not None or record.sms_consent is not None:
                consents.append({"customer_id": customer_id, "source": self.source,
                                 "email_marketing": record.email_consent,
                                 "sms_marketing": record.sms_consent,
                                 "recorded_at": self.now})
            if record.spent_minor or record.orders:
                history.extend(self._opening_history(customer_id, record))
                result.stats_ids.append(customer_id)
            if record.own is not None:
                own.append((customer_id, self._own_columns(record)))
                if found := opening_history(customer_id, record.own, today=self.today,
                                            note=self._opening_note()):
                    history.extend(found)
                    result.stats_ids.append(customer_id)
                moments.extend(
                    {"customer_id": customer_id, **moment._asdict()}
                    for moment in (*record.own.get("anniversaries", ()),
                                   *record.own.get("life_events", ())))
                if referred := record.own.get("referred_by", ""):
                    referral = (customer_id, record.line, referred)
                    if referrer := keyed(self.source, referred):
                        self._referrals.setdefault(referrer, []).append(referral)
                    else:
                        self._unknown_referrers.append(referral)
        if tags:
            insert_customer_tags(self.session, tags)
        for model, values in ((CustomerContact, contacts), (CustomerConsent, consents)):
            if values:
                bulk_insert(self.session, table_of(model), values)
        if history:
            insert_interactions(self.session, history)
        if own:
            update_customer_rows(self.session, own)
        if moments:
            # The customers area's table, written as its services would (core.store's
            # registry of tables; interchange holds no customers model).
            bulk_insert(self.session, Base.metadata.tables["moments"], moments)
        # After the file's own tags, which may include this one.
        self._tag_created(extend_ranges([], ids))
        return ids

    def _own_columns(self, record: CleanRecord) -> dict[str, Any]:
        """The customer columns our own export sets (core.interchange.own_fields); a row of
        ours that leaves one empty means it empty, another file's keeps the import's."""
        values = record.own or {}
        ours = keyed(self.source, record.external_id) is not None and \
            record.external_id.startswith(OWN_SOURCE + "-")
        columns: dict[str, Any] = {
            "customer_since": values.get("customer_since",
                                         None if ours else self._new_customer["customer_since"]),
            "source": values.get("source", "" if ours else self.program)}
        columns.update({flag: values.get(flag, False) for flag in FLAGS})
        return columns

    def _link_referrals(self, result: BatchResult) -> None:
        """Point customers at their referrers once those are known (one lookup a batch)."""
        found = self.matcher.customers_of(list(self._referrals))
        links = [(customer_id, {"referred_by_id": referrer_id})
                 for key, referrer_id in found.items()
                 for customer_id, _, _ in self._referrals.pop(key) if customer_id != referrer_id]
        if links:
            update_customer_rows(self.session, links)
            result.stats_ids.extend(customer_id for customer_id, _ in links)
            result.stats_ids.extend({link["referred_by_id"] for _, link in links})

    def finish(self) -> list[Problem]:
        """Once every batch is written: the referrers that name nobody the import knows, as
        warnings, with each value kept on its customer under Needs checking."""
        left = self._unknown_referrers + [referral for referrals in self._referrals.values()
                                          for referral in referrals]
        self._referrals, self._unknown_referrers = {}, []
        if not left:
            return []
        left.sort(key=lambda referral: referral[1])
        current = read_customer_fields(self.session, [customer_id for customer_id, _, _ in left],
                                       ("needs_checking",))
        rows = []
        for customer_id, _, value in left:
            note = needs_checking_text([Problem("referred_by", REFERRER_UNKNOWN,
                                                value[:KEPT_CHARS])])
            checking = current[customer_id]["needs_checking"] or ""
            current[customer_id]["needs_checking"] = merged_needs_checking(checking, note)
            rows.append((customer_id, {"needs_checking": current[customer_id]["needs_checking"]}))
        update_customer_rows(self.session, rows)
        return [Problem("referred_by", REFERRER_UNKNOWN, value[:KEPT_CHARS], line)
                for _, line, value in left]

    def _record_added_ids(self, added: list[tuple[int, tuple[str, str]]]) -> None:
        """Note the source's ids given to customers that existed, for undoing the import."""
        by_customer: dict[int, list[list[str]]] = {}
        for customer_id, key in added:
            by_customer.setdefault(customer_id, []).append(list(key))
        bulk_insert(self.session, table_of(ImportChange), [
            {"run_id": self.run_id, "customer_id": customer_id, "added_tag_ids": "[]",
             "before": "{}", "after": json.dumps({ADDED: {"external_ids": keys}})}
            for customer_id, keys in by_customer.items()])

    def _tag_created(self, ranges: list[int]) -> None:
        """Give the import's tag to every customer it created: `ranges` holds inclusive
        [first, last, first, last, ...] runs of their ids, and nobody else's. (A file
        exported after an import the same day may carry that tag already.)"""
        tag_customer_ranges(self.session, self.import_tag_id, ranges)

    def _opening_note(self) -> str:
        """The note on visits and totals brought in with a customer, as the history tab
        shows it (was "opening history (shopify)")."""
        return f"Brought in from {self.program}: before Regulars"

    def _opening_history(self, customer_id: int, record: CleanRecord) -> list[dict[str, Any]]:
        """Past orders as purchases dated today; the first carries the total spent."""
        orders = record.orders or (1 if record.spent_minor else 0)
        note = self._opening_note()
        return [{"customer_id": customer_id, "kind": "purchase", "occurred_on": self.today,
                 "amount_minor": (record.spent_minor or 0) if n == 0 else None, "note": note}
                for n in range(orders)]

    def _update(self, updates: dict[int, list[CleanRecord]], result: BatchResult) -> None:
        current = read_customer_fields(self.session, list(updates),
                                       (*UPDATABLE, *BIRTHDAY, *EXTRA))
        additions = MatchedAdditions(self.session, updates, current, source=self.source,
                                     now=self.now)
        have_tags = tag_ids_of_customers(self.session, [i for i, records in updates.items()
                                   if any(r.tags for r in records)])
        rows: list[tuple[int, dict[str, Any]]] = []
        history = []
        new_tags: list[dict[str, int]] = []
        for customer_id, records in updates.items():
            before = current[customer_id]
            after = dict(before)
            for record in records:
                after.update(merged_values(after, record.values, self.policy))
                after.update(merged_extras(after, record, self.policy))
            changed = {n: after[n] for n in (*UPDATABLE, *BIRTHDAY, *EXTRA)
                       if after[n] != before[n]}
            have = have_tags.get(customer_id, set())
            added_tags = [t for t in self.tag_ids([t for r in records for t in r.tags])
                          if t not in have]
            new_tags.extend({"customer_id": customer_id, "tag_id": t} for t in added_tags)
            added = additions.take(customer_id, after)
            self.outcomes.settle({r.line for r in records},
                                 bool(changed or added_tags or added))
            if not changed and not added_tags and not added:
                result.skipped += len(records)
                continue
            result.updated += len(records)
            keys = customer_keys_of(after)
            self.matcher.remember([(keys["email_key"], after["phone"], keys["name_postcode_key"])])
            values = {**{n: after[n] for n in (*UPDATABLE, *BIRTHDAY, *EXTRA)}, **keys,
                      "updated_at": self.now}
            rows.append((customer_id, values))
            history.append({"customer_id": customer_id, "added_tag_ids": json.dumps(added_tags),
                            "before": json.dumps({n: before[n] for n in changed}),
                            "after": json.dumps({**changed, **({ADDED: added} if added else {})})})
        update_customer_rows(self.session, rows)
        additions.flush()
        if new_tags:
            insert_customer_tags(self.session, new_tags)
        if history:
            bulk_insert(self.session, table_of(ImportChange),
                        [dict(h, run_id=self.run_id) for h in history])


def _take_extras(earlier: CleanRecord, record: CleanRecord, changes: dict[str, Any]) -> None:
    """What a later row of the file for the same new customer adds to the earlier one
    besides its fields: its further emails and phones, values to check, consent."""
    values = earlier.values
    for extras, primary, candidates in (
            (earlier.extra_emails, "email", [record.values["email"], *record.extra_emails]),
            (earlier.extra_phones, "phone", [record.values["phone"], *record.extra_phones])):
        for value in candidates:
            if value and value.casefold() != changes.get(primary, values[primary]).casefold() \
                    and value not in extras:
                extras.append(value)
    if record.values.get("needs_checking"):
        changes["needs_checking"] = merged_needs_checking(values["needs_checking"] or "",
                                                          record.values["needs_checking"])
    if earlier.email_consent is None and earlier.sms_consent is None:
        earlier.email_consent, earlier.sms_consent = record.email_consent, record.sms_consent


def extend_ranges(ranges: list[int], ids: list[int]) -> list[int]:
    """Append ids to a flat [first, last, first, last, ...] list of inclusive ranges."""
    for customer_id in ids:
        if ranges and ranges[-1] == customer_id - 1:
            ranges[-1] = customer_id
        else:
            ranges.extend((customer_id, customer_id))
    return ranges
