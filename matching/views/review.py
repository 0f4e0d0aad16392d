"""The pseudonymous review: the list, one match, approve, object, move, reveal."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.access import coordinators_only, post_only, staff_only, user_of
from accounts.models import Role
from catalog.formfields import posted_text
from matching.forms import MoveForm, ReasonForm, RevealForm, ReviewFilterForm
from matching.jobs import JobKind
from matching.models import RoundStatus
from matching.selectors.flags import flag_reasons
from matching.selectors.jobs import page_jobs
from matching.selectors.results import unplaced_text
from matching.selectors.review import (
    alternatives_with_offers,
    approvable_counts,
    counsels,
    objective_profile,
    review_matches,
    review_page,
    reviewer_shortage,
    wishes_shown,
)
from matching.services import review

from .getters import fail, match_for, round_for
from .jobs import start_job


@staff_only
def review_list(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = round_for(request, pk)
    qs = review_matches(rnd, request.GET, user_of(request))
    params = request.GET.copy()
    params.pop("page", None)
    in_review = rnd.status == RoundStatus.REVIEW
    n_approvable, n_flagged = approvable_counts(qs, user_of(request)) if in_review else (0, 0)
    context = {
        "round": rnd,
        "page": review_page(qs, request.GET.get("page")),
        "params": params.urlencode(),
        "filters": request.GET,
        "filter_form": ReviewFilterForm(
            initial=request.GET.dict(), programmes=rnd.programmes.all()
        ),
        "n_approvable": n_approvable,
        "n_flagged": n_flagged,
        "reviewer_shortage": reviewer_shortage(rnd) if in_review else 0,
        "jobs": page_jobs(rnd, user_of(request), (JobKind.BULK_APPROVE,)),
    }
    return render(request, "matching/review.html", context)


@staff_only
@post_only
def review_bulk_approve(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = round_for(request, pk)
    count = request.POST.get("count", "")  # the number shown and confirmed on the page
    filters = request.POST.copy()  # the list's filters, as the page sent them
    for key in ("csrfmiddlewaretoken", "count", "params"):
        filters.pop(key, None)
    url = reverse("matching:review", kwargs={"pk": rnd.pk})
    return start_job(
        request,
        rnd,
        JobKind.BULK_APPROVE,
        back=f"{url}?{request.POST.get('params', '')}",
        filters=filters.urlencode(),
        expected=int(count) if count.isdigit() else -1,
    )


@staff_only
def match_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    match = match_for(request, pk)
    user = user_of(request)
    own_student = counsels(match, user)
    in_review = match.round.status == RoundStatus.REVIEW and not own_student
    alternatives = alternatives_with_offers(match) if in_review else []
    for a in alternatives:
        a["move_form"] = MoveForm(
            initial={"offer": a["offer_id"]}, auto_id=f"move-{a['offer_id']}-%s", worse=a["worse"]
        )
    context = {
        "match": match,
        **objective_profile(match),
        "criteria": match.explanation.get("criteria", []),
        "approvals": match.approvals.select_related("by"),
        "alternatives": alternatives,
        "object_form": ReasonForm(auto_id="object-%s"),
        "reveal_form": RevealForm(auto_id="reveal-%s"),
        "unplaced_text": unplaced_text(match),
        "can_approve": in_review and match.offer_id is not None,
        "is_coordinator": user.role in (Role.COORDINATOR, Role.INSTITUTION_ADMIN),
        "own_student": own_student,
        "flags": flag_reasons(match),
        "wishes_shown": not own_student and wishes_shown(match, user),
        "audit": match.audit.select_related("actor")[:20],
    }
    return render(request, "matching/match_detail.html", context)


@staff_only
@post_only
def match_approve(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    match = match_for(request, pk)
    try:
        # Sent from the match's own page: recorded as opened (a flagged match needs that).
        review.match_approve(match=match, by=user_of(request), opened=True)
    except ValidationError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("Goedgekeurd."))
    return redirect("matching:match-detail", pk=match.public_id)


@staff_only
@post_only
def match_object(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    match = match_for(request, pk)
    try:
        reason = posted_text(request.POST, "reason")
        review.match_object(match=match, by=user_of(request), reason=reason)
    except ValidationError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("Bezwaar vastgelegd."))
    return redirect("matching:match-detail", pk=match.public_id)


@staff_only
@post_only
def match_move(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    match = match_for(request, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een aanbod en schrijf waarom je de student verplaatst."))
        return redirect("matching:match-detail", pk=match.public_id)
    try:
        review.match_move(
            match=match,
            offer_id=form.cleaned_data["offer"],
            by=user_of(request),
            justification=form.cleaned_data["justification"],
            confirmed=form.cleaned_data["confirmed"],
        )
    except ValidationError as exc:
        fail(request, exc)
    else:
        messages.success(
            request,
            _(
                "Verplaatst. Twee anderen moeten de nieuwe match goedkeuren; "
                "jij kunt niet de tweede zijn."
            ),
        )
    return redirect("matching:match-detail", pk=match.public_id)


@staff_only
@post_only
def match_wishes(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """'Toon leerwens': the reviewer asks to see the student's own words; it is logged."""
    match = match_for(request, pk)
    try:
        review.wishes_show(match=match, by=user_of(request))
    except ValidationError as exc:
        fail(request, exc)
    return redirect(reverse("matching:match-detail", kwargs={"pk": match.public_id}) + "#leerwens")


@coordinators_only
@post_only
def match_reveal(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    match = match_for(request, pk)
    try:
        reason = posted_text(request.POST, "reason")
        name = review.identity_reveal(match=match, by=user_of(request), reason=reason)
    except ValidationError as exc:
        fail(request, exc)
    else:
        messages.info(
            request,
            _("%(p)s is %(name)s. Dit inzien is vastgelegd.")
            % {"p": match.pseudonym, "name": name},
        )
    return redirect("matching:match-detail", pk=match.public_id)
