"""Complaints: due by severity, every status change kept with its time, time to resolve
without the time spent waiting on the customer; promises kept early, on time or late."""
from __future__ import annotations

import datetime as dt

import pytest

from core.complaints.errors import ComplaintEnded, PromiseKept
from core.complaints.queries import (
    customer_complaints,
    get_complaint,
    get_promise,
    listening_figures,
    promises_due,
    unresolved_complaints,
)
from core.complaints.services import (
    add_promise,
    close_complaint,
    keep_promise,
    move_complaint,
    open_complaint,
    resolve_complaint,
)
from core.complaints.timing import first_response, spread, time_to_resolve
from core.complaints.types import (
    EARLY,
    IN_PROGRESS,
    LATE,
    ON_TIME,
    OPEN,
    RESOLVED,
    WAITING,
    ComplaintDraft,
    ComplaintSettings,
    StatusChange,
)
from core.kernel.errors import Invalid, NotFound
from core.settings.services import save_settings
from core.store.db import Database

from tests.core.program.shop import add_customer

D = dt.date
T = dt.datetime
H = dt.timedelta(hours=1)


def test_time_to_resolve_leaves_out_the_hours_spent_waiting_on_the_customer() -> None:
    opened = T(2026, 11, 2, 9, 0)
    history = [
        StatusChange(OPEN, opened),
        StatusChange(IN_PROGRESS, T(2026, 11, 2, 11, 0)),  # answered after 2 hours
        StatusChange(WAITING, T(2026, 11, 2, 12, 0)),  # waiting 24 hours for a photo
        StatusChange(IN_PROGRESS, T(2026, 11, 3, 12, 0)),
        StatusChange(WAITING, T(2026, 11, 3, 14, 0)),  # and 4 more for a reply
        StatusChange(RESOLVED, T(2026, 11, 3, 18, 0)),
    ]
    # 33 hours from opening to resolution, 28 of them waiting on the customer.
    assert time_to_resolve(opened, history) == 5 * H
    assert first_response(opened, history) == 2 * H


def test_a_complaint_not_yet_resolved_or_closed_without_resolution_has_no_time_to_resolve(
) -> None:
    opened = T(2026, 11, 2, 9, 0)
    assert time_to_resolve(opened, [StatusChange(OPEN, opened)]) is None
    assert first_response(opened, [StatusChange(OPEN, opened)]) is None


def test_median_and_90th_percentile_of_known_times() -> None:
    values = [n * H for n in range(1, 11)]  # 1..10 hours
    result = spread(values)
    assert (result.count, result.median, result.p90) == (10, 5.5 * H, 9 * H)
    assert spread([]).median is None


def test_a_complaint_is_due_by_its_severitys_days_in_settings(db: Database) -> None:
    today = D(2026, 11, 2)
    ana = add_customer(db, "Ana", today=today)
    with db.unit_of_work() as session:
        save_settings(session, ComplaintSettings(high_due_days=2))
        high = open_complaint(session, ComplaintDraft(ana, "Wrong size", "high", "sam",
                                                      T(2026, 11, 2, 10)))
        low = open_complaint(session, ComplaintDraft(ana, "Slow queue", "low", "sam",
                                                     T(2026, 11, 2, 10)))
    with db.unit_of_work() as session:
        assert get_complaint(session, high).due_on == D(2026, 11, 4)
        assert get_complaint(session, low).due_on == D(2026, 11, 9)  # the default 7 days
        assert [c.id for c in unresolved_complaints(session, customer_id=ana)] == [high, low]


def test_each_status_change_is_kept_with_its_time_and_the_figures_leave_out_waiting(
        db: Database) -> None:
    today = D(2026, 11, 10)
    ana = add_customer(db, "Ana", today=today)
    with db.unit_of_work() as session:
        first = open_complaint(session, ComplaintDraft(ana, "Cake was dry", "normal", "sam",
                                                       T(2026, 11, 2, 9)))
        move_complaint(session, first, IN_PROGRESS, at=T(2026, 11, 2, 10))
        move_complaint(session, first, WAITING, at=T(2026, 11, 2, 11))
        move_complaint(session, first, IN_PROGRESS, at=T(2026, 11, 4, 11))
        resolve_complaint(session, first, resolution="Baked a new one", satisfied=True,
                          at=T(2026, 11, 4, 13))
        second = open_complaint(session, ComplaintDraft(ana, "Rude on the phone", "high", "",
                                                        T(2026, 11, 5, 9)))
        resolve_complaint(session, second, resolution="Apologised", at=T(2026, 11, 5, 15))
        third = open_complaint(session, ComplaintDraft(ana, "Card declined", "low", "",
                                                       T(2026, 11, 6, 9)))
        close_complaint(session, third, reason="Their bank's fault", at=T(2026, 11, 6, 10))
    with db.unit_of_work() as session:
        row = get_complaint(session, first)
        assert [c.status for c in row.history] == [OPEN, IN_PROGRESS, WAITING, IN_PROGRESS,
                                                   RESOLVED]
        assert (row.status, row.resolution, row.satisfied) == (RESOLVED, "Baked a new one", True)
        figures = listening_figures(session, today)
        # First: 4 hours working (52 hours less 48 waiting); second: 6 hours; the closed
        # third has no time to resolve.
        assert (figures.resolve.count, figures.resolve.median) == (2, 5 * H)
        assert figures.resolve.p90 == 6 * H
        # First responses: 1 hour, 6 hours (resolved at once), 1 hour (closed).
        assert (figures.first_response.count, figures.first_response.median) == (3, 1 * H)
        assert [c.id for c in customer_complaints(session, ana)] == [third, second, first]
        assert unresolved_complaints(session) == ()


def test_a_resolved_complaint_cannot_move_again_and_bad_input_names_the_field(
        db: Database) -> None:
    ana = add_customer(db, "Ana", today=D(2026, 11, 2))
    with db.unit_of_work() as session:
        with pytest.raises(Invalid) as blank:
            open_complaint(session, ComplaintDraft(ana, "  ", "urgent"))
        assert {p.field for p in blank.value.problems} == {"summary", "severity"}
        with pytest.raises(NotFound):
            open_complaint(session, ComplaintDraft(ana + 100, "Lost parcel"))
        done = open_complaint(session, ComplaintDraft(ana, "Lost parcel", opened_at=T(2026, 11, 2, 9)))
        with pytest.raises(Invalid) as early:
            resolve_complaint(session, done, resolution="Found it", at=T(2026, 11, 1, 9))
        assert early.value.problems[0].field == "at"
        with pytest.raises(Invalid):
            resolve_complaint(session, done, resolution="")
        resolve_complaint(session, done, resolution="Found it", at=T(2026, 11, 2, 12))
        with pytest.raises(ComplaintEnded):
            move_complaint(session, done, IN_PROGRESS)
        with pytest.raises(ComplaintEnded):
            resolve_complaint(session, done, resolution="Found it again")
        with pytest.raises(ComplaintEnded):
            close_complaint(session, done, reason="Gone quiet")


def test_promises_kept_early_on_time_and_late_and_the_on_time_rate_over_90_days(
        db: Database) -> None:
    today = D(2026, 11, 30)
    ana = add_customer(db, "Ana", today=today)
    made = D(2026, 8, 1)
    with db.unit_of_work() as session:
        def promise(due: D, kept: D | None) -> int:
            new = add_promise(session, customer_id=ana, what="Frame ready", due_on=due,
                              made_on=made)
            if kept is not None:
                keep_promise(session, new, kept_on=kept)
            return new

        early = promise(D(2026, 11, 20), D(2026, 11, 18))
        on_time = promise(D(2026, 11, 21), D(2026, 11, 21))
        late = promise(D(2026, 11, 22), D(2026, 11, 25))
        promise(D(2026, 11, 23), None)  # never kept: overdue, and not on time
        promise(D(2026, 8, 20), D(2026, 8, 20))  # due more than 90 days ago: not counted
        promise(D(2026, 11, 30), None)  # due today: may still be kept, not counted yet
        promise(D(2026, 12, 4), None)  # due in four days
        promise(D(2026, 12, 20), None)  # too far ahead for "due"
    with db.unit_of_work() as session:
        assert [get_promise(session, p).kept for p in (early, on_time, late)] == [
            EARLY, ON_TIME, LATE]
        assert get_promise(session, late).days_late(today) == 3
        figures = listening_figures(session, today)
        assert (figures.promises_on_time, figures.promises_due) == (2, 4)
        assert figures.promises_on_time_share == 0.5
        due = promises_due(session, today)
        assert [p.due_on for p in due] == [D(2026, 11, 23), D(2026, 11, 30), D(2026, 12, 4)]
        with pytest.raises(PromiseKept):
            keep_promise(session, early)
        with pytest.raises(Invalid) as before:
            add_promise(session, customer_id=ana, what="Quote", due_on=D(2026, 7, 1),
                        made_on=made)
        assert before.value.problems[0].field == "due_on"
