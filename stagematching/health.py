"""`/gezond/`: for a load balancer or a monitor. Checks the database, the broker and that a
worker ran the heartbeat task recently (beat asks every 30 seconds). 200 when all are fine,
503 otherwise; the answer names which check failed and nothing else."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from accounts.models import WorkerHeartbeat
from stagematching.celery import app as celery_app


def _database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any failure means: not healthy
        return {"ok": False}
    return {"ok": True}


def _broker() -> dict[str, Any]:
    if celery_app.conf.task_always_eager:
        return {"ok": True, "detail": "in-process"}
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
    except Exception:  # any failure means: not healthy
        return {"ok": False}
    return {"ok": True}


def _worker() -> dict[str, Any]:
    if celery_app.conf.task_always_eager:
        return {"ok": True, "detail": "in-process"}
    beat = WorkerHeartbeat.objects.filter(name="worker").values_list("at", flat=True).first()
    if beat is None:
        return {"ok": False, "seconds_ago": None}
    age = timezone.now() - beat
    return {
        "ok": age <= timedelta(seconds=settings.HEALTH_WORKER_MAX_AGE),
        "seconds_ago": int(age.total_seconds()),
    }


@login_not_required
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database(), "broker": _broker()}
    checks["worker"] = _worker() if checks["database"]["ok"] else {"ok": False}
    ok = all(c["ok"] for c in checks.values())
    return JsonResponse({"ok": ok, **checks}, status=200 if ok else 503)
