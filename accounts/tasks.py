from __future__ import annotations

from celery import shared_task

from . import outbox


@shared_task
def dispatch_outbox_task() -> int:
    """Send the e-mail that is due (beat runs it every 20 seconds; enqueueing kicks it too).
    Safe to run often and in parallel: every message is claimed before it is sent."""
    return outbox.dispatch()


@shared_task(ignore_result=True)
def worker_heartbeat_task() -> None:
    """Beat asks a worker to stamp the time: the health endpoint's proof that one runs."""
    from django.utils import timezone

    from .models import WorkerHeartbeat

    WorkerHeartbeat.objects.update_or_create(name="worker", defaults={"at": timezone.now()})


@shared_task(ignore_result=True)
def housekeeping_task() -> None:
    """Beat, daily: expired sessions and the login access log past its retention go."""
    from .services import login_log_prune, sessions_clear_expired

    sessions_clear_expired()
    login_log_prune()
