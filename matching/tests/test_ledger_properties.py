"""Whatever sequence of rounds, follow-ups, own placements, early ends and re-placements a
school runs, no student holds two placements on one day and no seat is used twice.

A hypothesis state machine drives the real services in random orders; a step a service
refuses (a precondition) simply leaves the state as it was, and the invariant is checked
after every step.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)

from companies.tests.factories import OfferFactory
from matching.models import Match, Round, RoundStatus, RunStatus
from matching.services import proposal, review, rounds, rounds_moves, rounds_release, runs
from matching.tests.conftest import build_world
from matching.tests.test_ledger_rounds import ledger_figures
from placements.models import Placement, PlacementStatus
from placements.services import own_placement_decide, placement_end_early, placement_replace
from students.models import OwnPlacement, OwnPlacementStatus

OFFER_START, OFFER_END = dt.date(2027, 2, 1), dt.date(2027, 6, 30)


class RoundsAndPlacements(RuleBasedStateMachine):
    rounds = Bundle("rounds")

    def __init__(self) -> None:
        super().__init__()
        self.world = build_world(n_students=9, capacities=(2, 1, 2))
        self.steps: list[str] = []

    def _try(self, name: str, action) -> None:
        try:
            action()
            self.steps.append(name)
        except ValidationError:
            self.steps.append(f"{name} (geweigerd)")

    def _allocate(self, rnd: Round) -> None:
        by = self.world.coordinator
        rounds_moves.round_open_intake(round=rnd, by=by)
        rounds_moves.round_close_intake(round=rnd, by=by)
        run = runs.run_prepare(round=rnd, by=by)
        runs.run_start(run=run, by=by)
        runs.run_execute(run_id=run.pk)
        run.refresh_from_db()
        assert run.status == RunStatus.DONE
        proposal.run_choose(run=run, by=by)

    def _approve(self, rnd: Round) -> None:
        for m in rnd.matches.filter(offer__isnull=False).exclude(status="approved"):
            review.match_approve(match=m, by=self.world.reviewer2, opened=True)
            review.match_approve(match=m, by=self.world.coordinator, opened=True)
        rounds_release.round_approve(round=rnd, by=self.world.coordinator)

    def _release(self, rnd: Round) -> None:
        rounds_release.round_release(
            round=rnd, at=timezone.now(), by=self.world.coordinator, confirmed=True
        )

    @rule(
        target=rounds,
        follow_up=st.booleans(),
        stop=st.sampled_from(["review", "approved", "released"]),
    )
    def round_through(self, follow_up: bool, stop: str) -> int:
        """A new round (or a follow-up of the last released one), as far as `stop`."""
        released = Round.objects.filter(
            institution=self.world.round.institution, status=RoundStatus.RELEASED
        ).order_by("-pk")
        by = self.world.coordinator
        if follow_up and released.exists():
            rnd = rounds.follow_up_create(round=released[0], by=by)
        else:
            rnd = rounds.round_create(
                institution=self.world.round.institution,
                name="Ronde",
                programmes=[self.world.programme],
                cohort=2026,
                variant="direct",
                by=by,
            )

        def go() -> None:
            self._allocate(rnd)
            if stop != "review":
                self._approve(Round.objects.get(pk=rnd.pk))
            if stop == "released":
                self._release(Round.objects.get(pk=rnd.pk))

        self._try(f"round to {stop}", go)
        return rnd.pk

    @rule(rnd=rounds)
    def advance(self, rnd: int) -> None:
        """One step further: review -> approved, approved -> released."""
        r = Round.objects.get(pk=rnd)
        if r.status == RoundStatus.REVIEW:
            self._try("approve", lambda: self._approve(r))
        elif r.status == RoundStatus.APPROVED:
            self._try("release", lambda: self._release(r))

    @rule(rnd=rounds)
    def back_to_review(self, rnd: int) -> None:
        r = Round.objects.get(pk=rnd)
        if r.status == RoundStatus.APPROVED:
            self._try(
                "reopen", lambda: rounds_release.round_reopen_review(round=r, by=r.created_by)
            )

    @rule(capacity=st.integers(min_value=1, max_value=3))
    def recruit(self, capacity: int) -> None:
        offer = OfferFactory.create(
            company=self.world.offers[0].company,
            programme=self.world.programme,
            capacity=capacity,
            hours_per_week=32,
            learning_text="Je bouwt webapplicaties en test software.",
        )
        offer.work_processes.set(self.world.offers[2].work_processes.all())
        self.steps.append(f"recruit {capacity}")

    @rule(index=st.integers(min_value=0, max_value=8), approve=st.booleans())
    def own_placement(self, index: int, approve: bool) -> None:
        student = self.world.students[index]
        OwnPlacement.objects.filter(student=student).exclude(
            status=OwnPlacementStatus.APPROVED
        ).delete()
        if OwnPlacement.objects.filter(student=student).exists():
            return
        own = OwnPlacement.objects.create(
            student=student,
            company=self.world.offers[1].company,
            period_start=OFFER_START,
            period_end=OFFER_END,
        )
        self._try(
            "own placement",
            lambda: own_placement_decide(
                placement=own,
                approve=approve,
                reason="" if approve else "x",
                by=self.world.coordinator,
            ),
        )

    @rule(pick=st.integers(min_value=0, max_value=50), day=st.sampled_from([0, 40, 149]))
    def end_early(self, pick: int, day: int) -> None:
        running = list(Placement.objects.filter(status=PlacementStatus.ACTIVE).order_by("pk"))
        if not running:
            return
        placement = running[pick % len(running)]
        on = min(placement.end_date, placement.start_date + dt.timedelta(days=day))
        self._try(
            "end early",
            lambda: placement_end_early(
                placement=placement, on=on, reason="Past niet", by=self.world.coordinator
            ),
        )

    @rule(pick=st.integers(min_value=0, max_value=50), offer=st.integers(min_value=0, max_value=9))
    def re_place(self, pick: int, offer: int) -> None:
        running = list(
            Placement.objects.filter(
                status=PlacementStatus.ACTIVE, visible_from__isnull=False, offer__isnull=False
            ).order_by("pk")
        )
        offers = list(self.world.programme.offers.order_by("pk"))
        if not running:
            return
        placement = running[pick % len(running)]
        self._try(
            "re-place",
            lambda: placement_replace(
                placement=placement,
                offer_id=offers[offer % len(offers)].pk,
                reason="Bezwaar toegekend",
                proposed_by=self.world.coordinator,
                approved_by=self.world.reviewer2,
            ),
        )

    @invariant()
    def one_placement_per_day_and_every_seat_once(self) -> None:
        assert ledger_figures() == {"students_twice": 0, "offers_over_capacity": 0}, self.steps
        # A released match points at the placement that holds its seat.
        for m in Match.objects.filter(round__status=RoundStatus.RELEASED, offer__isnull=False):
            assert m.placement_id is not None, self.steps


@pytest.mark.django_db
def test_no_sequence_of_round_operations_places_a_student_twice_or_overfills_a_seat() -> None:
    run_state_machine_as_test(
        RoundsAndPlacements,
        settings=settings(
            max_examples=10,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
