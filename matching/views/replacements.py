"""Re-placing a student at once after a company refused them: the options with their
explanation, a proposal by one person and the approval by a second."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.access import allow_roles, post_only, user_of
from followup.models import Ending
from matching.forms import ReplacementForm
from matching.models import Replacement
from matching.replacements import ReplacementStatus
from matching.services import replacement_direct
from placements.models import Placement

from .getters import fail
from .objections import REPLACEMENT_APPROVERS

SHOWN = 10

replacers = allow_roles(REPLACEMENT_APPROVERS)


def _placement_for(request: HttpRequest, pk: int) -> Placement:
    return get_object_or_404(
        Placement.objects.select_related("company__place", "student__user", "offer"),
        pk=pk,
        student__programme__institution=user_of(request).institution_id,
    )


@replacers
def replacement_page(request: HttpRequest, pk: int) -> HttpResponse:
    placement = _placement_for(request, pk)
    user = user_of(request)
    try:
        options = replacement_direct.options(placement, limit=SHOWN)
        problem = ""
    except ValidationError as exc:
        options, problem = [], " ".join(exc.messages)
    waiting = (
        Replacement.objects.filter(placement=placement, status=ReplacementStatus.PROPOSED)
        .select_related("offer__company__place", "proposed_by")
        .first()
    )
    context = {
        "placement": placement,
        "ending": Ending.objects.filter(placement=placement).first(),
        "options": options,
        "problem": problem,
        "form": ReplacementForm(options=options) if options else None,
        "waiting": waiting,
        "may_decide": waiting is not None and waiting.proposed_by_id != user.pk,
        "done": Replacement.objects.filter(placement=placement, status=ReplacementStatus.APPROVED)
        .select_related("new_placement__company")
        .first(),
    }
    return render(request, "matching/replacement.html", context)


@replacers
@post_only
def replacement_propose(request: HttpRequest, pk: int) -> HttpResponse:
    placement = _placement_for(request, pk)
    try:
        form = ReplacementForm(
            request.POST, options=replacement_direct.options(placement, limit=SHOWN)
        )
        if not form.is_valid():
            raise ValidationError(_("Kies een aanbod uit de lijst en schrijf waarom."))
        replacement_direct.direct_propose(
            placement=placement,
            offer_id=form.cleaned_data["offer"],
            reason=form.cleaned_data["reason"],
            by=user_of(request),
        )
    except ValidationError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("Voorgesteld. Een tweede persoon keurt de herplaatsing goed."))
    return redirect("matching:direct-replacement", pk=placement.pk)


def _proposal_for(request: HttpRequest, pk: int) -> Replacement:
    return get_object_or_404(
        Replacement.objects.select_related("placement"),
        pk=pk,
        placement__student__programme__institution=user_of(request).institution_id,
    )


@replacers
@post_only
def replacement_approve(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_for(request, pk)
    try:
        new = replacement_direct.direct_approve(proposal=proposal, by=user_of(request))
    except ValidationError as exc:
        fail(request, exc)
    else:
        messages.success(
            request,
            _(
                "De student is herplaatst bij %(company)s; de student en beide bedrijven krijgen "
                "een e-mail."
            )
            % {"company": new.company.legal_name},
        )
    return redirect("matching:direct-replacement", pk=proposal.placement_id)


@replacers
@post_only
def replacement_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_for(request, pk)
    try:
        replacement_direct.direct_refuse(proposal=proposal, by=user_of(request))
    except ValidationError as exc:
        fail(request, exc)
    else:
        messages.info(request, _("Het voorstel is niet goedgekeurd; kies een andere plek."))
    return redirect("matching:direct-replacement", pk=proposal.placement_id)
