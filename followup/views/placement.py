"""The page of one placement, for each party, and the export of signed POKs."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

from accounts.access import ALL_ROLES, allow_roles, coordinators_only, user_of
from accounts.models import Role, User
from placements.models import Placement, PlacementStatus
from spreadsheets.exports import download

from ..bpv_export import signed_agreements_table
from ..forms import AgreementForm, GuardianForm
from ..models import Party
from ..pok_fields import agreement_rows, changed_since_sent
from ..selectors import SCHOOL_SIGNERS, agreement_of, party_of, placement_for
from ..services.agreement import defaults
from .context import SECTIONS


def _agreement_context(placement: Placement, user: User, party: str) -> dict[str, Any]:
    agreement = agreement_of(placement)
    running = placement.status == PlacementStatus.ACTIVE
    context: dict[str, Any] = {"agreement": agreement}
    if agreement is not None:
        signed = {s.party: s for s in agreement.signatures.all()}
        context["signatures"] = [(Party(p).label, signed.get(p)) for p in agreement.parties()]
        context["rows"] = agreement_rows(agreement)
        context["guardian_signed"] = Party.GUARDIAN in signed
        if user.role in SCHOOL_SIGNERS and running:
            context["changed_since_sent"] = changed_since_sent(agreement)
        signs_for_school = party != Party.SCHOOL or user.role in SCHOOL_SIGNERS
        context["can_sign"] = (
            running and agreement.status == "sent" and party not in signed and signs_for_school
        )
    if user.role in SCHOOL_SIGNERS and running:
        if agreement is None or agreement.status == "draft":
            context["agreement_form"] = AgreementForm(
                instance=agreement, initial=None if agreement else defaults(placement)
            )
        student = placement.student
        context["guardian_form"] = GuardianForm(
            initial={
                "date_of_birth": student.date_of_birth,
                "guardian_name": student.guardian_name,
                "guardian_email": student.guardian_email,
            }
        )
    return context


@allow_roles(ALL_ROLES)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    placement = placement_for(user, pk)
    party = party_of(user)
    context = {
        "placement": placement,
        "party": party,
        "is_coordinator": user.role in SCHOOL_SIGNERS,
        "is_staff": user.role not in (Role.STUDENT, Role.COMPANY_CONTACT),
        "running": placement.status == PlacementStatus.ACTIVE,
        **_agreement_context(placement, user, party),
    }
    for section in SECTIONS:
        context.update(section(placement, user, party))
    return render(request, "followup/detail.html", context)


@coordinators_only
def agreements_export(request: HttpRequest) -> HttpResponseBase:
    """The school's fully signed POKs as the student information system's BPV record (CSV,
    or XLSX with `?formaat=xlsx`)."""
    return download(request, signed_agreements_table(user_of(request)))
