from __future__ import annotations

from celery import shared_task

from accounts.tenancy import school_scope_of

from . import services
from .models import Student


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def send_reminder_task(student_id: int) -> bool:
    with school_scope_of(Student, student_id):
        return services.reminder_send(student_id=student_id)
