from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def send_reminder_task(student_id: int) -> bool:
    return services.reminder_send(student_id=student_id)
