"""The health endpoint answers for the database, the broker and a recent worker."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import WorkerHeartbeat
from accounts.tasks import worker_heartbeat_task
from stagematching.celery import app as celery_app


@pytest.mark.django_db
def test_in_process_tasks_need_no_broker_or_worker() -> None:
    answer = Client().get(reverse("health"))
    assert answer.status_code == 200
    assert answer.json()["database"] == {"ok": True}
    assert answer["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_with_a_broker_it_needs_the_broker_and_a_recent_heartbeat(settings) -> None:
    settings.HEALTH_WORKER_MAX_AGE = 120
    celery_app.conf.task_always_eager = False  # as in production
    unreachable = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    previous = celery_app.conf.broker_url
    celery_app.conf.update(broker_url=unreachable)
    try:
        answer = Client().get(reverse("health"))
        assert answer.status_code == 503
        body = answer.json()
        assert body["broker"] == {"ok": False} and body["worker"]["ok"] is False
        worker_heartbeat_task.apply()  # a worker stamps the time
        assert Client().get(reverse("health")).json()["worker"]["ok"] is True
        WorkerHeartbeat.objects.update(at=timezone.now() - timedelta(minutes=5))
        assert Client().get(reverse("health")).json()["worker"]["ok"] is False
    finally:
        celery_app.conf.update(broker_url=previous)
        celery_app.conf.task_always_eager = True
