"""A round's runs: prepare (seed shown first), start, progress, choose, replay."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from accounts.access import coordinators_only, post_only, staff_only, user_of
from catalog.formfields import posted_text
from matching.jobs import JobKind
from matching.models import Run, RunStatus
from matching.services import runs

from .getters import fail, round_for, run_for
from .jobs import start_job


@coordinators_only
@post_only
def run_prepare(request: HttpRequest, pk: int) -> HttpResponse:
    priority = {"on": True, "off": False}.get(request.POST.get("priority", ""))
    return start_job(request, round_for(request, pk), JobKind.PREPARE, priority=priority)


@coordinators_only
@post_only
def run_start(request: HttpRequest, pk: int) -> HttpResponse:
    run = run_for(request, pk)
    try:
        runs.run_start(run=run, by=user_of(request))
    except ValidationError as exc:
        fail(request, exc)
    return redirect("matching:round-detail", pk=run.round_id)


@staff_only
def run_status(request: HttpRequest, pk: int) -> JsonResponse:
    """Polled every second while a run computes: one small row, four columns."""
    row = get_object_or_404(
        Run.objects.values("status", "progress", "error"),
        pk=pk,
        round__institution=user_of(request).institution_id,
    )
    return JsonResponse({**row, "label": RunStatus(row["status"]).label})


@coordinators_only
@post_only
def run_choose(request: HttpRequest, pk: int) -> HttpResponse:
    run = run_for(request, pk)
    try:
        reason = posted_text(request.POST, "reason")
    except ValidationError as exc:
        fail(request, exc)
        return redirect("matching:round-detail", pk=run.round_id)
    return start_job(request, run.round, JobKind.CHOOSE, run=run.pk, reason=reason)


@staff_only
@post_only
def run_replay(request: HttpRequest, pk: int) -> HttpResponse:
    run = run_for(request, pk)
    try:
        same = runs.run_replay(run=run, by=user_of(request))
    except runs.ReplayUnavailable as exc:
        messages.warning(request, " ".join(exc.messages))
    except ValidationError as exc:
        fail(request, exc)
    else:
        if same:
            messages.success(
                request,
                _("Opnieuw uitgevoerd met dezelfde invoer en seed: de uitkomst is identiek."),
            )
        else:
            messages.error(
                request, _("Opnieuw uitgevoerd: de uitkomst wijkt af! Meld dit bij de beheerder.")
            )
    return redirect("matching:round-detail", pk=run.round_id)
