from __future__ import annotations

from celery import shared_task

from accounts.tenancy import each_school

from . import reminders, services


@shared_task(acks_late=True)
def planning_overdue_task() -> int:
    """Mail the owners of late planning steps, once per step (beat runs it every hour)."""
    return sum(services.overdue_mail(school.pk) for school in each_school())


@shared_task(acks_late=True)
def planning_reminders_task() -> int:
    """Remind students and companies who have not acted, from the planning's dates (beat runs
    it every hour; each person gets one mail per planned date)."""
    return sum(
        reminders.student_reminders(school.pk) + reminders.company_reminders(school.pk)
        for school in each_school()
    )
