from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(
    autoretry_for=(ConnectionError, TimeoutError, OSError),
    retry_backoff=True,
    max_retries=5,
)
def send_invitation_task(user_id: int) -> bool:
    return services.invitation_send(user_id=user_id)


@shared_task(
    autoretry_for=(ConnectionError, TimeoutError, OSError),
    retry_backoff=True,
    max_retries=5,
)
def send_invitations_task(user_ids: list[int]) -> int:
    """A chunk of invitations (imports); users who already activated get nothing."""
    return sum(services.invitation_send(user_id=uid) for uid in user_ids)
