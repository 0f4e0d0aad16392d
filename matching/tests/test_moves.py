"""Every move of a round is its own service: each precondition refuses on its own, with a
Dutch message, and leaves the round where it was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import outbox
from accounts.models import OutboxMessage
from companies.models import Offer
from matching.models import (
    Match,
    MatchStatus,
    Objection,
    ObjectionStatus,
    Round,
    RoundStatus,
    RunStatus,
    Variant,
)
from matching.services import objections, proposal, review, rounds_moves, rounds_release, runs
from matching.tests.conftest import World, build_world, to_review
from students.models import LearningProfile, ProfileStatus

pytestmark = pytest.mark.django_db


def _refused(world: World, service: Callable[..., Any], match: str, **kwargs: Any) -> None:
    before = world.refresh().status
    n_transitions = world.round.transitions.count()
    with pytest.raises(ValidationError, match=match):
        service(round=world.round, by=world.coordinator, **kwargs)
    assert world.refresh().status == before
    assert world.round.transitions.count() == n_transitions


def _approve_all(world: World) -> None:
    rnd = world.refresh()
    for match in rnd.matches.filter(offer__isnull=False):
        review.match_approve(match=match, by=world.reviewer2, opened=True)
        review.match_approve(match=match, by=world.coordinator, opened=True)


def _released(world: World) -> Round:
    to_review(world)
    _approve_all(world)
    rounds_release.round_approve(round=world.round, by=world.coordinator)
    rounds_release.round_release(
        round=world.round, at=timezone.now(), by=world.coordinator, confirmed=True
    )
    return world.refresh()


# --- every move refuses every phase but its own ---------------------------------------------------

MOVES: dict[str, tuple[Callable[..., Any], set[RoundStatus]]] = {
    "open_intake": (rounds_moves.round_open_intake, {RoundStatus.DRAFT}),
    "close_intake": (rounds_moves.round_close_intake, {RoundStatus.INTAKE}),
    "start_allocating": (rounds_moves.round_start_allocating, {RoundStatus.PREFERENCES}),
    "approve": (rounds_release.round_approve, {RoundStatus.REVIEW}),
    "reopen_review": (rounds_release.round_reopen_review, {RoundStatus.APPROVED}),
    "close": (rounds_release.round_close, {RoundStatus.RELEASED}),
}


def test_each_move_is_refused_in_every_phase_but_its_own() -> None:
    world = build_world()
    for name, (service, own) in MOVES.items():
        for status in RoundStatus:
            if status in own:
                continue
            Round.objects.filter(pk=world.round.pk).update(status=status)
            _refused(world, service, "kan niet in de fase")
            assert world.refresh().status == status, name
    for status in RoundStatus:
        if status == RoundStatus.APPROVED:
            continue
        Round.objects.filter(pk=world.round.pk).update(status=status)
        _refused(
            world,
            rounds_release.round_release,
            "kan niet in de fase",
            at=timezone.now(),
            confirmed=True,
        )


def test_the_old_generic_transition_url_is_gone_and_moves_need_post(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)
    url = reverse("matching:round-open-intake", kwargs={"pk": world.round.pk})
    assert client.get(url).status_code == 405
    # A POST value never chooses the state: extra fields are ignored.
    client.post(url, {"to": "released"})
    assert world.refresh().status == RoundStatus.INTAKE
    assert client.post(url).status_code == 302 and world.refresh().status == RoundStatus.INTAKE


# --- open intake ----------------------------------------------------------------------------------


def test_open_intake_needs_a_programme(world: World) -> None:
    world.round.programmes.clear()
    _refused(world, rounds_moves.round_open_intake, "minstens één opleiding")


def test_open_intake_needs_students_in_the_cohort(world: World) -> None:
    Round.objects.filter(pk=world.round.pk).update(cohort=2031)
    _refused(world, rounds_moves.round_open_intake, "geen studenten van cohort 2031")


def test_a_preference_period_that_closes_before_it_opens_cannot_be_stored(world: World) -> None:
    """The round form refuses it (stagematching/tests/test_checks.py) and the database's
    check refuses it too, so opening the intake never meets one."""
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        Round.objects.filter(pk=world.round.pk).update(
            variant=Variant.TOP3,
            preferences_open_at=now + dt.timedelta(days=3),
            preferences_close_at=now + dt.timedelta(days=2),
        )


def test_open_intake_records_who_and_when(world: World) -> None:
    rounds_moves.round_open_intake(round=world.round, by=world.coordinator)
    t = world.round.transitions.get()
    assert (t.from_status, t.to_status, t.by) == ("draft", "intake", world.coordinator)
    assert abs((timezone.now() - t.at).total_seconds()) < 60


# --- close intake ---------------------------------------------------------------------------------


def _in_intake(world: World) -> None:
    rounds_moves.round_open_intake(round=world.round, by=world.coordinator)


def test_close_intake_waits_for_the_promised_intake_deadline(world: World) -> None:
    _in_intake(world)
    Round.objects.filter(pk=world.round.pk).update(
        intake_closes_at=timezone.now() + dt.timedelta(hours=1)
    )
    _refused(world, rounds_moves.round_close_intake, "intake loopt nog tot")


def test_close_intake_needs_someone_to_place(world: World) -> None:
    _in_intake(world)
    LearningProfile.objects.update(status=ProfileStatus.DRAFT)
    _refused(world, rounds_moves.round_close_intake, "Nog niemand zonder stageplek")


def test_close_intake_needs_free_seats(world: World) -> None:
    _in_intake(world)
    Offer.objects.update(status="draft")
    _refused(world, rounds_moves.round_close_intake, "geen vrije plaatsen")


def test_close_intake_of_a_shortlist_round_needs_someone_with_options(world: World) -> None:
    Round.objects.filter(pk=world.round.pk).update(variant=Variant.SHORTLIST)
    _in_intake(world)
    Offer.objects.update(hours_per_week=8)  # nobody's hours fit any more
    _refused(world, rounds_moves.round_close_intake, "shortlist")


@pytest.mark.parametrize(
    ("variant", "status"),
    [
        (Variant.DIRECT, RoundStatus.ALLOCATING),
        (Variant.TOP3, RoundStatus.PREFERENCES),
        (Variant.SHORTLIST, RoundStatus.PREFERENCES),
    ],
)
def test_close_intake_goes_where_the_variant_goes(
    world: World, variant: Variant, status: RoundStatus
) -> None:
    Round.objects.filter(pk=world.round.pk).update(variant=variant)
    _in_intake(world)
    rounds_moves.round_close_intake(round=world.round, by=world.coordinator)
    assert world.refresh().status == status
    assert world.round.shortlist.exists() == (variant == Variant.SHORTLIST)


# --- start allocating -----------------------------------------------------------------------------


def test_start_allocating_waits_for_the_promised_preference_deadline(world: World) -> None:
    Round.objects.filter(pk=world.round.pk).update(variant=Variant.TOP3)
    _in_intake(world)
    rounds_moves.round_close_intake(round=world.round, by=world.coordinator)
    Round.objects.filter(pk=world.round.pk).update(
        preferences_close_at=timezone.now() + dt.timedelta(days=1)
    )
    _refused(world, rounds_moves.round_start_allocating, "voorkeursperiode loopt nog tot")
    Round.objects.filter(pk=world.round.pk).update(
        preferences_close_at=timezone.now() - dt.timedelta(minutes=1)
    )
    rounds_moves.round_start_allocating(round=world.round, by=world.coordinator)
    assert world.refresh().status == RoundStatus.ALLOCATING


# --- start review (choosing a run) ----------------------------------------------------------------


def test_choosing_a_run_needs_a_finished_run_and_moves_to_review(world: World) -> None:
    _in_intake(world)
    rounds_moves.round_close_intake(round=world.round, by=world.coordinator)
    run = runs.run_prepare(round=world.round, by=world.coordinator)
    with pytest.raises(ValidationError, match="nog niet klaar"):
        proposal.run_choose(run=run, by=world.coordinator)
    assert world.refresh().status == RoundStatus.ALLOCATING
    runs.run_start(run=run, by=world.coordinator)
    runs.run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    proposal.run_choose(run=run, by=world.coordinator)
    assert world.refresh().status == RoundStatus.REVIEW
    assert world.round.transitions.filter(to_status=RoundStatus.REVIEW).exists()


def test_start_review_needs_matches(world: World) -> None:
    Round.objects.filter(pk=world.round.pk).update(status=RoundStatus.ALLOCATING)
    rnd = world.refresh()
    with pytest.raises(ValidationError, match="nog geen voorstel"):
        rounds_moves.round_start_review(rnd=rnd, by=world.coordinator)


# --- approve --------------------------------------------------------------------------------------


def test_approve_needs_two_approvals_on_every_placed_match(reviewed: World) -> None:
    _refused(reviewed, rounds_release.round_approve, "nog geen twee goedkeuringen")
    _approve_all(reviewed)
    one = reviewed.round.matches.filter(offer__isnull=False).first()
    assert one is not None
    review.match_object(match=one, by=reviewed.reviewer, reason="Reistijd klopt niet")
    _refused(reviewed, rounds_release.round_approve, "bezwaar")
    # An objected match is flagged: approved again one by one, from its own page.
    review.match_approve(match=one, by=reviewed.reviewer2, opened=True)
    review.match_approve(match=one, by=reviewed.coordinator, opened=True)
    rounds_release.round_approve(round=reviewed.round, by=reviewed.coordinator)
    assert reviewed.refresh().status == RoundStatus.APPROVED


def test_approve_needs_a_proposal(world: World) -> None:
    Round.objects.filter(pk=world.round.pk).update(status=RoundStatus.REVIEW)
    _refused(world, rounds_release.round_approve, "nog geen voorstel")


def test_reopen_review_goes_back_before_the_release(reviewed: World) -> None:
    _approve_all(reviewed)
    rounds_release.round_approve(round=reviewed.round, by=reviewed.coordinator)
    rounds_release.round_reopen_review(round=reviewed.round, by=reviewed.coordinator)
    assert reviewed.refresh().status == RoundStatus.REVIEW


# --- release --------------------------------------------------------------------------------------


def _approved(world: World) -> None:
    to_review(world)
    _approve_all(world)
    rounds_release.round_approve(round=world.round, by=world.coordinator)


def test_release_in_the_past_or_within_ten_minutes_needs_confirmation(world: World) -> None:
    _approved(world)
    now = timezone.now()
    for at in (now - dt.timedelta(hours=2), now + dt.timedelta(minutes=9)):
        with pytest.raises(rounds_release.ReleaseNeedsConfirmation) as refusal:
            rounds_release.round_release(round=world.round, at=at, by=world.coordinator, now=now)
        # The message shows the moment that would be stored: never in the past.
        stored = rounds_release.moment_text(max(at, now))
        assert stored in " ".join(refusal.value.messages)
        assert world.refresh().status == RoundStatus.APPROVED and world.round.release_at is None
    past = now - dt.timedelta(hours=2)
    rounds_release.round_release(
        round=world.round, at=past, by=world.coordinator, confirmed=True, now=now
    )
    assert world.refresh().release_at == now and world.round.status == RoundStatus.RELEASED


def test_release_later_needs_no_confirmation_and_stores_the_moment(world: World) -> None:
    _approved(world)
    at = timezone.now() + dt.timedelta(days=1)
    rounds_release.round_release(round=world.round, at=at, by=world.coordinator)
    rnd = world.refresh()
    assert rnd.release_at == at and rnd.status == RoundStatus.RELEASED and not rnd.is_released()


def test_release_refuses_a_moment_without_a_time_zone(world: World) -> None:
    _approved(world)
    naive = dt.datetime(2030, 1, 1, 9, 0)  # noqa: DTZ001  (the refusal under test)
    _refused(world, rounds_release.round_release, "datum en tijd", at=naive, confirmed=True)


def test_release_form_reads_and_shows_dutch_time(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    _approved(world)
    client = Client()
    client.force_login(world.coordinator)
    url = reverse("matching:round-release", kwargs={"pk": world.round.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"when": "at", "at": "2030-03-04T09:00"})
    rnd = world.refresh()
    assert rnd.release_at is not None
    assert timezone.localtime(rnd.release_at).strftime("%H:%M") == "09:00"
    assert rnd.release_at.utcoffset() is not None
    assert rnd.release_at == dt.datetime(2030, 3, 4, 8, 0, tzinfo=dt.UTC)
    # The request queued the release; the page shows the worker's outcome in Dutch time.
    page = client.get(response["Location"]).content.decode()
    assert "maandag 4 maart 2030 09:00" in page


def test_release_now_through_the_form_needs_the_confirmation_box(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    _approved(world)
    client = Client()
    client.force_login(world.coordinator)
    url = reverse("matching:round-release", kwargs={"pk": world.round.pk})
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url, {"when": "now"}, follow=True).content.decode()
    assert "Bevestig dat" in page and world.refresh().status == RoundStatus.APPROVED
    assert not world.round.jobs.exists()  # nothing queued without the confirmation
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"when": "now", "confirm": "on"})
    assert world.refresh().is_released()


def test_a_release_refused_by_the_worker_says_why_and_not_busy(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    """The request checks the round is approved; if it is no longer approved by the time the
    worker runs (reopened meanwhile), the job fails with the reason and the page does not
    call it busy."""
    _approved(world)
    client = Client()
    client.force_login(world.coordinator)
    url = reverse("matching:round-release", kwargs={"pk": world.round.pk})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url, {"when": "now", "confirm": "on"})
    rounds_release.round_reopen_review(round=world.refresh(), by=world.coordinator)
    for callback in callbacks:
        callback()
    job = world.round.jobs.get()
    assert job.status == "failed" and job.error
    page = client.get(response["Location"]).content.decode()
    assert job.error in page.replace("&#x27;", "'")
    assert "Bezig" not in page
    assert world.refresh().status == RoundStatus.REVIEW


# --- close ----------------------------------------------------------------------------------------


def test_close_waits_for_the_release_moment(world: World) -> None:
    _approved(world)
    rounds_release.round_release(
        round=world.round, at=timezone.now() + dt.timedelta(days=1), by=world.coordinator
    )
    _refused(world, rounds_release.round_close, "nog niet bekend")


def test_close_waits_for_the_objection_period(world: World) -> None:
    _released(world)
    _refused(world, rounds_release.round_close, "nog bezwaar maken tot")


def _after_objection_period(world: World) -> None:
    rnd = world.refresh()
    assert rnd.release_at is not None
    Round.objects.filter(pk=rnd.pk).update(
        release_at=timezone.now() - dt.timedelta(days=rnd.objection_days + 1)
    )


def test_close_needs_every_objection_decided(world: World) -> None:
    _released(world)
    match = world.round.matches.filter(offer__isnull=False).first()
    assert match is not None
    objection = objections.objection_file(match=match, reason="Te ver")
    _after_objection_period(world)
    outbox.dispatch()
    _refused(world, rounds_release.round_close, "bezwaren zonder besluit")
    objections.objection_take(objection=objection, by=world.coordinator)
    _refused(world, rounds_release.round_close, "bezwaren zonder besluit")
    objections.objection_decide(
        objection=objection, upheld=False, answer="De reistijd past.", by=world.coordinator
    )
    assert Objection.objects.get(pk=objection.pk).status == ObjectionStatus.REJECTED
    rounds_release.round_close(round=world.round, by=world.coordinator)
    assert world.refresh().status == RoundStatus.CLOSED


def test_close_waits_for_release_mail(world: World) -> None:
    _released(world)
    _after_objection_period(world)
    # A message the mail server put off (or that was just queued) still waits.
    OutboxMessage.objects.filter(topic=f"round:{world.round.pk}").update(status="pending")
    _refused(world, rounds_release.round_close, "berichten op verzending")


def test_an_objected_match_is_not_approved_by_the_round(reviewed: World) -> None:
    match = reviewed.round.matches.filter(offer__isnull=False).first()
    assert match is not None
    review.match_object(match=match, by=reviewed.reviewer, reason="x")
    assert Match.objects.get(pk=match.pk).status == MatchStatus.OBJECTED
