"""The placement ledger: one placement per student per day, every seat once, on every
backend through the services and, where the database can, through the database itself."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction

from accounts.models import Role
from accounts.tenancy import school_scope
from accounts.tests.factories import UserFactory
from companies.tests.factories import CompanyFactory, OfferFactory
from placements.models import Placement, PlacementBasis, PlacementSource, PlacementStatus, Seat
from placements.selectors import free_seats, placed_student_ids
from placements.services import (
    Claim,
    own_placement_decide,
    placement_end_early,
    placement_replace,
    placements_hold,
)
from students.models import OwnPlacement, OwnPlacementStatus
from students.tests.factories import LearningProfileFactory, StudentFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 1, 10)  # before the offers' period (1 Feb - 30 Jun 2027)


@pytest.fixture
def staff():
    first = UserFactory.create(role=Role.COORDINATOR)
    second = UserFactory.create(role=Role.REVIEWER, institution=first.institution)
    return first, second


def _offer(staff, capacity: int = 1, **kwargs):
    return OfferFactory.create(
        company__institution=staff[0].institution, capacity=capacity, **kwargs
    )


def _student(staff):
    return StudentFactory.create(user__institution=staff[0].institution)


def _hold(students, offer, by, on=TODAY):
    return placements_hold(
        claims=[Claim(student_id=s.pk, offer_id=offer.pk, label=f"S-{s.pk}") for s in students],
        by=by,
        on=on,
    )


def test_a_hold_claims_one_seat_per_student_and_refuses_an_overfull_offer(staff) -> None:
    offer = _offer(staff, capacity=2)
    students = [_student(staff) for _ in range(3)]
    with pytest.raises(ValidationError, match="niet genoeg plaatsen"):
        _hold(students, offer, staff[0])
    assert not Placement.objects.exists()  # all or nothing
    held = _hold(students[:2], offer, staff[0])
    assert {p.seat.number for p in held} == {1, 2}
    assert all(p.visible_from is None and p.source == PlacementSource.MATCH for p in held)
    assert (held[0].start_date, held[0].end_date) == (offer.period_start, offer.period_end)
    assert free_seats([offer], TODAY) == {offer.pk: 0}
    with pytest.raises(ValidationError, match="niet genoeg plaatsen"):
        _hold(students[2:], offer, staff[0])


def test_a_student_is_never_placed_twice_for_the_same_days(staff) -> None:
    first, second = _offer(staff), _offer(staff)
    student = _student(staff)
    _hold([student], first, staff[0])
    with pytest.raises(ValidationError, match="al een stageplek"):
        _hold([student], second, staff[0])
    assert Placement.objects.filter(student=student).count() == 1
    assert list(placed_student_ids(on=TODAY)) == [student.pk]


def test_a_placement_that_ends_early_frees_its_seat_for_the_remaining_dates(staff) -> None:
    offer = _offer(staff)
    leaver, newcomer = _student(staff), _student(staff)
    (placement,) = _hold([leaver], offer, staff[0])
    march = dt.date(2027, 3, 1)
    assert free_seats([offer], march) == {offer.pk: 0}
    # Never before its start (years back would open the evaluation at once).
    with pytest.raises(ValidationError, match="begint op"):
        placement_end_early(
            placement=placement, on=dt.date(2020, 1, 1), reason="Past niet", by=staff[0]
        )
    placement_end_early(placement=placement, on=march, reason="Past niet", by=staff[0])
    assert free_seats([offer], march) == {offer.pk: 1}
    # Before the end the seat was in use: not free for the whole period.
    assert free_seats([offer], dt.date(2027, 2, 1)) == {offer.pk: 0}
    (again,) = _hold([newcomer], offer, staff[0], on=march)
    assert again.seat_id == placement.seat_id and again.start_date == march
    assert leaver.pk not in set(placed_student_ids(on=march))


def test_an_approved_own_placement_is_a_placement_and_blocks_an_overlapping_one(staff) -> None:
    student = _student(staff)
    LearningProfileFactory.create(student=student)
    own = OwnPlacement.objects.create(
        student=student,
        company=CompanyFactory.create(institution=staff[0].institution),
        period_start=dt.date(2027, 2, 1),
        period_end=dt.date(2027, 6, 30),
    )
    placement = own_placement_decide(placement=own, approve=True, reason="", by=staff[0])
    assert placement is not None and placement.source == PlacementSource.OWN
    assert placement.visible_from is not None and placement.seat is None
    own.refresh_from_db()
    assert own.status == OwnPlacementStatus.APPROVED
    with pytest.raises(ValidationError, match="al beslist"):
        own_placement_decide(placement=own, approve=True, reason="", by=staff[0])
    with pytest.raises(ValidationError, match="al een stageplek"):
        _hold([student], _offer(staff), staff[0])


def test_re_placement_needs_a_second_person_and_a_free_seat(staff) -> None:
    old_offer, full, free = _offer(staff), _offer(staff), _offer(staff)
    student, other = _student(staff), _student(staff)
    (placement,) = _hold([student], old_offer, staff[0])
    _hold([other], full, staff[0])
    args = {"placement": placement, "reason": "Bezwaar toegekend", "on": TODAY}
    with pytest.raises(ValidationError, match="tweede persoon"):
        placement_replace(offer_id=free.pk, proposed_by=staff[0], approved_by=staff[0], **args)
    with pytest.raises(ValidationError, match="geen plaats meer vrij"):
        placement_replace(offer_id=full.pk, proposed_by=staff[0], approved_by=staff[1], **args)
    new = placement_replace(offer_id=free.pk, proposed_by=staff[0], approved_by=staff[1], **args)
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.ENDED_EARLY and new.replaces == placement
    assert new.source == PlacementSource.REPLACEMENT and new.visible_from is not None
    # The old seat is offered again; the student holds one placement for any day.
    assert free_seats([old_offer], TODAY) == {old_offer.pk: 1}
    assert free_seats([free], TODAY) == {free.pk: 0}
    assert sorted(placed_student_ids(on=TODAY)) == sorted([student.pk, other.pk])


# --- the database's own guards ------------------------------------------------------------------


def test_the_database_refuses_two_running_placements_on_one_seat(staff) -> None:
    offer = _offer(staff, capacity=2)
    (held,) = _hold([_student(staff)], offer, staff[0])
    copy = Placement(
        student=_student(staff),
        company=offer.company,
        offer=offer,
        seat=held.seat,
        start_date=offer.period_start,
        end_date=offer.period_end,
        source=PlacementSource.MATCH,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()


def test_postgresql_refuses_overlapping_days_of_one_student_or_one_seat(staff) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("exclusion constraints exist on PostgreSQL only (CI runs this)")
    offer = _offer(staff, capacity=2)
    student = _student(staff)
    (held,) = _hold([student], offer, staff[0])
    own_company = CompanyFactory.create(institution=staff[0].institution)
    twice = Placement(
        student=student,
        company=own_company,
        start_date=dt.date(2027, 6, 1),
        end_date=dt.date(2027, 8, 1),
        source=PlacementSource.OWN,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        twice.save()
    # An ended placement keeps its seat until the day it ended; a second placement on that
    # seat may start then, not before.
    placement_end_early(placement=held, on=dt.date(2027, 3, 1), reason="x", by=staff[0])
    early = Placement(
        student=_student(staff),
        company=offer.company,
        offer=offer,
        seat=held.seat,
        start_date=dt.date(2027, 2, 28),
        end_date=offer.period_end,
        source=PlacementSource.MATCH,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        early.save()
    early.start_date = dt.date(2027, 3, 1)
    early.save()


@pytest.mark.django_db(transaction=True)
def test_parallel_holds_never_share_the_last_seat() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks are only meaningful on PostgreSQL (CI runs this)")
    coordinator = UserFactory.create(role=Role.COORDINATOR)
    staff = (coordinator, coordinator)
    offer = _offer(staff, capacity=1)
    students = [_student(staff) for _ in range(8)]
    barrier = threading.Barrier(len(students))
    results: list[str] = []

    def claim(student) -> None:
        try:
            barrier.wait()
            # A thread starts without a scope; a request would run in the coordinator's school.
            with school_scope(offer.company.institution_id):
                _hold([student], offer, coordinator)
            results.append("ok")
        except ValidationError:
            results.append("full")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=claim, args=(s,)) for s in students]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("ok") == 1 and Placement.objects.filter(offer=offer).count() == 1
    assert Seat.objects.filter(offer=offer).count() == 1


def test_what_a_placement_was_made_on_is_kept_beside_it_however_it_is_written(staff) -> None:
    """Wishes and explanation live in `PlacementBasis`: written by the hold's bulk insert and
    by a plain save; a placement without them reads `{}` and writes nothing on reading."""
    offer = _offer(staff, capacity=2)
    first, second = _student(staff), _student(staff)
    claim = Claim(
        student_id=first.pk, offer_id=offer.pk, label="S-1", wishes={"w": [1]}, explanation={"e": 2}
    )
    (held,) = placements_hold(claims=[claim], by=staff[0], on=TODAY)
    again = Placement.objects.get(pk=held.pk)
    assert (again.wishes, again.explanation) == ({"w": [1]}, {"e": 2})
    again.explanation = {"e": 3}
    again.save()
    assert Placement.objects.get(pk=held.pk).explanation == {"e": 3}
    (bare,) = _hold([second], offer, staff[0])
    PlacementBasis.objects.filter(placement=bare).delete()
    assert Placement.objects.get(pk=bare.pk).wishes == {}
    assert not PlacementBasis.objects.filter(placement=bare).exists()  # reading wrote nothing
