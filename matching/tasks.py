from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def execute_run_task(run_id: int) -> bool:
    return services.run_execute(run_id=run_id)


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def dispatch_notifications_task() -> int:
    return services.notifications_dispatch()
