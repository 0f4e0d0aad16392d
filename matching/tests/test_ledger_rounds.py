"""Rounds keep the ledger's promises: a new round leaves placed students out, a follow-up takes
exactly the students without a placement and the seats still free, forms are frozen from the
end of the intake, and companies see the wishes the match was made on."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cockpit.models import PlanningStep, StepKind, current_school_year
from companies.tests.factories import OfferFactory
from matching.models import Round, RoundStatus
from matching.selectors.population import round_population
from matching.selectors.snapshot import round_snapshot
from matching.services import proposal, review, rounds, rounds_moves, rounds_release, runs
from matching.tests.conftest import World, build_world, to_review
from placements.models import Placement, PlacementStatus
from students import services as student_services
from students.models import LearningProfile, ProfileChange

pytestmark = pytest.mark.django_db


def _approve_all(world: World, rnd: Round) -> None:
    for match in rnd.matches.filter(offer__isnull=False):
        review.match_approve(match=match, by=world.reviewer2, opened=True)
        review.match_approve(match=match, by=world.coordinator, opened=True)


def _run_and_review(world: World, rnd: Round) -> Round:
    rounds_moves.round_open_intake(round=rnd, by=world.coordinator)
    rounds_moves.round_close_intake(round=rnd, by=world.coordinator)
    run = runs.run_prepare(round=rnd, by=world.coordinator)
    runs.run_start(run=run, by=world.coordinator)
    runs.run_execute(run_id=run.pk)
    run.refresh_from_db()
    proposal.run_choose(run=run, by=world.coordinator)
    return Round.objects.get(pk=rnd.pk)


def _release(world: World, rnd: Round) -> Round:
    _approve_all(world, rnd)
    rounds_release.round_approve(round=rnd, by=world.coordinator)
    rounds_release.round_release(round=rnd, at=timezone.now(), by=world.coordinator, confirmed=True)
    return Round.objects.get(pk=rnd.pk)


def _new_round(world: World, name: str) -> Round:
    return rounds.round_create(
        institution=world.round.institution,
        name=name,
        programmes=[world.programme],
        cohort=2026,
        variant="direct",
        by=world.coordinator,
    )


def _extra_offer(world: World, capacity: int) -> Any:
    offer = OfferFactory.create(
        company=world.offers[0].company,
        programme=world.programme,
        capacity=capacity,
        hours_per_week=32,
        learning_text="Je bouwt webapplicaties en test software.",
    )
    offer.work_processes.set(world.offers[2].work_processes.all())
    return offer


def ledger_figures() -> dict[str, int]:
    """Students with two placements on one day, and offers over capacity on one day."""
    twice = 0
    by_student: dict[int, list[tuple[dt.date, dt.date]]] = {}
    for p in Placement.objects.all():
        by_student.setdefault(p.student_id, []).append(p.occupied)
    for periods in by_student.values():
        if any(
            a[0] < b[1] and b[0] < a[1] and a[0] < a[1] and b[0] < b[1]
            for i, a in enumerate(periods)
            for b in periods[i + 1 :]
        ):
            twice += 1
    over = 0
    for offer_id in set(Placement.objects.exclude(offer=None).values_list("offer_id", flat=True)):
        rows = [p for p in Placement.objects.filter(offer_id=offer_id).select_related("offer")]
        capacity = rows[0].offer.capacity if rows[0].offer else 0
        days: Counter[dt.date] = Counter()
        for p in rows:
            start, stop = p.occupied
            day = start
            while day < stop:
                days[day] += 1
                day += dt.timedelta(days=1)
        over += any(n > capacity for n in days.values())
    return {"students_twice": twice, "offers_over_capacity": over}


def test_a_second_round_for_the_same_cohort_leaves_placed_students_out(reviewed: World) -> None:
    first = _release(reviewed, reviewed.refresh())
    placed = first.matches.filter(offer__isnull=False).count()
    assert placed == 5
    client = Client()
    client.force_login(reviewed.coordinator)
    response = client.post(
        reverse("matching:round-create"),
        {
            "name": "Nog een ronde",
            "programmes": [reviewed.programme.pk],
            "cohort": 2026,
            "variant": "direct",
            "shortlist_size": 3,
            "objection_days": 5,
            "review_score_threshold": 50,
            **{f"w_{k}": v for k, v in first.weights.items()},
        },
        follow=True,
    )
    assert "5 studenten van dit cohort hebben al een stageplek" in response.content.decode()
    second = Round.objects.get(name="Nog een ronde")
    assert round_population(second).count() == 1
    rounds_moves.round_open_intake(round=second, by=reviewed.coordinator)
    # Every seat is used by the first round: nothing to offer.
    with pytest.raises(ValidationError, match="geen vrije plaatsen"):
        rounds_moves.round_close_intake(round=second, by=reviewed.coordinator)
    _extra_offer(reviewed, capacity=3)
    rounds_moves.round_close_intake(round=second, by=reviewed.coordinator)
    run = runs.run_prepare(round=second, by=reviewed.coordinator)
    assert len(run.snapshot["students"]) == 1
    assert [o["capacity"] for o in run.snapshot["offers"]] == [3]
    runs.run_start(run=run, by=reviewed.coordinator)
    runs.run_execute(run_id=run.pk)
    run.refresh_from_db()
    proposal.run_choose(run=run, by=reviewed.coordinator)
    _release(reviewed, Round.objects.get(pk=second.pk))
    assert Placement.objects.count() == 6
    assert ledger_figures() == {"students_twice": 0, "offers_over_capacity": 0}


def test_follow_up_of_a_follow_up_sees_every_round_before_it() -> None:
    world = build_world(n_students=8, capacities=(2, 2, 1))
    first = _release(world, _run_and_review(world, world.round))
    assert first.matches.filter(offer__isnull=True).count() == 3
    _extra_offer(world, capacity=1)
    second = rounds.follow_up_create(round=first, by=world.coordinator)
    second = _release(world, _run_and_review(world, second))
    unplaced = set(second.matches.filter(offer__isnull=True).values_list("profile_id", flat=True))
    assert len(unplaced) == 2
    newest = _extra_offer(world, capacity=1)
    third = rounds.follow_up_create(round=second, by=world.coordinator)
    rounds_moves.round_open_intake(round=third, by=world.coordinator)
    rounds_moves.round_close_intake(round=third, by=world.coordinator)
    snap = round_snapshot(third)
    # Exactly the students without a placement, and only the seats no round has used.
    assert {int(s["id"]) for s in snap["students"]} == unplaced
    assert [(int(o["id"]), o["capacity"]) for o in snap["offers"]] == [(newest.pk, 1)]
    assert ledger_figures() == {"students_twice": 0, "offers_over_capacity": 0}


def test_two_rounds_at_once_cannot_both_place_a_student(reviewed: World) -> None:
    rival = _new_round(reviewed, "Tegelijk")
    _extra_offer(reviewed, capacity=6)
    rival = _run_and_review(reviewed, rival)
    _release(reviewed, reviewed.refresh())
    _approve_all(reviewed, rival)
    with pytest.raises(ValidationError, match="intussen al een stageplek"):
        rounds_release.round_approve(round=rival, by=reviewed.coordinator)
    assert Round.objects.get(pk=rival.pk).status == RoundStatus.REVIEW
    run = rival.chosen_run
    assert run is not None
    with pytest.raises(ValidationError, match="Bereid een nieuwe run voor"):
        proposal.run_choose(run=run, by=reviewed.coordinator)
    assert ledger_figures() == {"students_twice": 0, "offers_over_capacity": 0}


def test_back_to_review_gives_the_held_seats_back(reviewed: World) -> None:
    _approve_all(reviewed, reviewed.refresh())
    rounds_release.round_approve(round=reviewed.round, by=reviewed.coordinator)
    assert Placement.objects.filter(visible_from=None).count() == 5
    rounds_release.round_reopen_review(round=reviewed.round, by=reviewed.coordinator)
    assert not Placement.objects.exists()
    assert not reviewed.refresh().matches.filter(placement__isnull=False).exists()


# --- frozen inputs ------------------------------------------------------------------------------


def _data(profile: LearningProfile, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "learning_wish_1": profile.learning_wish_1,
        "learning_wish_2": "",
        "learning_wish_3": "",
        "transport_mode": profile.transport_mode,
        "max_travel_minutes": profile.max_travel_minutes,
        "available_from": profile.available_from,
        "available_until": profile.available_until,
        "hours_per_week": profile.hours_per_week,
        "needs_extra_supervision": False,
        "home_place": profile.home_place,
        "work_process_ids": list(profile.wishes.values_list("work_process_id", flat=True)),
    }
    data.update(changes)
    return data


def _save(world: World, student: Any, by: Any, **changes: Any) -> None:
    profile = LearningProfile.objects.get(student=student)
    student_services.profile_save(
        student=student, data=_data(profile, **changes), by=by, submit=True
    )


def test_forms_are_frozen_from_the_end_of_the_intake_until_the_release(world: World) -> None:
    student = world.students[0]
    rounds_moves.round_open_intake(round=world.round, by=world.coordinator)
    _save(world, student, student.user, max_travel_minutes=40)  # open during the intake
    rounds_moves.round_close_intake(round=world.round, by=world.coordinator)
    with pytest.raises(ValidationError, match="De matching loopt"):
        _save(world, student, student.user, max_travel_minutes=50)
    client = Client()
    client.force_login(student.user)
    page = client.get(reverse("students:home")).content.decode()
    assert "De matching loopt" in page
    # Staff may still change it, and that is logged as made while frozen.
    _save(world, student, world.reviewer, max_travel_minutes=45)
    change = ProfileChange.objects.filter(profile__student=student).latest("changed_at")
    assert change.frozen and change.changed_by == world.reviewer


def test_after_the_release_placed_stay_frozen_and_unplaced_edit_for_the_follow_up(
    reviewed: World,
) -> None:
    PlanningStep.objects.create(  # the intake date in the planning: yesterday
        institution=reviewed.programme.institution,
        school_year=current_school_year(),
        programme=reviewed.programme,
        kind=StepKind.INTAKE_CLOSE,
        due_on=timezone.localdate() - dt.timedelta(days=1),
    )
    first = _release(reviewed, reviewed.refresh())
    placed = first.matches.filter(offer__isnull=False).select_related("offer__company").first()
    unplaced = first.matches.filter(offer__isnull=True).first()
    assert placed is not None and unplaced is not None and placed.offer is not None
    placed_student = placed.profile.student
    unplaced_student = unplaced.profile.student
    with pytest.raises(ValidationError, match=re.escape(placed.offer.company.legal_name)):
        _save(reviewed, placed_student, placed_student.user, max_travel_minutes=50)
    # The deadline has passed: closed until a follow-up round takes in forms.
    with pytest.raises(ValidationError, match="deadline is voorbij"):
        _save(reviewed, unplaced_student, unplaced_student.user, max_travel_minutes=60)
    follow = rounds.follow_up_create(round=first, by=reviewed.coordinator)
    rounds_moves.round_open_intake(round=follow, by=reviewed.coordinator)
    _save(reviewed, unplaced_student, unplaced_student.user, max_travel_minutes=60)
    assert LearningProfile.objects.get(student=unplaced_student).max_travel_minutes == 60
    with pytest.raises(ValidationError, match=re.escape(placed.offer.company.legal_name)):
        _save(reviewed, placed_student, placed_student.user, max_travel_minutes=50)


def test_the_company_sees_the_wishes_the_match_was_made_on(reviewed: World) -> None:
    first = _release(reviewed, reviewed.refresh())
    match = first.matches.filter(offer__isnull=False).select_related("offer").first()
    assert match is not None and match.offer is not None
    student = match.profile.student
    original = match.profile.learning_wish_1
    assert match.wishes["learning_wishes"] == [original]
    _save(reviewed, student, reviewed.coordinator, learning_wish_1="Iets heel anders dan eerst.")
    contact = next(c for c in reviewed.contacts if c.company_id == match.offer.company_id)
    client = Client()
    client.force_login(contact.user)
    page = client.get(reverse("matching:company-results")).content.decode()
    assert original in page and "Iets heel anders" not in page
    placement = Placement.objects.get(student=student)
    assert placement.status == PlacementStatus.ACTIVE and placement.wishes == match.wishes


def test_run_input_leaves_out_students_placed_by_an_own_placement(world: World) -> None:
    from placements.services import own_placement_decide
    from students.models import OwnPlacement

    student = world.students[0]
    own = OwnPlacement.objects.create(
        student=student,
        company=world.offers[0].company,
        period_start=dt.date(2027, 2, 1),
        period_end=dt.date(2027, 6, 30),
    )
    own_placement_decide(placement=own, approve=True, reason="", by=world.coordinator)
    to_review(world)
    assert student.profile.pk not in set(
        world.refresh().matches.values_list("profile_id", flat=True)
    )
