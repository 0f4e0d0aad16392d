"""The end evaluation: one short questionnaire per party (student, company, bpv-docent),
invited once near the end of the period and reminded once (`evaluations_invite`, run daily by
beat); the outbox stores each mail once per recipient and key, so running twice sends one."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import outbox
from accounts.models import OutboxMessage, Role, User
from companies.models import CompanyContact
from placements.models import Placement, PlacementStatus

from ..models import Evaluation, EvaluationParty, Supervision

OPENS_BEFORE_END = dt.timedelta(days=14)
REMIND_AFTER = dt.timedelta(days=7)


def party_for(placement: Placement, user: User) -> str | None:
    """Which questionnaire `user` answers for this placement, or None."""
    if user.role == Role.STUDENT and placement.student.user_id == user.pk:
        return EvaluationParty.STUDENT
    if user.role == Role.COMPANY_CONTACT:
        contact = getattr(user, "company_contact", None)
        if contact is not None and contact.company_id == placement.company_id:
            return EvaluationParty.COMPANY
    if Supervision.objects.filter(placement=placement, teacher=user).exists():
        return EvaluationParty.TEACHER
    return None


def is_open(placement: Placement, on: dt.date | None = None) -> bool:
    """From two weeks before the planned end (or the early end) on."""
    on = on or timezone.localdate()
    end = placement.ended_on if placement.ended_on else placement.end_date
    return on >= end - OPENS_BEFORE_END


def evaluation_submit(
    *,
    placement: Placement,
    by: User,
    match_score: int,
    guidance_score: int,
    objective_score: int,
    remark: str,
) -> Evaluation:
    party = party_for(placement, by)
    if party is None:
        raise ValidationError(_("Je vult geen evaluatie in voor deze stage."))
    if not is_open(placement):
        raise ValidationError(_("De evaluatie opent twee weken voor het einde van de stage."))
    try:
        with transaction.atomic():
            evaluation = Evaluation(
                placement=placement,
                party=party,
                user=by,
                match_score=match_score,
                guidance_score=guidance_score,
                objective_score=objective_score,
                remark=remark.strip(),
            )
            evaluation.full_clean(validate_unique=False)
            evaluation.save()
    except IntegrityError:
        raise ValidationError(_("Voor deze stage is de evaluatie al ingevuld.")) from None
    return evaluation


def _recipients(placement: Placement) -> list[tuple[int, str]]:
    rows = []
    if placement.student.left_on is None:  # a student who left the programme is not asked
        rows.append((placement.student.user_id, EvaluationParty.STUDENT.value))
    rows += [
        (uid, EvaluationParty.COMPANY.value)
        for uid in CompanyContact.objects.filter(company_id=placement.company_id).values_list(
            "user_id", flat=True
        )
    ]
    teacher = Supervision.objects.filter(placement=placement).values_list("teacher_id", flat=True)
    rows += [(uid, EvaluationParty.TEACHER.value) for uid in teacher]
    return rows


def evaluations_invite(on: dt.date | None = None) -> int:
    """Queue the invitation and its one reminder for every placement whose evaluation opened
    (in the current school scope). Idempotent: the outbox keeps one mail per key."""
    on = on or timezone.localdate()
    placements = Placement.objects.filter(
        visible_from__isnull=False,
        status__in=[PlacementStatus.ACTIVE, PlacementStatus.COMPLETED, PlacementStatus.ENDED_EARLY],
        end_date__lte=on + OPENS_BEFORE_END,
        end_date__gte=on - dt.timedelta(days=60),
    ).select_related("student")
    now = timezone.now()
    mails = []
    for placement in placements:
        for user_id, party in _recipients(placement):
            context = {"placement": placement.pk, "party": party}
            key = f"evaluation:{placement.pk}:{party}"
            mails.append(outbox.Mail(user_id, "evaluation", key, context=context))
            reminder = {**context, "reminder": True}
            due = now + REMIND_AFTER
            mails.append(
                outbox.Mail(user_id, "evaluation", f"{key}:herinnering", "", reminder, due)
            )
    return outbox.enqueue_many(mails) if mails else 0


def evaluation_render(message: OutboxMessage) -> tuple[str, str] | None:
    """The invitation (or reminder); nothing when the party has answered meanwhile."""
    placement = Placement.objects.filter(pk=message.context.get("placement")).first()
    party = message.context.get("party")
    if placement is None or Evaluation.objects.filter(placement=placement, party=party).exists():
        return None
    url = settings.SITE_URL + reverse("followup:detail", args=[placement.pk]) + "#evaluatie"
    reminder = bool(message.context.get("reminder"))
    subject = _("Herinnering: hoe ging de stage?") if reminder else _("Hoe ging de stage?")
    body = render_to_string(
        "followup/email_evaluation.txt",
        {"placement": placement, "url": url, "reminder": reminder},
    )
    return subject, body
