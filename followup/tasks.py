from __future__ import annotations

from celery import shared_task

from accounts.tenancy import each_school

from .services.evaluation import evaluations_invite
from .services.reminders import agreement_reminders
from .services.warnings import contact_warnings


@shared_task(acks_late=True)
def followup_daily_task() -> int:
    """Every hour (beat, `followup-daily` in settings): contact-moment warnings, reminders to
    whoever has not signed a sent POK, and evaluation invitations, school by school. Each
    mail has its own outbox key, so running it twice queues nothing twice."""
    return sum(
        contact_warnings() + agreement_reminders() + evaluations_invite()
        for _school in each_school()
    )
