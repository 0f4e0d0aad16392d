"""The stappenplan page and the planning."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.access import coordinators_only, institution_of, post_only, staff_only, user_of
from accounts.models import Role
from cockpit import services
from cockpit.forms import PlanningStepForm
from cockpit.models import PlanningStep, StepKind
from cockpit.selectors.planning import steps_of
from cockpit.selectors.stappenplan import dashboard as dashboard_data

from .common import year_choices, year_of


def _coordinates(request: HttpRequest) -> bool:
    return user_of(request).role in (Role.COORDINATOR, Role.INSTITUTION_ADMIN)


@staff_only
def dashboard(request: HttpRequest) -> HttpResponse:
    year = year_of(request)
    context = dashboard_data(institution_of(request).pk, year)
    context["years"] = year_choices(year)
    return render(request, "cockpit/dashboard.html", context)


@staff_only
def planning(request: HttpRequest) -> HttpResponse:
    institution = institution_of(request)
    year = year_of(request)
    can_edit = _coordinates(request)
    form = PlanningStepForm(institution_id=institution.pk) if can_edit else None
    context = {
        "steps": steps_of(institution.pk, year),
        "year": year,
        "years": year_choices(year),
        "form": form,
        "can_edit": can_edit,
        "kinds": StepKind.choices,
    }
    return render(request, "cockpit/planning.html", context)


def _planning_url(year: int) -> str:
    return f"{reverse('cockpit:planning')}?jaar={year}"


@coordinators_only
def step_create(request: HttpRequest) -> HttpResponseBase:
    institution = institution_of(request)
    year = year_of(request)
    form = PlanningStepForm(request.POST or None, institution_id=institution.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.planning_step_save(
                institution=institution,
                step=None,
                data={**form.cleaned_data, "school_year": year},
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("De stap staat in de planning."))
            return redirect(_planning_url(year))
    title = _("Stap toevoegen aan de planning %(y)s-%(z)s") % {"y": year, "z": year + 1}
    return render(request, "cockpit/step_form.html", {"form": form, "title": title})


@coordinators_only
def step_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    institution = institution_of(request)
    step = get_object_or_404(PlanningStep, pk=pk, institution=institution)
    form = PlanningStepForm(request.POST or None, instance=step, institution_id=institution.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.planning_step_save(institution=institution, step=step, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("De stap is bijgewerkt."))
            return redirect(_planning_url(step.school_year))
    title = _("Stap aanpassen: %(s)s") % {"s": step.get_kind_display()}
    return render(request, "cockpit/step_form.html", {"form": form, "title": title, "step": step})


@coordinators_only
@post_only
def step_done(request: HttpRequest, pk: int) -> HttpResponseBase:
    step = get_object_or_404(PlanningStep, pk=pk, institution=institution_of(request))
    done = request.POST.get("done") == "1"
    services.planning_step_done(step=step, done=done)
    messages.success(request, _("Klaar gezet.") if done else _("Weer open gezet."))
    return redirect(_planning_url(step.school_year))


@coordinators_only
@post_only
def step_delete(request: HttpRequest, pk: int) -> HttpResponseBase:
    step = get_object_or_404(PlanningStep, pk=pk, institution=institution_of(request))
    if request.POST.get("bevestigd") != "1":
        messages.error(request, _("Bevestig dat je de stap uit de planning wilt halen."))
        return redirect("cockpit:step-edit", pk=step.pk)
    year = step.school_year
    services.planning_step_delete(step=step)
    messages.success(request, _("De stap is uit de planning gehaald."))
    return redirect(_planning_url(year))
