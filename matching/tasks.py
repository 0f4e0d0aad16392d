from __future__ import annotations

from celery import shared_task

from accounts.tenancy import each_school, school_scope_of

from .models import Run
from .services import notifications, runs


@shared_task(acks_late=True)
def execute_run_task(run_id: int) -> bool:
    with school_scope_of(Run, run_id):
        return runs.run_execute(run_id=run_id)


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def dispatch_notifications_task() -> int:
    return sum(notifications.notifications_dispatch() for _school in each_school())
