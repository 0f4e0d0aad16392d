from __future__ import annotations

from celery import shared_task

from accounts.tenancy import each_school

from . import services


@shared_task(acks_late=True)
def recheck_offer_texts_task() -> int:
    """Re-check offer texts after a lexicon change; a no-op when all are up to date."""
    return sum(services.offer_texts_recheck() for _school in each_school())
