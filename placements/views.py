"""Staff pages of the placement ledger: deciding on an own placement."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from accounts.access import coordinators_only, post_only, user_of
from students.forms import DecisionForm
from students.models import OwnPlacement

from . import services


@coordinators_only
@post_only
def own_placement_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    placement = get_object_or_404(
        OwnPlacement, pk=pk, student__programme__institution=user.institution_id
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("students:own-placements")
    try:
        services.own_placement_decide(
            placement=placement,
            approve=form.cleaned_data["decision"] == "approved",
            reason=form.cleaned_data["reason"],
            by=user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De beslissing is vastgelegd."))
    return redirect("students:own-placements")
