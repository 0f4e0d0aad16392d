from __future__ import annotations

from celery import shared_task

from . import outbox


@shared_task
def dispatch_outbox_task() -> int:
    """Send the e-mail that is due (beat runs it every 20 seconds; enqueueing kicks it too).
    Safe to run often and in parallel: every message is claimed before it is sent."""
    return outbox.dispatch()
