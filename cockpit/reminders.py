"""Reminders that run by themselves from the planning's dates (beat, every hour):

- students who have not submitted their learning-wish form, in the week before their
  programme's "leerwensformulier sluit" date (until that moment);
- companies that have not signed the current agreement or have no published offer, from a
  week before the "overeenkomst getekend" date until the step is done.

Each person gets one mail per planned date: the outbox stores a message once per recipient
and key, and the key holds the step and its date. Running this twice, or every hour, sends
nothing twice; moving the date makes a new reminder. At sending time the renderer checks again
and drops a mail that is no longer needed (the form was submitted, the company signed).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import outbox
from accounts.models import OutboxMessage
from companies.models import (
    AgreementSignature,
    Company,
    CompanyContact,
    CompanyStatus,
    Offer,
    OfferStatus,
)
from companies.selectors import current_agreement
from placements.selectors import placed_student_ids
from students.models import Student
from students.services import reminder_render, students_not_done

from .models import PlanningStep, StepKind
from .selectors.planning import end_of

REMIND_BEFORE = dt.timedelta(days=7)
STUDENT_KIND = "planning_student_reminder"
COMPANY_KIND = "planning_company_reminder"
TOPIC = "planning"


def _open_steps(institution_id: int, kind: str, today: dt.date) -> QuerySet[PlanningStep]:
    return PlanningStep.objects.filter(
        institution=institution_id,
        kind=kind,
        done_on__isnull=True,
        due_on__lte=today + REMIND_BEFORE,
    ).order_by("due_on", "pk")


def student_reminders(institution_id: int, now: dt.datetime | None = None) -> int:
    """Queue the intake reminders that are due; returns how many mails were offered."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    steps = [s for s in _open_steps(institution_id, StepKind.INTAKE_CLOSE, today)]
    steps = [s for s in steps if end_of(s.due_on) >= now]
    if not steps:
        return 0
    # A step for the whole school covers the programmes without a step of their own.
    own: dict[int, set[int]] = defaultdict(set)
    for year, programme_id in PlanningStep.objects.filter(
        institution=institution_id, kind=StepKind.INTAKE_CLOSE, programme__isnull=False
    ).values_list("school_year", "programme_id"):
        own[year].add(programme_id)
    placed = placed_student_ids(on=today)
    mails = []
    for step in steps:
        students = Student.objects.filter(
            programme__institution=institution_id, user__is_active=True, left_on__isnull=True
        ).exclude(pk__in=placed)
        if step.programme_id is not None:
            students = students.filter(programme=step.programme_id)
        else:
            students = students.exclude(programme__in=own[step.school_year])
        for pk, user_id in students_not_done(students).values_list("pk", "user_id"):
            mails.append(
                outbox.Mail(
                    recipient_id=user_id,
                    kind=STUDENT_KIND,
                    key=f"planning-intake:{step.pk}:{step.due_on:%Y%m%d}",
                    topic=TOPIC,
                    context={"student": pk},
                )
            )
    if not mails:
        return 0
    with transaction.atomic():
        return outbox.enqueue_many(mails)


def student_reminder_render(message: OutboxMessage) -> tuple[str, str] | None:
    """The students app's reminder, unless the form was submitted (or the student chose their
    own placement) meanwhile."""
    if not students_not_done(Student.objects.filter(pk=message.context.get("student"))).exists():
        return None
    return reminder_render(message)


def _companies_behind(institution_id: int) -> QuerySet[Company]:
    """Active companies that have not signed the current agreement or publish no offer."""
    agreement = current_agreement(institution_id)
    signed = AgreementSignature.objects.filter(company=OuterRef("pk"), version=agreement)
    published = Offer.objects.filter(company=OuterRef("pk"), status=OfferStatus.PUBLISHED)
    return (
        Company.objects.filter(institution=institution_id, status=CompanyStatus.ACTIVE)
        .annotate(signed=Exists(signed), published=Exists(published))
        .filter(Q(signed=False) | Q(published=False))
    )


def company_reminders(institution_id: int, now: dt.datetime | None = None) -> int:
    """Queue the agreement and offer reminders that are due. The agreement is the school's,
    so a company gets one reminder per planned date, whichever programme's step it is."""
    today = timezone.localdate(now or timezone.now())
    dates = sorted(
        {(s.school_year, s.due_on) for s in _open_steps(institution_id, StepKind.AGREEMENT, today)}
    )
    if not dates:
        return 0
    contacts = CompanyContact.objects.filter(
        company__in=_companies_behind(institution_id).values("pk"), user__is_active=True
    ).values_list("company_id", "user_id")
    mails = [
        outbox.Mail(
            recipient_id=user_id,
            kind=COMPANY_KIND,
            key=f"planning-agreement:{year}:{due:%Y%m%d}",
            topic=TOPIC,
            context={"company": company_id, "due": due.isoformat()},
        )
        for company_id, user_id in contacts
        for year, due in dates
    ]
    if not mails:
        return 0
    with transaction.atomic():
        return outbox.enqueue_many(mails)


def company_reminder_render(message: OutboxMessage) -> tuple[str, str] | None:
    company = Company.objects.filter(pk=message.context.get("company")).first()
    if company is None:
        return None
    agreement = current_agreement(company.institution_id)
    signed = AgreementSignature.objects.filter(company=company, version=agreement).exists()
    published = Offer.objects.filter(company=company, status=OfferStatus.PUBLISHED).exists()
    if signed and published:
        return None
    context = {
        "company": company,
        "signed": signed,
        "published": published,
        "due": dt.date.fromisoformat(message.context["due"]),
        "site_url": settings.SITE_URL,
    }
    return (
        _("Herinnering: maak je deelname aan stagematching af"),
        render_to_string("cockpit/company_reminder_email.txt", context),
    )
