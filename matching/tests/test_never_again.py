"""A student is never sent back to a company that refused them (or where their placement
ended over discrimination): the engine input leaves that company out for them, and so do a
move's alternatives. (The review flag stays as the second line: see test_review_flags.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from matching.engine import run_round
from matching.models import Match, Run, Variant
from matching.selectors.preferences import eligible_pairs
from matching.selectors.review import alternatives
from matching.services import rounds_moves
from matching.services.preferences import preferences_save
from matching.tests.conftest import build_world, to_review


def _refused_and_ended(world: Any, offer: Any) -> None:
    from followup.services.ending import company_refuse, placement_stop
    from followup.tests.conftest import make_placement

    student = world.students[0]
    placement = make_placement(student, offer, by=world.coordinator)
    company_refuse(placement=placement, text="Past niet in het team", by=world.coordinator)
    placement_stop(
        placement=placement,
        reason="refusal",
        text="Bedrijf weigerde na de kennismaking",
        on=offer.period_start or dt.date(2027, 2, 1),
        by=world.coordinator,
    )


def test_the_engine_never_sends_a_student_back_to_a_company_that_refused_them(db: None) -> None:
    world = build_world(n_students=2, capacities=(2, 2, 2))
    first, second, third = world.offers
    _refused_and_ended(world, first)
    # Two refusals: only the third company is left for this student.
    _refused_and_ended(world, second)
    to_review(world)

    run = Run.objects.get(pk=world.refresh().chosen_run_id)
    student = world.students[0]
    profile_id = str(student.profile.pk)
    assert run.snapshot["excluded"] == {
        profile_id: sorted([str(first.company_id), str(second.company_id)])
    }
    match = Match.objects.get(round=world.round, profile__student=student)
    assert match.offer_id == third.pk
    other = Match.objects.get(round=world.round, profile__student=world.students[1])
    assert other.offer_id is not None  # the other student is not affected

    # A move's alternatives leave the refusing companies out for this student only.
    assert not [a for a in alternatives(match) if a["offer_id"] in (first.pk, second.pk)]
    assert {a["offer_id"] for a in alternatives(other)} & {first.pk, second.pk}

    # Without the exclusion the same input would have offered the first two companies: the
    # rule, not chance, kept them out.
    free = dict(run.snapshot)
    free.pop("excluded")
    pairs = run_round(free, run.seed)["candidates"][profile_id]
    assert {str(first.pk), str(second.pk)} <= {offer for offer, _score in pairs}


def test_the_preference_page_never_offers_a_company_that_refused_the_student(db: None) -> None:
    world = build_world(n_students=2, capacities=(2, 2, 2))
    first, second, third = world.offers
    _refused_and_ended(world, first)
    world.round.variant = Variant.TOP3
    world.round.save(update_fields=["variant"])
    rounds_moves.round_open_intake(round=world.round, by=world.coordinator)
    rounds_moves.round_close_intake(round=world.round, by=world.coordinator)
    student, other = world.students
    mine = eligible_pairs(world.round, student.profile)
    assert first.pk not in mine and {second.pk, third.pk} <= set(mine)
    assert first.pk in eligible_pairs(world.round, other.profile)
    # The server-side check of a ranking asks the same rule.
    with pytest.raises(ValidationError, match="getoonde"):
        preferences_save(round=world.round, profile=student.profile, offer_ids=[first.pk])
    preferences_save(round=world.round, profile=student.profile, offer_ids=[second.pk])
