"""Reminders to whoever has not signed a sent POK: the student, the company's contacts, the
school (whoever drew it up) and the parent or guardian (through their current link). Two
reminders, 5 and 12 days after sending (both while a guardian's 14-day link still works);
run daily by beat. Each is one outbox message per recipient and key, so running twice sends
one, and a party that signs meanwhile gets nothing (checked again when the mail is made)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import outbox
from accounts.models import OutboxMessage
from companies.models import CompanyContact
from placements.models import PlacementStatus

from ..models import Agreement, AgreementStatus, GuardianLink, Party, Signature
from .agreement import guardian_token

# Days after sending: the first reminder, the second.
REMIND_AFTER = (dt.timedelta(days=5), dt.timedelta(days=12))


def _due(sent_at: dt.datetime, now: dt.datetime) -> int:
    """The reminder due now (1 or 2), 0 when none is."""
    return sum(sent_at + after <= now for after in REMIND_AFTER)


def _recipients(agreement: Agreement, party: str) -> list[int]:
    placement = agreement.placement
    if party in (Party.STUDENT, Party.GUARDIAN):  # a guardian's mail goes "for" the student
        return [placement.student.user_id]
    if party == Party.COMPANY:
        contacts = CompanyContact.objects.filter(company_id=placement.company_id)
        return list(contacts.values_list("user_id", flat=True))
    return [agreement.created_by_id]


def agreement_reminders(now: dt.datetime | None = None) -> int:
    """Queue the reminder that is due for each party that has not signed a sent POK (in the
    current school scope). Returns how many were offered to the outbox."""
    now = now or timezone.now()
    # An ended placement's POK is no longer signed (`running.ensure_running`): no reminders.
    agreements = Agreement.objects.filter(
        status=AgreementStatus.SENT,
        sent_at__lte=now - REMIND_AFTER[0],
        placement__status=PlacementStatus.ACTIVE,
    ).select_related("placement__student")
    signed: dict[int, set[str]] = {}
    for agreement_id, party in Signature.objects.filter(agreement__in=agreements).values_list(
        "agreement_id", "party"
    ):
        signed.setdefault(agreement_id, set()).add(party)
    mails = []
    for agreement in agreements:
        assert agreement.sent_at is not None
        n = _due(agreement.sent_at, now)
        for party in agreement.parties():
            if party in signed.get(agreement.pk, set()):
                continue
            key = f"pok-reminder:{agreement.pk}:{party}:{n}"
            context = {"agreement": agreement.pk, "party": str(party), "n": n}
            mails += [
                outbox.Mail(uid, "pok_reminder", key, context=context)
                for uid in _recipients(agreement, party)
            ]
    return outbox.enqueue_many(mails) if mails else 0


def agreement_reminder_render(message: OutboxMessage) -> outbox.Rendered | None:
    """The reminder, made when it is sent; nothing when the party signed meanwhile."""
    party = message.context.get("party")
    agreement = (
        Agreement.objects.filter(pk=message.context.get("agreement"))
        .select_related("placement__student__user", "placement__company")
        .first()
    )
    if agreement is None or agreement.status != AgreementStatus.SENT:
        return None
    if Signature.objects.filter(agreement=agreement, party=party).exists():
        return None
    placement = agreement.placement
    address = ""
    if party == Party.GUARDIAN:
        link = (
            GuardianLink.objects.filter(
                agreement=agreement,
                used_at__isnull=True,
                revoked_at__isnull=True,
                expires_at__gt=timezone.now(),
            )
            .order_by("-created_at")
            .first()
        )
        if link is None or not link.email:
            return None  # the school sends a new link from the placement's page
        path = reverse("followup:guardian-sign", args=[guardian_token(link)])
        address = link.email
    else:
        path = reverse("followup:detail", args=[placement.pk])
    body = render_to_string(
        "followup/email_pok_reminder.txt",
        {
            "student": placement.student.user.full_name,
            "company": placement.company.legal_name,
            "sent": date_format(timezone.localtime(agreement.sent_at), "j F Y"),
            "url": settings.SITE_URL + path,
            "guardian": party == Party.GUARDIAN,
        },
    )
    subject = _("Herinnering: de praktijkovereenkomst wacht op je handtekening")
    if party == Party.GUARDIAN:
        return subject, body, address
    return subject, body
