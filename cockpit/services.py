"""Writes of the cockpit: the planning's steps and the overdue mail to their owners."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import outbox
from accounts.models import STAFF_ROLES, Institution, OutboxMessage, User
from matching.models import Round, RoundStatus

from .models import PlanningStep, StepKind
from .selectors.planning import intake_closes_at, overdue_steps

OVERDUE_KIND = "planning_overdue"
OVERDUE_TOPIC = "planning"


def _check_owner(institution: Institution, owner: User | None) -> None:
    if owner is not None and (
        owner.institution_id != institution.pk or owner.role not in STAFF_ROLES
    ):
        raise ValidationError(_("Kies een medewerker van je eigen school als verantwoordelijke."))


def planning_step_save(
    *, institution: Institution, step: PlanningStep | None, data: dict[str, Any]
) -> PlanningStep:
    """Add a step to the planning or change one (date, owner, programme)."""
    _check_owner(institution, data.get("owner"))
    programme = data.get("programme")
    if programme is not None and programme.institution_id != institution.pk:
        raise ValidationError(_("Deze opleiding hoort niet bij je school."))
    step = step or PlanningStep(institution=institution)
    for name in ("school_year", "programme", "kind", "due_on", "owner"):
        if name in data:
            setattr(step, name, data[name])
    clash = PlanningStep.objects.filter(
        institution=institution,
        school_year=step.school_year,
        programme=step.programme,
        kind=step.kind,
    ).exclude(pk=step.pk)
    if clash.exists():
        raise ValidationError(
            _("Deze stap staat al in de planning van dit schooljaar: pas die aan.")
        )
    step.save()
    if step.kind == StepKind.INTAKE_CLOSE:
        rounds_follow_planning(institution_id=institution.pk)
    return step


def rounds_follow_planning(*, institution_id: int, now: dt.datetime | None = None) -> int:
    """Give the school's first rounds that still take in forms (draft, intake) the intake date
    of the planning again, after its "leerwensformulier sluit" step changed. Returns how many
    rounds got a new date."""
    now = now or timezone.now()
    changed = 0
    rounds = Round.objects.filter(
        institution=institution_id,
        status__in=[RoundStatus.DRAFT, RoundStatus.INTAKE],
        follow_up_of__isnull=True,  # a follow-up round's intake is closed by hand
    ).prefetch_related("programmes")
    for rnd in rounds:
        closes = intake_closes_at(institution_id, [p.pk for p in rnd.programmes.all()], now)
        if closes != rnd.intake_closes_at:
            rnd.intake_closes_at = closes
            rnd.save(update_fields=["intake_closes_at"])
            changed += 1
    return changed


def planning_step_done(*, step: PlanningStep, done: bool, on: dt.date | None = None) -> None:
    """Mark a step done (today, or `on`) or open it again."""
    step.done_on = (on or timezone.localdate()) if done else None
    step.save(update_fields=["done_on"])


def planning_step_delete(*, step: PlanningStep) -> None:
    step.delete()
    if step.kind == StepKind.INTAKE_CLOSE:
        rounds_follow_planning(institution_id=step.institution_id)


def overdue_mail(institution_id: int, today: dt.date | None = None) -> int:
    """Queue one e-mail to the owner of each late step of the school. The outbox stores a
    message once per owner and key, and the key holds the date: running this every hour mails
    each late step once, and again only when its date is moved and passes again."""
    steps = overdue_steps(institution_id, today).filter(owner__isnull=False)
    mails = [
        outbox.Mail(
            recipient_id=step.owner_id,
            kind=OVERDUE_KIND,
            key=f"planning-overdue-{step.pk}-{step.due_on:%Y%m%d}",
            topic=OVERDUE_TOPIC,
            context={"step": step.pk},
        )
        for step in steps
        if step.owner_id is not None
    ]
    if not mails:
        return 0
    with transaction.atomic():
        return outbox.enqueue_many(mails)


def overdue_render(message: OutboxMessage) -> tuple[str, str] | None:
    """The mail to a late step's owner; not sent when the step is done or gone meanwhile."""
    step = (
        PlanningStep.objects.filter(pk=message.context.get("step"), done_on__isnull=True)
        .select_related("programme")
        .first()
    )
    if step is None:
        return None
    context = {"step": step, "site_url": settings.SITE_URL}
    return (
        _("Te laat in de planning: %(step)s") % {"step": step.get_kind_display()},
        render_to_string("cockpit/overdue_email.txt", context),
    )
