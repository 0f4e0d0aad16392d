"""Students' objections after the release: take one up, decide with reasons."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from accounts.access import coordinators_only, post_only, user_of
from matching.forms import ObjectionDecisionForm
from matching.models import Objection
from matching.services import objections

from .getters import fail


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
