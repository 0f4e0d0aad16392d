"""Suspending a company's participation, and lifting it. A refusal after the introductory
meeting, discrimination or a withdrawn recognition can lead the coordinator to suspend a
company, with a reason; its offers then leave matching and direct re-placement (both read
`selectors.offers_for_matching`, which takes active companies only) until it is lifted. Each
step is a `Suspension` row: the history shown on the company's page."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from .models import Company, CompanyStatus, Suspension, SuspensionAction, SuspensionReason


def _locked(company: Company, by: User) -> Company:
    locked = Company.objects.select_for_update().get(pk=company.pk)
    if locked.institution_id != by.institution_id:
        raise ValidationError(_("Dit bedrijf hoort niet bij je school."))
    return locked


@transaction.atomic
def company_suspend(*, company: Company, reason: str, text: str, by: User) -> Suspension:
    """Suspend an active company's participation with a reason from the list and a text."""
    company = _locked(company, by)
    if company.status == CompanyStatus.SUSPENDED:
        raise ValidationError(_("De deelname van dit bedrijf is al geschorst."))
    if company.status != CompanyStatus.ACTIVE:
        raise ValidationError(_("Alleen een actief bedrijf kan geschorst worden."))
    if reason not in SuspensionReason.values:
        raise ValidationError(_("Kies een reden voor de schorsing."))
    if not text.strip():
        raise ValidationError(_("Schrijf waarom de deelname wordt geschorst."))
    row = Suspension(
        company=company,
        action=SuspensionAction.SUSPEND,
        reason=reason,
        text=text.strip(),
        by=by,
        at=timezone.now(),
    )
    row.full_clean()
    row.save()
    company.status = CompanyStatus.SUSPENDED
    company.save(update_fields=["status"])
    return row


@transaction.atomic
def company_suspension_lift(*, company: Company, text: str, by: User) -> Suspension:
    """Lift the suspension: the company is active again and its published offers count."""
    company = _locked(company, by)
    if company.status != CompanyStatus.SUSPENDED:
        raise ValidationError(_("De deelname van dit bedrijf is niet geschorst."))
    row = Suspension.objects.create(
        company=company,
        action=SuspensionAction.LIFT,
        text=text.strip(),
        by=by,
        at=timezone.now(),
    )
    company.status = CompanyStatus.ACTIVE
    company.save(update_fields=["status"])
    return row


def current_suspension(company: Company) -> Suspension | None:
    """The suspension in force (its latest step), or None."""
    if company.status != CompanyStatus.SUSPENDED:
        return None
    return (
        Suspension.objects.filter(company=company, action=SuspensionAction.SUSPEND)
        .select_related("by")
        .order_by("-at", "-pk")
        .first()
    )
