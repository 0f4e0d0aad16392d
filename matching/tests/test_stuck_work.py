"""Work that never sticks: a run whose worker died is put back and run again by the beat
sweep, with the same snapshot and seed, so its output is the one a normal run gives."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from matching.models import AuditEvent, Run, RunStatus
from matching.services import rounds_moves, runs
from matching.tasks import requeue_stale_runs_task
from matching.tests.conftest import World


def _ready(world: World) -> Run:
    rounds_moves.round_open_intake(round=world.round, by=world.coordinator)
    rounds_moves.round_close_intake(round=world.round, by=world.coordinator)
    return runs.run_prepare(round=world.round, by=world.coordinator)


def _dead_worker(run: Run, minutes_ago: int) -> None:
    """What a worker killed mid-run leaves behind: RUNNING, claimed long ago, half done."""
    Run.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING,
        started_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
        progress=40,
    )


def test_a_run_of_a_dead_worker_is_rerun_by_the_sweep_with_identical_output(
    world: World, django_capture_on_commit_callbacks
) -> None:
    normal = _ready(world)
    runs.run_start(run=normal, by=world.coordinator)
    runs.run_execute(run_id=normal.pk)
    normal.refresh_from_db()
    assert normal.status == RunStatus.DONE

    # The same input and seed, claimed by a worker that then died.
    stuck = runs.run_prepare(round=world.round, by=world.coordinator)
    Run.objects.filter(pk=stuck.pk).update(seed=normal.seed)
    runs.run_start(run=stuck, by=world.coordinator)
    _dead_worker(stuck, minutes_ago=120)
    # The broker redelivers the task (acks_late): it sees RUNNING and leaves it alone.
    assert runs.run_execute(run_id=stuck.pk) is False

    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_stale_runs_task.delay().get() == 1
    stuck.refresh_from_db()
    assert stuck.status == RunStatus.DONE and stuck.progress == 100
    assert stuck.input_sha256 == normal.input_sha256
    assert stuck.output_sha256 == normal.output_sha256
    assert AuditEvent.objects.filter(action="run_requeued", detail__run=stuck.number).count() == 1
    # A second sweep finds nothing left to do.
    assert requeue_stale_runs_task.delay().get() == 0


def test_a_run_that_is_still_within_its_time_is_left_alone(world: World) -> None:
    run = _ready(world)
    runs.run_start(run=run, by=world.coordinator)
    _dead_worker(run, minutes_ago=10)
    assert runs.runs_requeue_stale() == 0
    assert Run.objects.get(pk=run.pk).status == RunStatus.RUNNING


def test_a_worker_taken_for_dead_that_wakes_up_writes_nothing(world: World) -> None:
    run = _ready(world)
    runs.run_start(run=run, by=world.coordinator)
    # The old worker's claim: RUNNING since long ago. The sweep puts it back; a new claim
    # starts; a write under the old claim no longer matches.
    _dead_worker(run, minutes_ago=120)
    old_claim = Run.objects.get(pk=run.pk).started_at
    runs.runs_requeue_stale()  # the task is queued on commit (not executed in this test)
    assert Run.objects.get(pk=run.pk).status == RunStatus.QUEUED
    assert runs.run_execute(run_id=run.pk) is True
    late = Run.objects.filter(pk=run.pk, status=RunStatus.RUNNING, started_at=old_claim)
    assert late.update(status=RunStatus.FAILED) == 0
    assert Run.objects.get(pk=run.pk).status == RunStatus.DONE


def test_a_run_that_keeps_dying_is_failed_with_a_message(world: World) -> None:
    run = _ready(world)
    runs.run_start(run=run, by=world.coordinator)
    for _ in range(runs.MAX_REQUEUES):
        _dead_worker(run, minutes_ago=120)
        assert runs.runs_requeue_stale() == 1
    _dead_worker(run, minutes_ago=120)
    assert runs.runs_requeue_stale() == 0
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "vastgelopen" in run.error
