"""School staff's pages about companies: the list, a company, recognition, the agreement."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.access import (
    allow_roles,
    coordinators_only,
    institution_of,
    post_only,
    staff_only,
    user_of,
)
from accounts.models import Role
from companies import services
from companies.forms import (
    CHECK_OUTCOMES,
    AcceptTextForm,
    AgreementForm,
    CompanyRegistrationForm,
    CompanySearchForm,
    LiftSuspensionForm,
    SuspendForm,
    VerifyForm,
)
from companies.models import AgreementVersion, Company, CompanyStatus, Offer, RecognitionOutcome
from companies.panels import staff_panels
from companies.selectors import (
    companies_for_staff,
    current_agreement,
    has_signed_current,
    is_stale,
    latest_checks,
)
from companies.suspensions import company_suspend, company_suspension_lift
from programmes.models import Programme

PAGE_SIZE = 50


@staff_only
def staff_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    page = Paginator(companies_for_staff(user, query, status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "companies/staff_list.html",
        {
            "page": page,
            "query": query,
            "status": status,
            "filter_form": CompanySearchForm(initial={"q": query, "status": status}),
        },
    )


def _staff_company(request: HttpRequest, pk: int) -> Company:
    user = user_of(request)
    return get_object_or_404(
        Company.objects.select_related("place", "organisation_type"),
        pk=pk,
        institution=user.institution_id,
    )


@staff_only
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    company = _staff_company(request, pk)
    checks = latest_checks(company)
    crebos = sorted(set(company.claimed_crebos) | set(checks))
    programmes = {p.crebo: p for p in Programme.objects.filter(institution=company.institution_id)}
    recognition = [
        {
            "crebo": c,
            "programme": programmes.get(c),
            "check": checks.get(c),
            "stale": checks.get(c) is not None and is_stale(checks[c]),
            "claimed": c in company.claimed_crebos,
        }
        for c in crebos
    ]
    return render(
        request,
        "companies/staff_detail.html",
        {
            "company": company,
            "recognition": recognition,
            "signed": has_signed_current(company),
            "signatures": company.signatures.select_related("version").order_by("-signed_at"),
            "offers": [
                (offer, AcceptTextForm(auto_id=f"accept-{offer.pk}-%s"))
                for offer in company.offers.select_related(
                    "programme", "text_accepted_by"
                ).order_by("-period_start")
            ],
            "contacts": company.contacts.select_related("user"),
            "suspend_form": SuspendForm(),
            "lift_form": LiftSuspensionForm(),
            "suspensions": company.suspensions.select_related("by"),
            "checks": company.recognitions.select_related("verified_by").order_by("-verified_at"),
            "panels": staff_panels(company),
            "outcomes": CHECK_OUTCOMES,
            "can_act": user_of(request).role in (Role.COORDINATOR, Role.INSTITUTION_ADMIN),
        },
    )


@coordinators_only
def staff_create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = CompanyRegistrationForm(
        request.POST or None,
        institution_id=user.institution_id,
        submit=_("Bedrijf toevoegen en uitnodigen"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            company = services.company_create(
                institution=institution_of(request),
                data=form.company_data(),
                contact_name=form.cleaned_data["contact_name"],
                contact_email=form.cleaned_data["contact_email"],
                status=CompanyStatus.ACTIVE,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Bedrijf toegevoegd; de contactpersoon krijgt een uitnodiging.")
            )
            return redirect("companies:staff-detail", pk=company.pk)
    return render(
        request, "companies/form_page.html", {"form": form, "title": _("Leerbedrijf toevoegen")}
    )


@coordinators_only
@post_only
def staff_verify(request: HttpRequest, pk: int) -> HttpResponse:
    company = _staff_company(request, pk)
    form = VerifyForm(request.POST)
    if form.is_valid():
        services.recognition_verify(
            company=company,
            crebo=form.cleaned_data["crebo"],
            outcome=RecognitionOutcome(form.cleaned_data["outcome"]),
            by=user_of(request),
        )
        messages.success(request, _("De controle is vastgelegd."))
    else:
        messages.error(request, _("Kies een crebo en een uitkomst."))
    return redirect("companies:staff-detail", pk=company.pk)


@coordinators_only
@post_only
def staff_set_status(request: HttpRequest, pk: int) -> HttpResponse:
    company = _staff_company(request, pk)
    status = request.POST.get("status", "")
    if status not in (CompanyStatus.ACTIVE, CompanyStatus.INACTIVE):
        messages.error(request, _("Onbekende status."))
    else:
        try:
            services.company_set_status(company=company, status=CompanyStatus(status))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("De status is aangepast."))
    return redirect("companies:staff-detail", pk=company.pk)


@coordinators_only
@post_only
def staff_suspend(request: HttpRequest, pk: int) -> HttpResponse:
    company = _staff_company(request, pk)
    form = SuspendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een reden en schrijf een toelichting."))
        return redirect("companies:staff-detail", pk=company.pk)
    try:
        company_suspend(company=company, by=user_of(request), **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _(
                "De deelname is geschorst. Het aanbod van dit bedrijf doet niet mee in nieuwe "
                "rondes en herplaatsingen."
            ),
        )
    return redirect("companies:staff-detail", pk=company.pk)


@coordinators_only
@post_only
def staff_suspension_lift(request: HttpRequest, pk: int) -> HttpResponse:
    company = _staff_company(request, pk)
    form = LiftSuspensionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("De toelichting is te lang."))
        return redirect("companies:staff-detail", pk=company.pk)
    try:
        company_suspension_lift(company=company, by=user_of(request), **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De schorsing is opgeheven; het bedrijf doet weer mee."))
    return redirect("companies:staff-detail", pk=company.pk)


@coordinators_only
@post_only
def staff_accept_text(request: HttpRequest, pk: int, offer_pk: int) -> HttpResponse:
    company = _staff_company(request, pk)
    offer = get_object_or_404(Offer, pk=offer_pk, company=company)
    form = AcceptTextForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef een reden waarom deze tekst toch acceptabel is."))
    else:
        services.offer_accept_text(
            offer=offer, by=user_of(request), reason=form.cleaned_data["reason"]
        )
        messages.success(
            request, _("De tekst is geaccepteerd; het bedrijf kan het aanbod publiceren.")
        )
    return redirect("companies:staff-detail", pk=company.pk)


@allow_roles(Role.INSTITUTION_ADMIN)
def agreement_publish(request: HttpRequest) -> HttpResponse:
    """The institution admin edits the agreement by publishing a new version."""
    institution = institution_of(request)
    current = current_agreement(institution)
    form = AgreementForm(request.POST or None, initial={"text": current.text if current else ""})
    if request.method == "POST" and form.is_valid():
        version = services.agreement_publish(
            institution=institution, text=form.cleaned_data["text"]
        )
        messages.success(
            request,
            _(
                "Versie %(v)s is gepubliceerd. Bedrijven moeten opnieuw ondertekenen "
                "voordat hun aanbod meetelt."
            )
            % {"v": version.version},
        )
        return redirect("companies:agreement-publish")
    versions = (
        AgreementVersion.objects.filter(institution=institution)
        .annotate(n_signed=Count("signatures_of_version"))
        .order_by("-version")
    )
    context = {"form": form, "versions": versions}
    return render(request, "companies/agreement_publish.html", context)
