"""The buttons that move a round: each POSTs to its own view, which calls its own service.

No view takes the target state from the request: a button is a move, and the move's service
checks its own preconditions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.access import coordinators_only, post_only, user_of
from accounts.models import User
from matching.forms import ReleaseForm
from matching.jobs import JobKind
from matching.models import Round, RoundStatus, Variant
from matching.services import rounds_moves, rounds_release

from .getters import fail, round_for
from .jobs import start_job


@dataclass(frozen=True)
class Move:
    url_name: str
    label: Promise
    question: Promise
    button: str = "btn-outline-primary"


CONFIRM = gettext_lazy("Weet je het zeker? Deze stap wordt vastgelegd.")
CLOSE_INTAKE_LABEL = {
    Variant.DIRECT: gettext_lazy("Intake sluiten en naar toewijzen"),
    Variant.SHORTLIST: gettext_lazy("Intake sluiten, shortlists maken en voorkeuren openen"),
    Variant.TOP3: gettext_lazy("Intake sluiten en voorkeuren openen"),
}
CLOSE_INTAKE_QUESTION = gettext_lazy(
    "De intake sluiten? Studenten in deze ronde kunnen hun formulier daarna niet meer wijzigen."
)


def round_moves(rnd: Round) -> list[Move]:
    """The buttons a coordinator sees in the round's current phase."""
    if rnd.status == RoundStatus.DRAFT:
        return [Move("matching:round-open-intake", gettext_lazy("Intake openen"), CONFIRM)]
    if rnd.status == RoundStatus.INTAKE:
        label = CLOSE_INTAKE_LABEL[Variant(rnd.variant)]
        return [Move("matching:round-close-intake", label, CLOSE_INTAKE_QUESTION)]
    if rnd.status == RoundStatus.PREFERENCES:
        label = gettext_lazy("Voorkeuren sluiten en naar toewijzen")
        return [Move("matching:round-start-allocating", label, CONFIRM)]
    if rnd.status == RoundStatus.REVIEW:
        label = gettext_lazy("Ronde goedkeuren")
        return [Move("matching:round-approve", label, CONFIRM, "btn-success")]
    if rnd.status == RoundStatus.APPROVED:
        label = gettext_lazy("Terug naar beoordeling")
        return [Move("matching:round-reopen-review", label, CONFIRM)]
    if rnd.status == RoundStatus.RELEASED:
        question = gettext_lazy("De ronde afsluiten? Daarna verandert er niets meer aan.")
        return [Move("matching:round-close", gettext_lazy("Ronde afsluiten"), question)]
    return []


Service = Callable[..., Round]


def _move(request: HttpRequest, pk: int, service: Service, done: str) -> HttpResponse:
    rnd = round_for(request, pk)
    by: User = user_of(request)
    try:
        service(round=rnd, by=by)
    except ValidationError as exc:
        fail(request, exc)
    else:
        messages.success(request, done)
    return redirect("matching:round-detail", pk=rnd.pk)


@coordinators_only
@post_only
def round_open_intake(request: HttpRequest, pk: int) -> HttpResponse:
    done = _("De intake is open: studenten kunnen hun leerwensen invullen.")
    return _move(request, pk, rounds_moves.round_open_intake, done)


@coordinators_only
@post_only
def round_close_intake(request: HttpRequest, pk: int) -> HttpResponse:
    # With a shortlist round this runs the engine: a worker does it (see `_jobs.html`).
    return start_job(request, round_for(request, pk), JobKind.CLOSE_INTAKE)


@coordinators_only
@post_only
def round_start_allocating(request: HttpRequest, pk: int) -> HttpResponse:
    done = _("De voorkeuren zijn gesloten. Bereid nu een run voor.")
    return _move(request, pk, rounds_moves.round_start_allocating, done)


@coordinators_only
@post_only
def round_approve(request: HttpRequest, pk: int) -> HttpResponse:
    done = _("De ronde is goedgekeurd. Kies nu het moment van bekendmaking.")
    return _move(request, pk, rounds_release.round_approve, done)


@coordinators_only
@post_only
def round_reopen_review(request: HttpRequest, pk: int) -> HttpResponse:
    done = _("De ronde is terug in de beoordeling.")
    return _move(request, pk, rounds_release.round_reopen_review, done)


@coordinators_only
@post_only
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, rounds_release.round_close, _("De ronde is afgesloten."))


@coordinators_only
@post_only
def round_release(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = round_for(request, pk)
    form = ReleaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("matching:round-detail", pk=rnd.pk)
    data = form.cleaned_data
    at = timezone.now() if data["when"] == "now" else data["at"]
    try:
        rounds_release.release_moment(round=rnd, at=at, confirmed=data["confirm"])
    except rounds_release.ReleaseNeedsConfirmation as exc:
        messages.warning(request, " ".join(exc.messages))
    except ValidationError as exc:
        fail(request, exc)
    else:
        # Placements made visible and every release message queued: seconds at 10,000
        # students, so a worker does it (the page shows the job and its outcome).
        return start_job(request, rnd, JobKind.RELEASE, at=at.isoformat())
    return redirect("matching:round-detail", pk=rnd.pk)
