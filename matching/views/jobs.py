"""Starting a round's long step as a background job, and its progress for the page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from accounts.access import staff_only, user_of
from matching.jobs import JobKind, JobStatus, RoundJob
from matching.models import Round
from matching.services import jobs

from .getters import fail


def start_job(
    request: HttpRequest, rnd: Round, kind: JobKind, *, back: str = "", **params: Any
) -> HttpResponse:
    """Queue the step and go back to the page that shows its progress (`back`, or the
    round's page)."""
    try:
        jobs.job_start(round=rnd, kind=kind, by=user_of(request), **params)
    except ValidationError as exc:
        fail(request, exc)
    else:
        messages.info(
            request,
            # Not "busy": a worker may have finished (or refused) the step before the page
            # shows; the job's own line below says how it stands.
            _("Gestart: %(step)s. Hieronder zie je hoe het gaat; de pagina ververst vanzelf.")
            % {"step": kind.label.lower()},
        )
    return redirect(back) if back else redirect("matching:round-detail", pk=rnd.pk)


@staff_only
def job_status(request: HttpRequest, pk: int) -> JsonResponse:
    """Polled every second while a job runs: one small row."""
    row = get_object_or_404(
        RoundJob.objects.values("status", "progress"),
        pk=pk,
        round__institution=user_of(request).institution_id,
    )
    finished = row["status"] in (JobStatus.DONE, JobStatus.FAILED)
    return JsonResponse({**row, "finished": finished})
