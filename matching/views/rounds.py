"""Coordinators' pages: the dashboard, coverage, creating a round and a round's page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.access import coordinators_only, post_only, staff_only, user_of
from accounts.models import Role
from companies.selectors import offers_needing_text_review
from matching.engine import Weights
from matching.forms import (
    WEIGHT_LABELS,
    ObjectionDecisionForm,
    ReleaseForm,
    ReplacementForm,
    RoundForm,
)
from matching.models import Objection, ObjectionStatus, Round
from matching.selectors.coverage import supply_and_demand
from matching.selectors.fairness import run_fairness
from matching.selectors.jobs import page_jobs
from matching.selectors.lottery import lottery_published
from matching.selectors.population import population_summary
from matching.selectors.presence import round_presence
from matching.selectors.replacement import replacement_options
from matching.selectors.rounds import export_table, round_page, rounds_of
from matching.services import login_reminder, notifications, rounds
from spreadsheets.exports import download

from .getters import fail, round_for
from .moves import round_moves
from .objections import REPLACEMENT_APPROVERS

REPLACEMENT_OPTIONS_SHOWN = 15


@staff_only
def dashboard(request: HttpRequest) -> HttpResponse:
    institution_id = user_of(request).institution_id
    text_review = offers_needing_text_review(institution_id)
    context = {
        "coverage": supply_and_demand(institution_id),
        "rounds": rounds_of(institution_id),
        "text_review": text_review[:10],
        "n_text_review": text_review.count(),
    }
    return render(request, "matching/dashboard.html", context)


@staff_only
def coverage(request: HttpRequest) -> HttpResponse:
    rows = supply_and_demand(user_of(request).institution_id)
    return render(request, "matching/coverage.html", {"rows": rows})


@coordinators_only
def round_create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = RoundForm(
        request.POST or None,
        institution_id=user.institution_id,
        initial={"cohort": timezone.now().year},
    )
    if request.method == "POST" and form.is_valid() and user.institution is not None:
        data = form.cleaned_data
        try:
            rnd = rounds.round_create(
                institution=user.institution,
                name=data["name"],
                programmes=list(data["programmes"]),
                cohort=data["cohort"],
                variant=data["variant"],
                by=user,
                weights=data["weights"],
                priority=data["priority"],
                shortlist_size=data["shortlist_size"],
                preferences_open_at=data["preferences_open_at"],
                preferences_close_at=data["preferences_close_at"],
                objection_days=data["objection_days"],
                review_score_threshold=data["review_score_threshold"],
            )
        except ValidationError as exc:
            fail(request, exc)
        else:
            _placed_left_out(request, rnd)
            return redirect("matching:round-detail", pk=rnd.pk)
    return render(request, "matching/round_form.html", {"form": form})


def _placed_left_out(request: HttpRequest, rnd: Round) -> None:
    placed = population_summary(rnd)["placed"]
    if placed:
        messages.info(
            request,
            ngettext(
                "%(n)s student van dit cohort heeft al een stageplek (uit een eerdere ronde of "
                "een eigen stageplek) en doet niet mee in deze ronde.",
                "%(n)s studenten van dit cohort hebben al een stageplek (uit een eerdere ronde of "
                "een eigen stageplek) en doen niet mee in deze ronde.",
                placed,
            )
            % {"n": placed},
        )


def _replacement_form(objection: Objection) -> ReplacementForm | None:
    """The form to propose another place, for an upheld objection of a placed student."""
    if objection.status != ObjectionStatus.UPHELD or objection.replacement_id is not None:
        return None
    if objection.match.placement_id is None:
        return None
    return ReplacementForm(
        options=replacement_options(objection, limit=REPLACEMENT_OPTIONS_SHOWN),
        auto_id=f"replace-{objection.pk}-%s",
    )


@staff_only
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = round_for(request, pk)
    weights = rnd.weights or Weights().as_dict()
    page = round_page(rnd)
    chosen = next((r for r in page["runs"] if r.pk == rnd.chosen_run_id), None)
    context = {
        "round": rnd,
        **page,
        "moves": round_moves(rnd),
        "objections": [
            (o, ObjectionDecisionForm(auto_id=f"decide-{o.pk}-%s"), _replacement_form(o))
            for o in page["objections"]
        ],
        "is_coordinator": user_of(request).role in (Role.COORDINATOR, Role.INSTITUTION_ADMIN),
        "may_approve_replacement": user_of(request).role in REPLACEMENT_APPROVERS,
        "release_form": ReleaseForm(),
        "weights": [(WEIGHT_LABELS[k], v) for k, v in weights.items() if k in WEIGHT_LABELS],
        "text_weighted": float(weights.get("learning_text") or 0) > 0,
        "chosen": chosen,
        "chosen_fairness": run_fairness(chosen) if chosen else None,
        "lottery": lottery_published(rnd),
        "presence": round_presence(rnd),
        "jobs": page_jobs(rnd, user_of(request)),
    }
    return render(request, "matching/round_detail.html", context)


@coordinators_only
@post_only
def counsellors_remind(request: HttpRequest, pk: int) -> HttpResponse:
    n = notifications.counsellors_remind(round=round_for(request, pk), by=user_of(request))
    messages.success(request, _("%(n)s slb'ers krijgen een herinnering per e-mail.") % {"n": n})
    return redirect("matching:round-detail", pk=pk)


@coordinators_only
@post_only
def login_reminder_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the "log alvast in" e-mail, due a day before the release moment."""
    try:
        n = login_reminder.login_reminder_queue(round=round_for(request, pk), by=user_of(request))
    except ValidationError as exc:
        fail(request, exc)
    else:
        messages.success(
            request,
            _(
                "%(n)s studenten krijgen een dag voor de bekendmaking een herinnering om "
                "in te loggen."
            )
            % {"n": n},
        )
    return redirect("matching:round-detail", pk=pk)


@coordinators_only
@post_only
def notifications_retry(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = round_for(request, pk)
    n = notifications.notifications_retry_failed(round=rnd, by=user_of(request))
    messages.success(request, _("%(n)s berichten worden opnieuw verstuurd.") % {"n": n})
    return redirect("matching:round-detail", pk=pk)


@coordinators_only
@post_only
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        new = rounds.follow_up_create(round=round_for(request, pk), by=user_of(request))
    except ValidationError as exc:
        fail(request, exc)
        return redirect("matching:round-detail", pk=pk)
    _placed_left_out(request, new)
    return redirect("matching:round-detail", pk=new.pk)


@staff_only
def export_matches(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Pseudonymous until the release moment; with names from then on."""
    return download(request, export_table(round_for(request, pk), user_of(request)))
