from __future__ import annotations

from celery import shared_task

from accounts.tenancy import school_scope_of

from . import importing
from .models import ImportBatch


@shared_task(acks_late=True)
def import_check_task(batch_id: int) -> bool:
    """Read and check an uploaded file (streaming); writes only the batch."""
    with school_scope_of(ImportBatch, batch_id):
        return importing.import_check(batch_id=batch_id)


@shared_task(acks_late=True)
def import_apply_task(batch_id: int, user_id: int) -> bool:
    """Write a checked batch, all or nothing."""
    with school_scope_of(ImportBatch, batch_id):
        return importing.import_apply_queued(batch_id=batch_id, user_id=user_id)
