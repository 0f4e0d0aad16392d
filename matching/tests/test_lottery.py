"""A lottery nobody can re-roll: one committed seed per round (per shortlist step and per
allocation), drawn when the intake closes; every run uses it; the published seed matches its
commitment; a follow-up round commits its own."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from matching.engine import make_shortlists, output_sha256, run_round
from matching.models import AuditEvent, Round, RunStatus
from matching.selectors.lottery import lottery_published
from matching.selectors.snapshot import round_snapshot
from matching.services import proposal, review, rounds, rounds_moves, rounds_release, runs
from matching.tests.conftest import World


def _run(world: World, priority: bool | None = None) -> runs.Run:
    run = runs.run_prepare(round=world.round, by=world.coordinator, priority=priority)
    runs.run_start(run=run, by=world.coordinator)
    runs.run_execute(run_id=run.pk)
    run.refresh_from_db()
    return run


def test_the_seed_is_committed_when_the_intake_closes(world: World) -> None:
    rounds_moves.round_open_intake(round=world.round, by=world.coordinator)
    assert not world.refresh().seed_commitment
    rounds_moves.round_close_intake(round=world.round, by=world.coordinator)
    rnd = world.refresh()
    text = f"stagematching-loting:{rnd.shortlist_seed}:{rnd.lottery_seed}:{rnd.seed_nonce}"
    assert rnd.seed_commitment == hashlib.sha256(text.encode()).hexdigest()
    assert rnd.seed_committed_at is not None and len(rnd.seed_nonce) == 32
    event = AuditEvent.objects.get(round=rnd, action="lottery_committed")
    assert event.detail == {"commitment": rnd.seed_commitment}
    assert not any(str(rnd.lottery_seed) in str(e.detail) for e in rnd.audit.all())
    # Shown before any run, the seed itself is not.
    client = Client()
    client.force_login(world.coordinator)
    page = client.get(reverse("matching:round-detail", kwargs={"pk": rnd.pk})).content.decode()
    assert rnd.seed_commitment in page and str(rnd.lottery_seed) not in page
    public = client.get(
        reverse("matching:transparency", kwargs={"institution": rnd.institution.slug})
    ).content.decode()
    assert rnd.seed_commitment in public and str(rnd.lottery_seed) not in public


def test_every_run_uses_the_committed_seed_and_differs_only_in_settings(world: World) -> None:
    rounds_moves.round_open_intake(round=world.round, by=world.coordinator)
    rounds_moves.round_close_intake(round=world.round, by=world.coordinator)
    first, second, prio = _run(world), _run(world), _run(world, priority=True)
    rnd = world.refresh()
    assert first.seed == second.seed == prio.seed == rnd.lottery_seed
    assert first.output_sha256 == second.output_sha256  # preparing again re-rolls nothing
    assert prio.snapshot["settings"]["priority"] is True
    assert not first.snapshot["settings"]["priority"]
    # Choosing among several runs needs a reason, which is recorded.
    with pytest.raises(ValidationError, match="waarom"):
        proposal.run_choose(run=prio, by=world.coordinator)
    proposal.run_choose(run=prio, by=world.coordinator, reason="Met voorrang: kleiner verschil")
    rnd = world.refresh()
    assert rnd.chosen_run == prio and rnd.chosen_reason == "Met voorrang: kleiner verschil"
    assert AuditEvent.objects.filter(
        round=rnd, action="run_chosen", detail__reason="Met voorrang: kleiner verschil"
    ).exists()


def test_the_published_seed_matches_and_replays_the_round(world: World) -> None:
    rounds_moves.round_open_intake(round=world.round, by=world.coordinator)
    rounds_moves.round_close_intake(round=world.round, by=world.coordinator)
    run = _run(world)
    proposal.run_choose(run=run, by=world.coordinator)
    rnd = world.refresh()
    assert lottery_published(rnd) is None  # not before the release
    review.match_bulk_approve(qs=rnd.matches.all(), by=world.coordinator)
    review.match_bulk_approve(qs=rnd.matches.all(), by=world.reviewer)
    rounds_release.round_approve(round=rnd, by=world.coordinator)
    rounds_release.round_release(round=rnd, at=timezone.now(), by=world.coordinator, confirmed=True)
    rnd = world.refresh()
    published = lottery_published(rnd)
    assert published is not None and published["matches"] is True
    text = f"stagematching-loting:{published['shortlist_seed']}:{published['lottery_seed']}:"
    text += str(published["nonce"])
    assert hashlib.sha256(text.encode()).hexdigest() == rnd.seed_commitment
    # An auditor with the snapshot and the published seed replays the round.
    assert output_sha256(run_round(run.snapshot, int(str(published["lottery_seed"])))) == (
        run.output_sha256
    )
    public = (
        Client()
        .get(reverse("matching:transparency", kwargs={"institution": rnd.institution.slug}))
        .content.decode()
    )
    assert str(rnd.lottery_seed) in public and rnd.seed_nonce in public
    # A follow-up round commits its own lottery.
    follow = rounds.follow_up_create(round=rnd, by=world.coordinator)
    assert not follow.seed_commitment


def test_a_shortlist_round_uses_its_committed_shortlist_seed(world: World) -> None:
    Round.objects.filter(pk=world.round.pk).update(variant="shortlist")
    rounds_moves.round_open_intake(round=world.round, by=world.coordinator)
    rounds_moves.round_close_intake(round=world.round, by=world.coordinator)
    rnd = world.refresh()
    assert AuditEvent.objects.filter(round=rnd, action="shortlists_made").exists()
    assert rnd.shortlist_seed is not None
    expected = make_shortlists(round_snapshot(rnd), rnd.shortlist_seed, rnd.shortlist_size)
    made: dict[str, list[str]] = {}
    for item in rnd.shortlist.order_by("profile_id", "position"):
        made.setdefault(str(item.profile_id), []).append(str(item.offer_id))
    assert made == {s: lst for s, lst in expected.items() if lst}


def test_a_run_of_a_round_without_a_commitment_commits_one_first(world: World) -> None:
    """A round whose intake closed before seeds were committed gets them at its first run."""
    rounds_moves.round_open_intake(round=world.round, by=world.coordinator)
    rounds_moves.round_close_intake(round=world.round, by=world.coordinator)
    Round.objects.filter(pk=world.round.pk).update(
        seed_commitment="", lottery_seed=None, shortlist_seed=None
    )
    run = _run(world)
    rnd = world.refresh()
    assert rnd.seed_commitment and run.seed == rnd.lottery_seed
    assert run.status == RunStatus.DONE
