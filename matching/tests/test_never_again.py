"""A student is never sent back to a company that refused them (or where their placement
ended over discrimination): the engine input leaves that company out for them, and so do a
move's alternatives. (The review flag stays as the second line: see test_review_flags.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

from matching.engine import run_round
from matching.models import Match, Run
from matching.selectors.review import alternatives
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
