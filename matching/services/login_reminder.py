"""The "log alvast in" reminder: a day before the release moment, the round's students who
were not seen in the last 14 days are asked to log in once, so that at the moment itself they
are still logged in and see their result without queueing behind everyone else's login.

The mail says when the result comes and how to log in, and nothing about the result: it is
the same text for every student of the round, placed or not, and it is rendered from the
round and the recipient only.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts import outbox
from accounts.models import OutboxMessage, User
from matching.models import Round
from matching.selectors.presence import (
    reminder_topic,
    round_presence,
    round_student_users,
    seen_since,
)

from .audit import audit

KIND = "login_reminder"
AHEAD = dt.timedelta(days=1)


@transaction.atomic
def login_reminder_queue(*, round: Round, by: User, now: dt.datetime | None = None) -> int:
    """Queue the reminder for each of the round's students not seen in the last 14 days, due
    a day before the release moment (at once when that is less than a day away). Needs a
    release moment that is still ahead. Idempotent: one message per student and round (the
    outbox key), so pressing the button twice mails nobody twice. Returns how many students
    it was queued for."""
    now = now or timezone.now()
    presence = round_presence(round, now)
    if presence is None or not presence.reminder_possible or round.release_at is None:
        raise ValidationError(
            _("Een herinnering om in te loggen kan pas als het moment van bekendmaking vastligt.")
        )
    due = max(now, round.release_at - AHEAD)
    user_ids = list(
        round_student_users(round).exclude(seen_since(now)).values_list("pk", flat=True)
    )
    outbox.enqueue_many(
        outbox.Mail(
            recipient_id=user_id,
            kind=KIND,
            key=f"login-reminder:{round.pk}",
            topic=reminder_topic(round),
            context={"round": round.pk},
            send_after=due,
        )
        for user_id in user_ids
    )
    audit(round, by, "login_reminder_queued", students=len(user_ids), due=due.isoformat())
    return len(user_ids)


def login_reminder_render(message: OutboxMessage) -> tuple[str, str] | None:
    """Only the moment and the login link; None (not sent) once the moment has passed."""
    rnd = Round.objects.filter(pk=message.context.get("round")).first()
    if rnd is None or rnd.release_at is None or rnd.release_at <= timezone.now():
        return None
    query = urlencode({"next": reverse("matching:result")})
    context = {
        "recipient": message.recipient,
        "release_at": timezone.localtime(rnd.release_at),
        "login_url": f"{settings.SITE_URL}{reverse('accounts:login')}?{query}",
        "reset_url": f"{settings.SITE_URL}{reverse('accounts:password-reset')}",
    }
    return (
        _("Log alvast in: morgen hoor je waar je stage loopt"),
        render_to_string("matching/email_login_reminder.txt", context),
    )
