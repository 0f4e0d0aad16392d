from __future__ import annotations

import time

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import OutboxMessage, OutboxStatus
from accounts.tasks import dispatch_outbox_task
from matching.models import Run, RunStatus
from matching.services import proposal, review, rounds_moves, rounds_release, runs
from matching.tests.conftest import build_world


def _wait(check, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not check() and time.monotonic() < deadline:
        time.sleep(0.2)


@pytest.mark.integration
def test_a_real_worker_runs_the_allocation_and_sends_release_mail_once(celery_worker_real) -> None:
    world = build_world()
    rounds_moves.round_open_intake(round=world.round, by=world.coordinator)
    rounds_moves.round_close_intake(round=world.round, by=world.coordinator)
    run = runs.run_prepare(round=world.round, by=world.coordinator)
    runs.run_start(run=run, by=world.coordinator)  # enqueued on commit, to Redis
    _wait(lambda: Run.objects.get(pk=run.pk).status in (RunStatus.DONE, RunStatus.FAILED))
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.progress == 100 and run.output["placed"] == 5

    proposal.run_choose(run=run, by=world.coordinator)
    rnd = world.refresh()
    review.match_bulk_approve(qs=rnd.matches.all(), by=world.coordinator)
    review.match_bulk_approve(qs=rnd.matches.all(), by=world.reviewer)
    rounds_release.round_approve(round=rnd, by=world.coordinator)
    rounds_release.round_release(round=rnd, at=timezone.now(), by=world.coordinator, confirmed=True)
    # The release queued its mail (the worker sends it); two more ticks of the periodic task,
    # as beat would send them, find nothing left: every recipient once.
    dispatch_outbox_task.delay()
    dispatch_outbox_task.delay()
    mail_of_round = OutboxMessage.objects.filter(topic=f"round:{rnd.pk}")
    _wait(
        lambda: (
            mail_of_round.exists() and not mail_of_round.exclude(status=OutboxStatus.SENT).exists()
        )
    )
    time.sleep(1)
    recipients = [m.to[0] for m in mail.outbox]
    assert recipients and len(recipients) == len(set(recipients)) == mail_of_round.count()
