"""Daily warnings to the bpv-docent, each sent once: a placement past a third of its period
without a held contact moment, or within two weeks of its end without three moments or
without one on site (Stagepact). Idempotent through the outbox key."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import outbox
from accounts.models import OutboxMessage
from placements.models import Placement, PlacementStatus

from ..models import Supervision
from ..selectors import behind, contact_count


def shortfall(placement: Placement, on: dt.date) -> str | None:
    """ "third" or "end" when the placement falls short of contact moments on day `on`."""
    return behind(placement, contact_count(placement), on)


def contact_warnings(on: dt.date | None = None) -> int:
    """Queue a warning for each placement that falls short (in the current school scope)."""
    on = on or timezone.localdate()
    rows = Supervision.objects.filter(
        placement__status=PlacementStatus.ACTIVE,
        placement__visible_from__isnull=False,
        placement__start_date__lte=on,
        placement__end_date__gte=on,
    ).select_related("placement")
    mails = []
    for supervision in rows:
        kind = shortfall(supervision.placement, on)
        if kind is not None:
            key = f"contact-warning:{supervision.placement_id}:{kind}"
            context = {"placement": supervision.placement_id, "kind": kind}
            mails.append(outbox.Mail(supervision.teacher_id, "contact_warning", key, "", context))
    return outbox.enqueue_many(mails) if mails else 0


def contact_warning_render(message: OutboxMessage) -> tuple[str, str] | None:
    placement = Placement.objects.filter(pk=message.context.get("placement")).first()
    if placement is None or shortfall(placement, timezone.localdate()) is None:
        return None  # caught up meanwhile
    url = settings.SITE_URL + reverse("followup:detail", args=[placement.pk]) + "#begeleiding"
    count = contact_count(placement)
    body = render_to_string(
        "followup/email_contact_warning.txt",
        {"placement": placement, "url": url, "count": count, "kind": message.context["kind"]},
    )
    return _("Contactmomenten stage: actie nodig"), body
