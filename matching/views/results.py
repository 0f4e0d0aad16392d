"""After the release moment: the student's result and preferences, the company's students,
the introductory meeting, and marking a notification read."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts.access import ALL_ROLES, allow_roles, post_only, user_of
from accounts.models import Role
from catalog.formfields import posted_text
from companies.selectors import current_agreement, has_signed_current
from matching.forms import IntroForm, ObjectionForm, RankingForm
from matching.models import Round
from matching.selectors.preferences import current_ranking, preference_cards
from matching.selectors.results import (
    company_students,
    released_matches_for_company,
    student_result,
)
from matching.services import intro, notifications, objections, preferences
from students.models import LearningProfile

from .getters import fail

students_only = allow_roles(Role.STUDENT)
contacts_only = allow_roles(Role.COMPANY_CONTACT)


@students_only
def result(request: HttpRequest) -> HttpResponse:
    """The student's match and why; a POST files an objection (within the deadline)."""
    profile = get_object_or_404(LearningProfile, student__user=request.user)
    context = student_result(profile)
    match = context["match"]
    if request.method == "POST" and match is not None:
        try:
            reason = posted_text(request.POST, "reason")
            objections.objection_file(match=match, reason=reason)
        except ValidationError as exc:
            fail(request, exc)
        else:
            messages.success(
                request, _("Je bezwaar is ontvangen. De bpv-coördinator antwoordt je hier.")
            )
        return redirect("matching:result")
    context["objection_form"] = ObjectionForm()
    return render(request, "matching/result.html", context)


@students_only
def preferences_page(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_object_or_404(LearningProfile, student__user=request.user)
    student = profile.student
    rnd = get_object_or_404(Round, pk=pk, programmes=student.programme_id, cohort=student.cohort)
    limit = rnd.preference_limit
    if request.method == "POST":
        ranks = (request.POST.get(f"rank_{i}") for i in range(1, limit + 1))
        try:
            offer_ids = [int(v) for v in ranks if v]
            preferences.preferences_save(round=rnd, profile=profile, offer_ids=offer_ids)
        except ValueError:
            messages.error(request, _("Je kunt alleen kiezen uit de getoonde bedrijven."))
        except ValidationError as exc:
            fail(request, exc)
        else:
            messages.success(
                request, _("Je keuze is opgeslagen. Je kunt haar aanpassen tot de periode sluit.")
            )
            return redirect("students:home")
    page, cards, choices = preference_cards(rnd, profile, request.GET.get("page"))
    current = current_ranking(rnd, profile)
    initial = {f"rank_{i}": str(pk) for i, pk in enumerate(current, start=1)}
    context = {
        "round": rnd,
        "page": page,
        "cards": cards,
        # After a refused save the student sees what they chose, not the saved ranking.
        "form": RankingForm(
            request.POST if request.method == "POST" else None,
            choices=choices,
            limit=limit,
            initial=initial,
        ),
        "open": rnd.preferences_open(),
    }
    return render(request, "matching/preferences.html", context)


def _company_of(request: HttpRequest) -> int:
    return int(user_of(request).company_contact.company_id)


@contacts_only
def company_results(request: HttpRequest) -> HttpResponse:
    company = user_of(request).company_contact.company
    placements = company_students(company.pk)
    context = {
        "placements": [(p, IntroForm(auto_id=f"intro-{p.pk}-%s")) for p in placements],
        "agreement": current_agreement(company.institution_id),
        "signed": has_signed_current(company),
    }
    return render(request, "matching/company_results.html", context)


@contacts_only
@post_only
def intro_request(request: HttpRequest, pk: int) -> HttpResponse:
    match = get_object_or_404(released_matches_for_company(_company_of(request)), pk=pk)
    form = IntroForm(request.POST)
    if not form.is_valid():
        if "note" in form.errors:
            messages.error(request, " ".join(str(e) for e in form.errors["note"]))
        else:
            messages.error(request, _("Kies een datum en tijd voor het kennismakingsgesprek."))
        return redirect("matching:company-results")
    try:
        intro.intro_meeting_propose(match=match, by=user_of(request), **form.cleaned_data)
    except ValidationError as exc:
        fail(request, exc)
    else:
        messages.success(
            request,
            _(
                "Het voorstel voor het kennismakingsgesprek is opgeslagen; "
                "de student en school zien het."
            ),
        )
        for tip in form.tips:
            messages.info(request, _("Tip voor je toelichting: %(tip)s") % {"tip": tip})
    return redirect("matching:company-results")


@allow_roles(ALL_ROLES)
@post_only
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark an in-app notification read: sent by the page it points to, or by 'Gelezen'."""
    notifications.notification_mark_read(notification_id=pk, user=user_of(request))
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    target = request.POST.get("next", "")
    local = target.startswith("/") and target.isprintable()  # never a view name or a host
    if not local or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("home")
    return redirect(target)
