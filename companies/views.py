from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import allow_roles, coordinators_only, staff_only
from accounts.models import Institution, Role, User
from programmes.models import Programme

from . import services
from .forms import (
    AcceptTextForm,
    AgreementForm,
    CompanyForm,
    CompanyRegistrationForm,
    ContactInviteForm,
    CopyOfferForm,
    OfferForm,
    SignForm,
    VerifyForm,
)
from .models import AgreementVersion, Company, CompanyStatus, Offer, RecognitionOutcome
from .selectors import (
    companies_for_staff,
    coverage,
    current_agreement,
    has_signed_current,
    is_stale,
    latest_checks,
    verified_crebos,
)

PAGE_SIZE = 50
contacts_only = allow_roles(Role.COMPANY_CONTACT)


def _own_company(request: HttpRequest) -> Company:
    return get_object_or_404(
        Company.objects.select_related("place", "organisation_type", "institution"),
        contacts__user=request.user,
    )


def _own_offer(request: HttpRequest, pk: int) -> Offer:
    # Another company's offer is simply not found: no hint that it exists.
    return get_object_or_404(
        Offer.objects.select_related("company", "programme"),
        pk=pk,
        company__contacts__user=request.user,
    )


def _company_data(form: CompanyForm) -> dict[str, object]:
    data = {
        k: v for k, v in form.cleaned_data.items() if k not in ("contact_name", "contact_email")
    }
    data["claimed_crebos"] = sorted(data.get("claimed_crebos") or [])
    return data


# --- company contact -----------------------------------------------------------------------


@contacts_only
def home(request: HttpRequest) -> HttpResponse:
    company = _own_company(request)
    offers = list(
        company.offers.select_related("programme", "text_accepted_by")
        .prefetch_related("work_processes")
        .order_by("-period_start", "programme__name")
    )
    signed = has_signed_current(company)
    verified = verified_crebos(company)
    for offer in offers:
        offer.blockers = services.offer_publish_blockers(  # type: ignore[attr-defined]
            offer, signed=signed, verified=verified
        )
    checks = latest_checks(company)
    return render(
        request,
        "companies/home.html",
        {
            "company": company,
            "offers": offers,
            "signed": signed,
            "agreement": current_agreement(company.institution_id),
            "checks": checks,
            "verified": verified,
            "contacts": company.contacts.select_related("user"),
            "invite_form": ContactInviteForm(),
            "programmes": Programme.objects.filter(
                institution=company.institution_id, crebo__in=verified
            ),
        },
    )


@contacts_only
def agreement(request: HttpRequest) -> HttpResponse:
    company = _own_company(request)
    current = current_agreement(company.institution_id)
    user: User = request.user  # type: ignore[assignment]
    contact = user.company_contact
    form = SignForm(
        request.POST or None,
        initial={"signer_name": user.full_name, "signer_role": contact.job_title},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_sign(
                company=company,
                user=user,
                signer_name=form.cleaned_data["signer_name"],
                signer_role=form.cleaned_data["signer_role"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Bedankt. De overeenkomst is ondertekend; je kunt nu aanbod publiceren.")
            )
            return redirect("companies:home")
    signature = company.signatures.filter(version=current).first() if current else None
    return render(
        request,
        "companies/agreement.html",
        {"company": company, "agreement": current, "signature": signature, "form": form},
    )


@contacts_only
def profile_edit(request: HttpRequest) -> HttpResponse:
    company = _own_company(request)
    form = CompanyForm(
        request.POST or None,
        instance=company,
        institution_id=company.institution_id,
        submit=_("Opslaan"),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("De gegevens zijn opgeslagen."))
        return redirect("companies:home")
    return render(
        request, "companies/form_page.html", {"form": form, "title": _("Bedrijfsgegevens")}
    )


@contacts_only
@require_POST
def contact_invite(request: HttpRequest) -> HttpResponse:
    company = _own_company(request)
    form = ContactInviteForm(request.POST)
    if form.is_valid():
        try:
            services.contact_add(company=company, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Uitnodiging verstuurd naar %(email)s.") % form.cleaned_data
            )
    else:
        messages.error(request, _("Vul een naam en een geldig e-mailadres in."))
    return redirect("companies:home")


@contacts_only
def offer_create(request: HttpRequest) -> HttpResponse:
    company = _own_company(request)
    programmes = Programme.objects.filter(
        institution=company.institution_id, crebo__in=verified_crebos(company)
    ).order_by("name")
    if not programmes:
        messages.error(
            request,
            _(
                "De school heeft nog geen erkenning van je bedrijf bevestigd. Daarna kun je aanbod maken."
            ),
        )
        return redirect("companies:home")
    programme = programmes.filter(pk=request.GET.get("opleiding") or 0).first()
    if programme is None:
        return render(request, "companies/offer_pick_programme.html", {"programmes": programmes})
    offer = Offer(company=company, programme=programme)
    return _offer_form(request, offer, created=True)


@contacts_only
def offer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _offer_form(request, _own_offer(request, pk), created=False)


def _offer_form(request: HttpRequest, offer: Offer, *, created: bool) -> HttpResponse:
    form = OfferForm(request.POST or None, instance=offer, programme=offer.programme)
    if request.method == "POST" and form.is_valid():
        offer = form.save(commit=False)
        try:
            services.offer_save(offer=offer, work_processes=form.cleaned_data["work_processes"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if offer.text_blocking and not offer.text_accepted_by_id:
                messages.warning(
                    request,
                    _(
                        "Opgeslagen, maar nog niet te publiceren: pas de woorden met 'blokkeert' aan. Je ziet ze hieronder bij je aanbod, met een tip."
                    ),
                )
            elif offer.text_flags:
                messages.info(
                    request,
                    _("Opgeslagen. Bij je aanbod staan tips om de tekst objectiever te maken."),
                )
            else:
                messages.success(request, _("Het aanbod is opgeslagen."))
            return redirect("companies:home")
    return render(
        request, "companies/offer_form.html", {"form": form, "offer": offer, "created": created}
    )


@contacts_only
@require_POST
def offer_publish(request: HttpRequest, pk: int) -> HttpResponse:
    offer = _own_offer(request, pk)
    try:
        services.offer_publish(offer=offer)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Het aanbod is gepubliceerd en doet mee in de matching."))
    return redirect("companies:home")


@contacts_only
@require_POST
def offer_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    services.offer_unpublish(offer=_own_offer(request, pk))
    messages.success(request, _("Het aanbod is teruggezet naar concept."))
    return redirect("companies:home")


@contacts_only
def offer_copy(request: HttpRequest, pk: int) -> HttpResponse:
    offer = _own_offer(request, pk)
    form = CopyOfferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        copy = services.offer_copy(offer=offer, **form.cleaned_data)
        messages.success(request, _("Gekopieerd als concept. Controleer het en publiceer het."))
        return redirect("companies:offer-edit", pk=copy.pk)
    return render(
        request,
        "companies/form_page.html",
        {"form": form, "title": _("Aanbod kopiëren naar een nieuwe periode")},
    )


# --- self-registration (public) ------------------------------------------------------------


@login_not_required
def register(request: HttpRequest, institution: str) -> HttpResponse:
    inst = get_object_or_404(Institution, slug=institution)
    form = CompanyRegistrationForm(
        request.POST or None, institution_id=inst.pk, submit=_("Aanmelden")
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.company_create(
                institution=inst,
                data=_company_data(form),
                contact_name=form.cleaned_data["contact_name"],
                contact_email=form.cleaned_data["contact_email"],
                status=CompanyStatus.PENDING,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(request, "companies/register_done.html", {"institution": inst})
    return render(request, "companies/register.html", {"form": form, "institution": inst})


# --- school staff --------------------------------------------------------------------------


@staff_only
def staff_list(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    page = Paginator(companies_for_staff(user, query, status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "companies/staff_list.html",
        {"page": page, "query": query, "status": status, "statuses": CompanyStatus.choices},
    )


def _staff_company(request: HttpRequest, pk: int) -> Company:
    user: User = request.user  # type: ignore[assignment]
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
            "offers": company.offers.select_related("programme", "text_accepted_by").order_by(
                "-period_start"
            ),
            "contacts": company.contacts.select_related("user"),
            "outcomes": RecognitionOutcome.choices,
            "can_act": request.user.role in (Role.COORDINATOR, Role.INSTITUTION_ADMIN),  # type: ignore[union-attr]
        },
    )


@coordinators_only
def staff_create(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = CompanyRegistrationForm(
        request.POST or None,
        institution_id=user.institution_id,
        submit=_("Bedrijf toevoegen en uitnodigen"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            company = services.company_create(
                institution=user.institution,  # type: ignore[arg-type]
                data=_company_data(form),
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
@require_POST
def staff_verify(request: HttpRequest, pk: int) -> HttpResponse:
    company = _staff_company(request, pk)
    form = VerifyForm(request.POST)
    if form.is_valid():
        services.recognition_verify(
            company=company,
            crebo=form.cleaned_data["crebo"],
            outcome=RecognitionOutcome(form.cleaned_data["outcome"]),
            by=request.user,  # type: ignore[arg-type]
        )
        messages.success(request, _("De controle is vastgelegd."))
    else:
        messages.error(request, _("Kies een crebo en een uitkomst."))
    return redirect("companies:staff-detail", pk=company.pk)


@coordinators_only
@require_POST
def staff_set_status(request: HttpRequest, pk: int) -> HttpResponse:
    company = _staff_company(request, pk)
    status = request.POST.get("status", "")
    if status not in (CompanyStatus.ACTIVE, CompanyStatus.INACTIVE):
        messages.error(request, _("Onbekende status."))
    else:
        services.company_set_status(company=company, status=CompanyStatus(status))
        messages.success(request, _("De status is aangepast."))
    return redirect("companies:staff-detail", pk=company.pk)


@coordinators_only
@require_POST
def staff_accept_text(request: HttpRequest, pk: int, offer_pk: int) -> HttpResponse:
    company = _staff_company(request, pk)
    offer = get_object_or_404(Offer, pk=offer_pk, company=company)
    form = AcceptTextForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef een reden waarom deze tekst toch acceptabel is."))
    else:
        services.offer_accept_text(offer=offer, by=request.user, reason=form.cleaned_data["reason"])  # type: ignore[arg-type]
        messages.success(
            request, _("De tekst is geaccepteerd; het bedrijf kan het aanbod publiceren.")
        )
    return redirect("companies:staff-detail", pk=company.pk)


@staff_only
def staff_coverage(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    return render(request, "companies/coverage.html", {"rows": coverage(user.institution_id)})  # type: ignore[arg-type]


@allow_roles(Role.INSTITUTION_ADMIN)
def agreement_publish(request: HttpRequest) -> HttpResponse:
    """The institution admin edits the agreement by publishing a new version."""
    user: User = request.user  # type: ignore[assignment]
    current = current_agreement(user.institution_id)  # type: ignore[arg-type]
    form = AgreementForm(request.POST or None, initial={"text": current.text if current else ""})
    if request.method == "POST" and form.is_valid():
        version = services.agreement_publish(
            institution=user.institution, text=form.cleaned_data["text"]
        )  # type: ignore[arg-type]
        messages.success(
            request,
            _(
                "Versie %(v)s is gepubliceerd. Bedrijven moeten opnieuw ondertekenen voordat hun aanbod meetelt."
            )
            % {"v": version.version},
        )
        return redirect("companies:agreement-publish")
    versions = (
        AgreementVersion.objects.filter(institution=user.institution_id)
        .annotate(n_signed=Count("signatures_of_version"))
        .order_by("-version")
    )
    return render(request, "companies/agreement_publish.html", {"form": form, "versions": versions})
