from __future__ import annotations

from celery import shared_task

from accounts.tenancy import each_school

from .services.evaluation import evaluations_invite
from .services.warnings import contact_warnings


@shared_task(acks_late=True)
def followup_daily_task() -> int:
    """Every hour (beat): contact-moment warnings and evaluation invitations, school by
    school; running it twice queues nothing twice."""
    return sum(contact_warnings() + evaluations_invite() for _school in each_school())
