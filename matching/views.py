from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import allow_roles, coordinators_only, staff_only
from accounts.models import Institution, Role, User
from catalog.models import OrganisationType, Place
from companies.models import Offer
from companies.selectors import (
    current_agreement,
    has_signed_current,
    offers_needing_text_review,
)
from programmes.models import WorkProcess
from students.models import LearningProfile

from . import services
from .engine.reasons import render as render_reason
from .engine.types import Weights
from .forms import WEIGHT_LABELS, IntroForm, MoveForm, ReleaseForm, RoundForm
from .models import (
    IntroMeeting,
    Match,
    MatchStatus,
    NotificationStatus,
    Objection,
    Preference,
    Round,
    RoundStatus,
    Run,
    Variant,
)
from .selectors import coverage_by_programme

PAGE_SIZE = 50
students_only = allow_roles(Role.STUDENT)
contacts_only = allow_roles(Role.COMPANY_CONTACT)


def _round(request: HttpRequest, pk: int) -> Round:
    user: User = request.user  # type: ignore[assignment]
    return get_object_or_404(Round, pk=pk, institution=user.institution_id)


def _fail(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


# --- dashboard and rounds -------------------------------------------------------------------------


@staff_only
def dashboard(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    rounds = Round.objects.filter(institution=user.institution_id).annotate(
        n_matches=Count("matches", distinct=True),
        n_placed=Count("matches", filter=Q(matches__offer__isnull=False), distinct=True),
    )
    text_review = offers_needing_text_review(user.institution_id)  # type: ignore[arg-type]
    return render(
        request,
        "matching/dashboard.html",
        {
            "coverage": coverage_by_programme(user),
            "rounds": rounds,
            "text_review": text_review[:10],
            "n_text_review": text_review.count(),
        },
    )


@coordinators_only
def round_create(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = RoundForm(
        request.POST or None,
        institution_id=user.institution_id,
        initial={"cohort": timezone.now().year},
    )  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rnd = services.round_create(
                institution=user.institution, name=data["name"], programmes=list(data["programmes"]),  # type: ignore[arg-type]
                cohort=data["cohort"], variant=data["variant"], by=user, weights=data["weights"],
                shortlist_size=data["shortlist_size"], intake_closes_at=data["intake_closes_at"],
                preferences_open_at=data["preferences_open_at"], preferences_close_at=data["preferences_close_at"],
                objection_days=data["objection_days"],
            )  # fmt: skip
        except ValidationError as exc:
            _fail(request, exc)
        else:
            return redirect("matching:round-detail", pk=rnd.pk)
    return render(request, "matching/round_form.html", {"form": form})


@staff_only
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = _round(request, pk)
    runs = list(rnd.runs.select_related("created_by"))
    notif = dict(rnd.notifications.values_list("status").annotate(n=Count("id")))
    matches = rnd.matches.all()
    unplaced = matches.filter(offer__isnull=True)
    shortages = (rnd.chosen_run.output.get("shortages", []) if rnd.chosen_run else [])[:20]
    place_names = dict(
        Place.objects.filter(
            pk__in=[int(s["place"]) for s in shortages if s.get("place")]
        ).values_list("pk", "name")
    )
    for s in shortages:
        s["place_name"] = place_names.get(int(s["place"])) if s.get("place") else None
    user: User = request.user  # type: ignore[assignment]
    return render(
        request,
        "matching/round_detail.html",
        {
            "round": rnd, "runs": runs, "notif": {s: notif.get(s, 0) for s in NotificationStatus.values},
            "n_matches": matches.count(), "n_placed": matches.filter(offer__isnull=False).count(),
            "n_approved": matches.filter(status=MatchStatus.APPROVED).count(),
            "unplaced": unplaced.order_by("pseudonym")[:50], "n_unplaced": unplaced.count(),
            "shortages": shortages, "transitions": rnd.transitions.select_related("by"),
            "audit": rnd.audit.select_related("actor", "match")[:30],
            "next_states": sorted(services.TRANSITIONS[rnd.status]),
            "blockers": services.release_blockers(rnd) if rnd.status == RoundStatus.REVIEW else [],
            "is_coordinator": user.role in (Role.COORDINATOR, Role.INSTITUTION_ADMIN),
            "release_form": ReleaseForm(), "weights": [(WEIGHT_LABELS[k], v) for k, v in (rnd.weights or Weights().as_dict()).items() if k in WEIGHT_LABELS],
            "objections": Objection.objects.filter(match__round=rnd).select_related("match", "answered_by"),
            "n_not_ranked": services.students_without_preferences(rnd).count() if rnd.status == RoundStatus.PREFERENCES else 0,
        },
    )  # fmt: skip


@coordinators_only
@require_POST
def round_transition(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = _round(request, pk)
    try:
        if request.POST.get("to") == RoundStatus.APPROVED:
            services.round_approve(round=rnd, by=request.user)  # type: ignore[arg-type]
        else:
            services.round_transition(round=rnd, to=request.POST.get("to", ""), by=request.user)  # type: ignore[arg-type]
    except (ValidationError, KeyError, ValueError) as exc:
        _fail(
            request,
            exc if isinstance(exc, ValidationError) else ValidationError(_("Onbekende status.")),
        )
    return redirect("matching:round-detail", pk=rnd.pk)


@coordinators_only
@require_POST
def shortlists_make(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = _round(request, pk)
    try:
        n = services.shortlists_make(round=rnd, by=request.user)  # type: ignore[arg-type]
        messages.success(
            request, _("Shortlists gemaakt voor %(n)s studenten; zij kunnen nu ordenen.") % {"n": n}
        )
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("matching:round-detail", pk=rnd.pk)


@coordinators_only
@require_POST
def counsellors_remind(request: HttpRequest, pk: int) -> HttpResponse:
    n = services.counsellors_remind(round=_round(request, pk), by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("%(n)s slb'ers hebben een herinnering gekregen.") % {"n": n})
    return redirect("matching:round-detail", pk=pk)


@coordinators_only
@require_POST
def run_prepare(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = _round(request, pk)
    try:
        run = services.run_prepare(round=rnd, by=request.user)  # type: ignore[arg-type]
        messages.info(
            request,
            _(
                "Run %(n)s staat klaar met loting-seed %(seed)s. Start hem om de toewijzing te berekenen."
            )
            % {"n": run.number, "seed": run.seed},
        )
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("matching:round-detail", pk=rnd.pk)


def _run(request: HttpRequest, pk: int) -> Run:
    user: User = request.user  # type: ignore[assignment]
    return get_object_or_404(
        Run.objects.select_related("round"), pk=pk, round__institution=user.institution_id
    )


@coordinators_only
@require_POST
def run_start(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    try:
        services.run_start(run=run, by=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("matching:round-detail", pk=run.round_id)


@staff_only
def run_status(request: HttpRequest, pk: int) -> JsonResponse:
    run = _run(request, pk)
    return JsonResponse(
        {
            "status": run.status,
            "label": run.get_status_display(),
            "progress": run.progress,
            "error": run.error,
        }
    )


@coordinators_only
@require_POST
def run_choose(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    try:
        services.run_choose(run=run, by=request.user)  # type: ignore[arg-type]
        messages.success(
            request,
            _("Run %(n)s is het voorstel. De beoordeling kan beginnen.") % {"n": run.number},
        )
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("matching:round-detail", pk=run.round_id)


@staff_only
@require_POST
def run_replay(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    try:
        same = services.run_replay(run=run, by=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        _fail(request, exc)
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


@coordinators_only
@require_POST
def round_release(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = _round(request, pk)
    form = ReleaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies 'nu' of een datum en tijd voor de bekendmaking."))
    else:
        at = timezone.now() if form.cleaned_data["when"] == "now" else form.cleaned_data["at"]
        try:
            services.round_release(round=rnd, at=at, by=request.user)  # type: ignore[arg-type]
            messages.success(
                request,
                _(
                    "Bekendmaking vastgelegd op %(at)s. Vanaf dat moment ziet iedereen zijn uitslag tegelijk."
                )
                % {"at": timezone.localtime(at).strftime("%d-%m-%Y %H:%M")},
            )
        except ValidationError as exc:
            _fail(request, exc)
    return redirect("matching:round-detail", pk=rnd.pk)


@coordinators_only
@require_POST
def notifications_retry(request: HttpRequest, pk: int) -> HttpResponse:
    n = services.notifications_retry_failed(round=_round(request, pk), by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("%(n)s berichten worden opnieuw verstuurd.") % {"n": n})
    return redirect("matching:round-detail", pk=pk)


@coordinators_only
@require_POST
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        new = services.follow_up_create(round=_round(request, pk), by=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        _fail(request, exc)
        return redirect("matching:round-detail", pk=pk)
    return redirect("matching:round-detail", pk=new.pk)


@coordinators_only
@require_POST
def objection_answer(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    objection = get_object_or_404(Objection, pk=pk, match__round__institution=user.institution_id)
    try:
        services.objection_answer(
            objection=objection, answer=request.POST.get("answer", ""), by=user
        )
        messages.success(
            request, _("Antwoord verstuurd; de student ziet het op de resultaatpagina.")
        )
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("matching:round-detail", pk=objection.match.round_id)


@staff_only
def export_matches(request: HttpRequest, pk: int) -> HttpResponse:
    """Pseudonymous until the release moment; with names from then on."""
    rnd = _round(request, pk)
    released = rnd.is_released()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ronde-{rnd.pk}-matches.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            "pseudoniem",
            *(["naam", "studentnummer"] if released else []),
            "bedrijf",
            "opleiding",
            "score",
            "status",
        ]
    )
    for m in rnd.matches.select_related(
        "offer__company", "offer__programme", "profile__student__user"
    ):
        who = (
            [m.profile.student.user.full_name, m.profile.student.student_number] if released else []
        )
        writer.writerow(
            [
                m.pseudonym,
                *who,
                m.offer.company.legal_name if m.offer else "",
                m.offer.programme.crebo if m.offer else "",
                m.score or "",
                m.get_status_display(),
            ]
        )
    return response


# --- review ---------------------------------------------------------------------------------------


def _filtered(rnd: Round, params: Any) -> Any:
    qs = rnd.matches.select_related(
        "offer__company", "offer__programme", "profile__student__programme"
    )
    if params.get("programme"):
        qs = qs.filter(profile__student__programme_id=params["programme"])
    status = params.get("status", "")
    if status in MatchStatus.values:
        qs = qs.filter(status=status, offer__isnull=False)
    if params.get("unplaced"):
        qs = qs.filter(offer__isnull=True)
    if params.get("changed"):
        qs = qs.filter(changed_by__isnull=False)
    band = params.get("band", "")
    if band in ("0", "50", "70", "85"):
        low = int(band)
        high = {"0": 50, "50": 70, "70": 85, "85": 101}[band]
        qs = qs.filter(score__gte=low, score__lt=high)
    if params.get("q"):
        qs = qs.filter(pseudonym__icontains=params["q"].strip())
    return qs.annotate(n_approvals=Count("approvals")).order_by("pseudonym")


@staff_only
def review(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = _round(request, pk)
    qs = _filtered(rnd, request.GET)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "matching/review.html",
        {
            "round": rnd, "page": page, "params": params.urlencode(), "filters": request.GET,
            "programmes": rnd.programmes.all(), "statuses": MatchStatus.choices,
            "n_approvable": services.approvable(qs, request.user).count() if rnd.status == RoundStatus.REVIEW else 0,
        },
    )  # fmt: skip


@staff_only
@require_POST
def review_bulk_approve(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = _round(request, pk)
    n = services.match_bulk_approve(qs=_filtered(rnd, request.POST), by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("%(n)s matches goedgekeurd.") % {"n": n})
    return redirect(
        f"{reverse('matching:review', kwargs={'pk': rnd.pk})}?{request.POST.get('params', '')}"
    )


def _match(request: HttpRequest, pk: int) -> Match:
    user: User = request.user  # type: ignore[assignment]
    return get_object_or_404(
        Match.objects.select_related("round", "offer__company__place", "offer__programme", "changed_by"),
        pk=pk, round__institution=user.institution_id,
    )  # fmt: skip


def _explain(explanation: dict[str, Any]) -> list[dict[str, Any]]:
    return explanation.get("criteria", [])


@staff_only
def match_detail(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match(request, pk)
    run = match.round.chosen_run
    objective = (
        next((d for d in run.snapshot["students"] if d["id"] == str(match.profile_id)), {})
        if run
        else {}
    )
    places = dict(
        Place.objects.filter(
            pk__in=[
                int(p)
                for p in [objective.get("home_place"), *objective.get("extra_places", [])]
                if p
            ]
        ).values_list("pk", "name")
    )
    wp_names = dict(
        WorkProcess.objects.filter(
            core_task__programme__crebo=objective.get("crebo"),
            code__in=objective.get("work_processes", []),
        ).values_list("code", "name")
    )
    alternatives = services.alternatives(match) if match.round.status == RoundStatus.REVIEW else []
    offers = {
        o.pk: o
        for o in Offer.objects.filter(pk__in=[a["offer_id"] for a in alternatives]).select_related(
            "company__place"
        )
    }
    for a in alternatives:
        a["offer"] = offers[a["offer_id"]]
    user: User = request.user  # type: ignore[assignment]
    reason = match.unplaced_reason
    return render(
        request,
        "matching/match_detail.html",
        {
            "match": match, "objective": objective,
            "home_place": places.get(int(objective["home_place"])) if objective.get("home_place") else None,
            "extra_places": [places.get(int(p)) for p in objective.get("extra_places", [])],
            "wps": [(c, wp_names.get(c, "")) for c in objective.get("work_processes", [])],
            "org_types": list(OrganisationType.objects.filter(slug__in=objective.get("organisation_types", [])).values_list("name", flat=True)),
            "criteria": _explain(match.explanation), "approvals": match.approvals.select_related("by"),
            "alternatives": alternatives[:10],
            "unplaced_text": render_reason(reason["reason"], reason.get("params", {})) if reason.get("reason") else "",
            "can_approve": match.round.status == RoundStatus.REVIEW and match.offer_id is not None,
            "is_coordinator": user.role in (Role.COORDINATOR, Role.INSTITUTION_ADMIN),
            "audit": match.audit.select_related("actor")[:20],
        },
    )  # fmt: skip


@staff_only
@require_POST
def match_approve(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match(request, pk)
    try:
        services.match_approve(match=match, by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Goedgekeurd."))
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("matching:match-detail", pk=match.pk)


@staff_only
@require_POST
def match_object(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match(request, pk)
    try:
        services.match_object(match=match, by=request.user, reason=request.POST.get("reason", ""))  # type: ignore[arg-type]
        messages.success(request, _("Bezwaar vastgelegd."))
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("matching:match-detail", pk=match.pk)


@staff_only
@require_POST
def match_move(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match(request, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een aanbod en schrijf waarom je de student verplaatst."))
    else:
        try:
            services.match_move(
                match=match,
                offer_id=form.cleaned_data["offer"],
                by=request.user,
                justification=form.cleaned_data["justification"],
            )  # type: ignore[arg-type]
            messages.success(
                request,
                _(
                    "Verplaatst. Twee anderen moeten de nieuwe match goedkeuren; jij kunt niet de tweede zijn."
                ),
            )
        except ValidationError as exc:
            _fail(request, exc)
    return redirect("matching:match-detail", pk=match.pk)


@coordinators_only
@require_POST
def match_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match(request, pk)
    try:
        name = services.identity_reveal(
            match=match, by=request.user, reason=request.POST.get("reason", "")
        )  # type: ignore[arg-type]
        messages.info(
            request,
            _("%(p)s is %(name)s. Dit inzien is vastgelegd.")
            % {"p": match.pseudonym, "name": name},
        )
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("matching:match-detail", pk=match.pk)


# --- students and companies after release -----------------------------------------------------------


@students_only
def result(request: HttpRequest) -> HttpResponse:
    profile = get_object_or_404(LearningProfile, student__user=request.user)
    match = services.released_match_for(profile)
    if match is not None:
        services.notifications_mark_read(user=request.user, kind="student")  # type: ignore[arg-type]
    if request.method == "POST" and match is not None:
        try:
            services.objection_file(match=match, reason=request.POST.get("reason", ""))
            messages.success(
                request, _("Je bezwaar is ontvangen. De bpv-coördinator antwoordt je hier.")
            )
        except ValidationError as exc:
            _fail(request, exc)
        return redirect("matching:result")
    deadline = (
        match.round.release_at + dt.timedelta(days=match.round.objection_days)
        if match and match.round.release_at
        else None
    )
    unplaced = match.unplaced_reason if match else {}
    return render(
        request,
        "matching/result.html",
        {
            "match": match, "criteria": _explain(match.explanation) if match else [],
            "objection": getattr(match, "student_objection", None) if match else None,
            "objection_open": bool(deadline and timezone.now() <= deadline), "objection_deadline": deadline,
            "unplaced_text": render_reason(unplaced["reason"], unplaced.get("params", {})) if unplaced.get("reason") else "",
        },
    )  # fmt: skip


@students_only
def preferences(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_object_or_404(LearningProfile, student__user=request.user)
    rnd = get_object_or_404(
        Round, pk=pk, programmes=profile.student.programme_id, cohort=profile.student.cohort
    )
    options = services.preference_options(rnd, profile).select_related(
        "company__place", "company__organisation_type"
    )
    limit = rnd.shortlist_size if rnd.variant == Variant.SHORTLIST else 3
    if request.method == "POST":
        ids = [int(v) for v in (request.POST.get(f"rank_{i}") for i in range(1, limit + 1)) if v]
        try:
            services.preferences_save(round=rnd, profile=profile, offer_ids=ids)
            messages.success(
                request, _("Je keuze is opgeslagen. Je kunt haar aanpassen tot de periode sluit.")
            )
            return redirect("students:home")
        except ValidationError as exc:
            _fail(request, exc)
    current = list(
        Preference.objects.filter(round=rnd, profile=profile)
        .order_by("rank")
        .values_list("offer_id", flat=True)
    )
    return render(
        request,
        "matching/preferences.html",
        {
            "round": rnd,
            "options": options,
            "ranks": range(1, limit + 1),
            "current": current,
            "open": services.preferences_open(rnd),
        },
    )


@contacts_only
def company_results(request: HttpRequest) -> HttpResponse:
    contact = request.user.company_contact  # type: ignore[union-attr]
    matches = services.released_matches_for_company(contact.company_id).prefetch_related(
        "profile__wishes__work_process"
    )
    return render(
        request,
        "matching/company_results.html",
        {"matches": matches, "form": IntroForm(), "agreement": current_agreement(contact.company.institution_id),
         "signed": has_signed_current(contact.company)},
    )  # fmt: skip


@contacts_only
@require_POST
def intro_request(request: HttpRequest, pk: int) -> HttpResponse:
    contact = request.user.company_contact  # type: ignore[union-attr]
    match = get_object_or_404(services.released_matches_for_company(contact.company_id), pk=pk)
    form = IntroForm(request.POST)
    if form.is_valid():
        IntroMeeting.objects.update_or_create(match=match, defaults=form.cleaned_data)
        services.audit(match.round, request.user, "intro_requested", match=match)  # type: ignore[arg-type]
        messages.success(
            request,
            _(
                "Het voorstel voor het kennismakingsgesprek is opgeslagen; de student en school zien het."
            ),
        )
        for tip in form.tips:
            messages.info(request, _("Tip voor je toelichting: %(tip)s") % {"tip": tip})
    elif "note" in form.errors:
        messages.error(request, " ".join(form.errors["note"]))
    else:
        messages.error(request, _("Kies een datum en tijd voor het kennismakingsgesprek."))
    return redirect("matching:company-results")


# --- the public transparency page ------------------------------------------------------------------


@login_not_required
def transparency(request: HttpRequest, institution: str) -> HttpResponse:
    inst = get_object_or_404(Institution, slug=institution)
    released = [
        r
        for r in Round.objects.filter(
            institution=inst, status__in=[RoundStatus.RELEASED, RoundStatus.CLOSED]
        )
        if r.is_released()
    ]
    figures = []
    for rnd in released:
        agg = rnd.matches.aggregate(
            total=Count("id"), placed=Count("id", filter=Q(offer__isnull=False)), mean=Avg("score"),
            changed=Count("id", filter=Q(changed_by__isnull=False)),
        )  # fmt: skip
        figures.append({"round": rnd, **agg})
    return render(
        request,
        "matching/transparency.html",
        {
            "institution": inst,
            "weights": [(WEIGHT_LABELS[k], v) for k, v in Weights().as_dict().items()],
            "figures": figures,
        },
    )
