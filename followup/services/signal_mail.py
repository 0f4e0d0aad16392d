"""A new signal (melding) reaches whoever reads it: one mail to each care coordinator of the
school (to the coordinators when it has none), with a link and nothing of the report itself
(what happened stays in the app, behind the login)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import outbox
from accounts.models import OutboxMessage, Role, User

from ..models import Signal

KIND = "signal_new"


def signal_readers_notify(signal: Signal) -> int:
    """Queue the mails for a new signal; returns how many."""
    school = signal.placement.student.programme.institution_id
    staff = User.objects.filter(institution_id=school, is_active=True)
    readers = list(staff.filter(role=Role.CARE_COORDINATOR).values_list("pk", flat=True)) or list(
        staff.filter(role=Role.COORDINATOR).values_list("pk", flat=True)
    )
    outbox.enqueue_many(
        outbox.Mail(
            recipient_id=user_id,
            kind=KIND,
            key=f"{KIND}:{signal.pk}:{user_id}",
            context={"signal": signal.pk},
        )
        for user_id in readers
    )
    return len(readers)


def signal_new_render(message: OutboxMessage) -> tuple[str, str] | None:
    signal = Signal.objects.filter(pk=message.context.get("signal")).first()
    if signal is None:
        return None  # erased meanwhile
    url = settings.SITE_URL + reverse("followup:detail", args=[signal.placement_id]) + "#meldingen"
    body = render_to_string("followup/email_signal_new.txt", {"url": url})
    return _("Nieuwe melding over een stage"), body
