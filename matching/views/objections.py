"""Students' objections after the release: take one up, decide with reasons, and re-place
the student of an upheld one (proposed by a coordinator, approved by a second person)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.access import allow_roles, coordinators_only, post_only, user_of
from accounts.models import Role
from matching.forms import ObjectionDecisionForm, ReplacementForm
from matching.models import Objection
from matching.selectors.replacement import replacement_options
from matching.services import objections, replacement

from .getters import fail

# The second person of a re-placement: another coordinator, the institution admin or the
# care coordinator (the service refuses the person who proposed it).
REPLACEMENT_APPROVERS = {Role.COORDINATOR, Role.INSTITUTION_ADMIN, Role.CARE_COORDINATOR}


def _objection_for(request: HttpRequest, pk: int) -> Objection:
    return get_object_or_404(
        Objection.objects.select_related("match__round"),
        pk=pk,
        match__round__institution=user_of(request).institution_id,
    )


@coordinators_only
@post_only
def objection_take(request: HttpRequest, pk: int) -> HttpResponse:
    objection = _objection_for(request, pk)
    try:
        objections.objection_take(objection=objection, by=user_of(request))
    except ValidationError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("Het bezwaar is in behandeling; de student ziet dat."))
    return redirect("matching:round-detail", pk=objection.match.round_id)


@coordinators_only
@post_only
def objection_decide(request: HttpRequest, pk: int) -> HttpResponse:
    objection = _objection_for(request, pk)
    form = ObjectionDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies toekennen of afwijzen en schrijf de redenen."))
        return redirect("matching:round-detail", pk=objection.match.round_id)
    try:
        objections.objection_decide(
            objection=objection,
            upheld=form.cleaned_data["decision"] == "upheld",
            answer=form.cleaned_data["answer"],
            by=user_of(request),
        )
    except ValidationError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("Besluit vastgelegd; de student leest het op zijn uitslag."))
    return redirect("matching:round-detail", pk=objection.match.round_id)


@coordinators_only
@post_only
def replacement_propose(request: HttpRequest, pk: int) -> HttpResponse:
    objection = _objection_for(request, pk)
    form = ReplacementForm(request.POST, options=replacement_options(objection))
    if not form.is_valid():
        messages.error(request, _("Kies een nieuwe stageplek uit de lijst en schrijf waarom."))
        return redirect("matching:round-detail", pk=objection.match.round_id)
    try:
        replacement.replacement_propose(
            objection=objection,
            offer_id=form.cleaned_data["offer"],
            reason=form.cleaned_data["reason"],
            by=user_of(request),
        )
    except ValidationError as exc:
        fail(request, exc)
    else:
        messages.success(
            request, _("Herplaatsing voorgesteld. Een tweede persoon moet haar goedkeuren.")
        )
    return redirect("matching:round-detail", pk=objection.match.round_id)


@allow_roles(REPLACEMENT_APPROVERS)
@post_only
def replacement_approve(request: HttpRequest, pk: int) -> HttpResponse:
    objection = _objection_for(request, pk)
    try:
        new = replacement.replacement_approve(objection=objection, by=user_of(request))
    except ValidationError as exc:
        fail(request, exc)
    else:
        messages.success(
            request,
            _(
                "De student is herplaatst bij %(company)s vanaf %(start)s. De student en beide "
                "bedrijven krijgen een e-mail."
            )
            % {"company": new.company.legal_name, "start": date_format(new.start_date)},
        )
    return redirect("matching:round-detail", pk=objection.match.round_id)


@allow_roles(REPLACEMENT_APPROVERS)
@post_only
def replacement_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    objection = _objection_for(request, pk)
    try:
        replacement.replacement_refuse(objection=objection, by=user_of(request))
    except ValidationError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("Het voorstel tot herplaatsing is afgewezen."))
    return redirect("matching:round-detail", pk=objection.match.round_id)
