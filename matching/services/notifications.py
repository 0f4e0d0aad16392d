"""Release notifications: created once per recipient, sent exactly once, never skipped."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from companies.models import CompanyContact
from matching.models import Notification, NotificationStatus, Round, RoundStatus

from .audit import audit

NOTIFICATION_CHUNK = 100
NOTIFICATION_CHUNKS_PER_TICK = 10
STALE_CLAIM = dt.timedelta(minutes=15)


def notifications_create(rnd: Round) -> int:
    """Create the release notifications of a released round (idempotent: unique per recipient)."""
    rows = []
    for m in rnd.matches.select_related("profile__student"):
        rows.append(Notification(round=rnd, recipient_id=m.profile.student.user_id, kind="student"))
        if m.profile.student.counsellor_id:
            rows.append(
                Notification(
                    round=rnd, recipient_id=m.profile.student.counsellor_id, kind="counsellor"
                )
            )
    company_ids = rnd.matches.filter(offer__isnull=False).values_list(
        "offer__company_id", flat=True
    )
    for user_id in CompanyContact.objects.filter(company_id__in=company_ids).values_list(
        "user_id", flat=True
    ):
        rows.append(Notification(round=rnd, recipient_id=user_id, kind="company"))
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def notifications_dispatch(now: dt.datetime | None = None) -> int:
    """Periodic (beat): for every round whose release moment has passed, create and send.

    Each notification is claimed with a conditional UPDATE before it is sent, so a second
    worker or a retried task finds nothing to claim; a claim older than STALE_CLAIM (a worker
    that died mid-send) is put back, so a crash never skips anyone.
    """
    now = now or timezone.now()
    Notification.objects.filter(
        status=NotificationStatus.SENDING, claimed_at__lt=now - STALE_CLAIM
    ).update(status=NotificationStatus.PENDING)
    sent = 0
    for rnd in Round.objects.filter(
        status__in=[RoundStatus.RELEASED, RoundStatus.CLOSED], release_at__lte=now
    ):
        if not rnd.notifications.exists():
            notifications_create(rnd)
        for _chunk in range(NOTIFICATION_CHUNKS_PER_TICK):
            pending = list(
                rnd.notifications.filter(status=NotificationStatus.PENDING).values_list(
                    "pk", flat=True
                )[:NOTIFICATION_CHUNK]
            )
            if not pending:
                break
            for pk in pending:
                sent += notification_send(notification_id=pk, now=now)
    return sent


def notification_send(*, notification_id: int, now: dt.datetime | None = None) -> int:
    """Claim and send one notification; 1 when this call sent it, else 0."""
    now = now or timezone.now()
    claimed = Notification.objects.filter(
        pk=notification_id, status=NotificationStatus.PENDING
    ).update(status=NotificationStatus.SENDING, claimed_at=now)
    if not claimed:
        return 0
    n = Notification.objects.select_related("round", "recipient").get(pk=notification_id)
    subject = (
        _("Je stagematch is bekend") if n.kind == "student" else _("De stagematches zijn bekend")
    )
    try:
        send_mail(
            subject=subject,
            message=render_to_string(
                f"matching/email_{n.kind}.txt", {"n": n, "site_url": settings.SITE_URL}
            ),
            from_email=None,
            recipient_list=[n.recipient.email],
        )
    except Exception as exc:  # SMTP trouble: record it; the coordinator can retry
        Notification.objects.filter(pk=n.pk).update(
            status=NotificationStatus.FAILED, attempts=n.attempts + 1, error=str(exc)[:250]
        )
        return 0
    Notification.objects.filter(pk=n.pk).update(
        status=NotificationStatus.SENT, sent_at=timezone.now(), attempts=n.attempts + 1
    )
    return 1


def unsent_count(rnd: Round) -> int:
    """Release messages of the round that are still waiting or being sent."""
    return rnd.notifications.filter(
        status__in=[NotificationStatus.PENDING, NotificationStatus.SENDING]
    ).count()


def notification_mark_read(*, notification_id: int, user: User) -> bool:
    """The recipient has seen the in-app notification (the page sends this, or the
    'Gelezen' button). Someone else's notification is left alone. True when marked now."""
    return bool(
        Notification.objects.filter(
            pk=notification_id, recipient=user, read_at__isnull=True
        ).update(read_at=timezone.now())
    )


def notifications_retry_failed(*, round: Round, by: User) -> int:
    """Put every failed notification of the round back in the queue."""
    n = round.notifications.filter(status=NotificationStatus.FAILED).update(
        status=NotificationStatus.PENDING
    )
    audit(round, by, "notifications_retried", count=n)
    return n
