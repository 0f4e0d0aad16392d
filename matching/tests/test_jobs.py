"""A round's long steps run as background jobs: the request only queues them, the worker runs
the step's own service once, and the page shows the outcome or the refusal in Dutch."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import Role
from accounts.tests.factories import UserFactory
from matching.jobs import JobKind, JobStatus, RoundJob
from matching.services import jobs, rounds_moves
from matching.tests.conftest import World

pytestmark = pytest.mark.django_db


def test_the_request_queues_and_the_worker_runs_the_step_once(
    world: World, django_capture_on_commit_callbacks
) -> None:
    rounds_moves.round_open_intake(round=world.round, by=world.coordinator)
    client = Client()
    client.force_login(world.coordinator)
    url = reverse("matching:round-close-intake", kwargs={"pk": world.round.pk})
    with django_capture_on_commit_callbacks(execute=False) as queued:
        client.post(url)
    job = RoundJob.objects.get()
    assert job.status == JobStatus.QUEUED and world.refresh().status == "intake"
    assert len(queued) == 1  # the worker is asked after the commit, not in the request
    # A second click while it waits starts nothing.
    client.post(url)
    assert RoundJob.objects.count() == 1
    assert jobs.job_execute(job.pk) is True and jobs.job_execute(job.pk) is False
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.progress == 100
    assert world.refresh().status == "allocating"
    page = client.get(reverse("matching:round-detail", kwargs={"pk": world.round.pk}))
    assert "De intake is gesloten" in page.content.decode()
    status = client.get(reverse("matching:job-status", kwargs={"pk": job.pk})).json()
    assert status == {"status": "done", "progress": 100, "finished": True}


def test_a_refused_step_shows_the_reason_and_changes_nothing(world: World) -> None:
    job = jobs.job_start(round=world.round, kind=JobKind.PREPARE, by=world.coordinator)
    assert jobs.job_execute(job.pk) is False  # a draft round has no intake closed yet
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.error and not world.round.runs.exists()
    client = Client()
    client.force_login(world.coordinator)
    page = client.get(reverse("matching:round-detail", kwargs={"pk": world.round.pk}))
    assert escape(job.error) in page.content.decode()


def test_a_job_whose_worker_died_is_marked_failed_and_can_be_started_again(world: World) -> None:
    job = jobs.job_start(round=world.round, kind=JobKind.CLOSE_INTAKE, by=world.coordinator)
    with pytest.raises(ValidationError, match="loopt al"):
        jobs.job_start(round=world.round, kind=JobKind.CLOSE_INTAKE, by=world.coordinator)
    assert jobs.jobs_fail_stale() == 0
    # A job that waited long in the queue and then started is timed from its start.
    RoundJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING,
        created_at=timezone.now() - dt.timedelta(hours=3),
        started_at=timezone.now(),
    )
    assert jobs.jobs_fail_stale() == 0
    later = timezone.now() + dt.timedelta(hours=1)
    assert jobs.jobs_fail_stale(now=later) == 1
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "onderbroken" in job.error
    # The worker that comes back late does not turn the failed job into a done one.
    jobs._finish(job.pk, status=JobStatus.DONE, message="klaar")
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    # The step can be started again, also by another coordinator; but only once at a time.
    other = UserFactory.create(role=Role.COORDINATOR, institution=world.round.institution)
    jobs.job_start(round=world.round, kind=JobKind.CLOSE_INTAKE, by=other)
    with pytest.raises(ValidationError, match="loopt al"):
        jobs.job_start(round=world.round, kind=JobKind.CLOSE_INTAKE, by=world.coordinator)
