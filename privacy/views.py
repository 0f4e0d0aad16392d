"""The privacy pages: the retention settings and the processing register (institution admin),
the rights requests (coordinators), and a person's own privacy page and data download."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import allow_roles, institution_of, user_of
from accounts.models import Role
from companies.models import CompanyContact

from .forms import HandleForm, RequestForm, RetentionForm
from .kinds import KINDS
from .models import PrivacyEvent, RightsRequest
from .selectors import contact_data_export, register_lines, requests_for_work
from .services.policy import policy_of, policy_save
from .services.requests import request_file, request_handle

admin_only = allow_roles(Role.INSTITUTION_ADMIN)
coordinators = allow_roles(Role.COORDINATOR, Role.INSTITUTION_ADMIN)
requesters = allow_roles(Role.STUDENT, Role.COMPANY_CONTACT)


@admin_only
def retention(request: HttpRequest) -> HttpResponse:
    institution = institution_of(request)
    policy = policy_of(institution)
    form = RetentionForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        try:
            policy_save(
                institution=institution,
                by=user_of(request),
                terms={kind.key: form.cleaned_data[kind.key] for kind in KINDS},
                confirmed=form.cleaned_data["confirm_shorter"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("De bewaartermijnen zijn opgeslagen."))
            return redirect("privacy:retention")
    return render(request, "privacy/retention.html", {"form": form, "policy": policy})


@admin_only
def register(request: HttpRequest) -> HttpResponse:
    institution = institution_of(request)
    return render(
        request,
        "privacy/register.html",
        {"lines": register_lines(institution), "institution": institution},
    )


@requesters
def mine(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            request_file(by=user, kind=form.cleaned_data["kind"], text=form.cleaned_data["text"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Je verzoek is ontvangen. De school beslist binnen een maand.")
            )
        return redirect("privacy:mine")
    own = RightsRequest.objects.filter(requester=user).order_by("-created_at")
    download = "students:my-data" if user.role == Role.STUDENT else "privacy:my-data"
    return render(
        request, "privacy/mine.html", {"form": form, "requests": own, "download": download}
    )


@allow_roles(Role.COMPANY_CONTACT)
def my_data(request: HttpRequest) -> HttpResponse:
    contact = get_object_or_404(
        CompanyContact.objects.select_related("company", "user"), user=user_of(request)
    )
    body = json.dumps(contact_data_export(contact), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-stagematching.json"'
    return response


@coordinators
def requests(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = list(requests_for_work(now))
    events = PrivacyEvent.objects.select_related("actor")[:20]
    return render(request, "privacy/requests.html", {"rows": rows, "now": now, "events": events})


@coordinators
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(RightsRequest.objects.select_related("requester"), pk=pk)
    form = HandleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            request_handle(
                request=item,
                by=user_of(request),
                carry_out=form.cleaned_data["decision"] == "carry_out",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("privacy:request", pk=item.pk)
        messages.success(request, _("Het verzoek is afgehandeld en vastgelegd."))
        return redirect("privacy:requests")
    return render(
        request, "privacy/request.html", {"item": item, "form": form, "now": timezone.now()}
    )
