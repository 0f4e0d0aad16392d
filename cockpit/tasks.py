from __future__ import annotations

from celery import shared_task

from accounts.tenancy import each_school

from . import services


@shared_task(acks_late=True)
def planning_overdue_task() -> int:
    """Mail the owners of late planning steps, once per step (beat runs it every hour)."""
    return sum(services.overdue_mail(school.pk) for school in each_school())
