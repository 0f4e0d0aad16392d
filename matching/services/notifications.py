"""Release messages: an in-app notification per recipient and an e-mail through the outbox
(`accounts.outbox`), both created when the round is released, the e-mail due at the release
moment. Visibility never waits for the mail: it follows the stored moment."""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import outbox
from accounts.models import OutboxMessage, OutboxStatus, User
from companies.models import CompanyContact
from matching.models import Notification, Round
from matching.selectors.preferences import students_without_preferences

from .audit import audit

KINDS = ("student", "company", "counsellor")


def topic(rnd: Round) -> str:
    """The outbox topic of a round's mail (release, reminders): what its page counts."""
    return f"round:{rnd.pk}"


def notifications_create(rnd: Round) -> int:
    """The release messages of a released round: once per recipient and kind (idempotent),
    the e-mail due at the release moment."""
    recipients: list[tuple[int, str]] = []
    for student_user, counsellor in rnd.matches.values_list(
        "profile__student__user_id", "profile__student__counsellor_id"
    ):
        recipients.append((student_user, "student"))
        if counsellor:
            recipients.append((counsellor, "counsellor"))
    company_ids = rnd.matches.filter(offer__isnull=False).values_list(
        "offer__company_id", flat=True
    )
    for user_id in CompanyContact.objects.filter(company_id__in=company_ids).values_list(
        "user_id", flat=True
    ):
        recipients.append((user_id, "company"))
    unique = sorted(set(recipients))
    Notification.objects.bulk_create(
        [Notification(round=rnd, recipient_id=u, kind=k) for u, k in unique],
        batch_size=1000,
        ignore_conflicts=True,
    )
    outbox.enqueue_many(
        outbox.Mail(
            recipient_id=u,
            kind="release",
            key=f"release:{rnd.pk}:{k}",
            topic=topic(rnd),
            context={"round": rnd.pk, "kind": k},
            send_after=rnd.release_at,
        )
        for u, k in unique
    )
    return len(unique)


def release_render(message: OutboxMessage) -> tuple[str, str] | None:
    pk = message.context.get("round")
    rnd = outbox.batch_memo(("round", pk), lambda: Round.objects.filter(pk=pk).first())
    kind = message.context.get("kind")
    if rnd is None or kind not in KINDS:
        return None
    subject = (
        _("Je stagematch is bekend") if kind == "student" else _("De stagematches zijn bekend")
    )
    context = {"recipient": message.recipient, "round": rnd, "site_url": settings.SITE_URL}
    return subject, render_to_string(f"matching/email_{kind}.txt", context)


def counsellors_remind(*, round: Round, by: User) -> int:
    """Queue an e-mail to each counsellor with how many of their students have not ranked
    (at most one a day per round); they are still allocated (ranked by score), but a
    counsellor can help them choose."""
    per_counsellor: Counter[int] = Counter(
        students_without_preferences(round)
        .exclude(student__counsellor__isnull=True)
        .values_list("student__counsellor_id", flat=True)
    )
    day = timezone.localdate().isoformat()
    outbox.enqueue_many(
        outbox.Mail(
            recipient_id=counsellor,
            kind="preferences_reminder",
            key=f"preferences-reminder:{round.pk}:{day}",
            topic=topic(round),
            context={"round": round.pk, "n": n},
        )
        for counsellor, n in per_counsellor.items()
    )
    audit(round, by, "counsellors_reminded", counsellors=len(per_counsellor))
    return len(per_counsellor)


def preferences_reminder_render(message: OutboxMessage) -> tuple[str, str] | None:
    rnd = Round.objects.filter(pk=message.context.get("round")).first()
    if rnd is None:
        return None
    context = {"user": message.recipient, "n": message.context.get("n"), "round": rnd}
    return (
        _("Studenten die nog geen voorkeur gaven"),
        render_to_string("matching/email_preferences_reminder.txt", context),
    )


def mail_counts(rnd: Round) -> dict[str, int]:
    return outbox.counts(OutboxMessage.objects.filter(topic=topic(rnd)))


def unsent_count(rnd: Round) -> int:
    """The round's e-mails still waiting or being sent."""
    return OutboxMessage.objects.filter(
        topic=topic(rnd), status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING]
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
    """Put every failed e-mail of the round back in the queue (e.g. after fixing an address)."""
    n = outbox.retry_failed(OutboxMessage.objects.filter(topic=topic(round)))
    audit(round, by, "notifications_retried", count=n)
    return n
