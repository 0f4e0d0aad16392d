"""The company contact's pages (their company, agreement, offers) and self-registration."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.access import allow_roles, post_only, user_of
from accounts.models import Institution, Role
from accounts.tenancy import school_scope
from companies import services
from companies.forms import (
    CompanyForm,
    CompanyRegistrationForm,
    ContactInviteForm,
    CopyOfferForm,
    OfferForm,
    SignForm,
)
from companies.models import Company, CompanyStatus, Offer, RecognitionOutcome
from companies.selectors import (
    current_agreement,
    has_signed_current,
    latest_checks,
    verified_crebos,
)
from companies.suspensions import current_suspension
from programmes.models import Programme

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
    checks = latest_checks(company)
    # Each programme the company says it is recognised for, by name (a crebo alone says little).
    crebos = list(company.claimed_crebos) or sorted(verified)
    names = dict(
        Programme.objects.filter(institution=company.institution_id, crebo__in=crebos).values_list(
            "crebo", "name"
        )
    )
    refused = {
        c for c, check in checks.items() if check.outcome == RecognitionOutcome.NOT_RECOGNISED
    }
    recognitions = [
        (f"{names[c]} ({c})" if c in names else c, c in verified, c in refused) for c in crebos
    ]
    return render(
        request,
        "companies/home.html",
        {
            "company": company,
            "offers": [
                (offer, services.offer_publish_blockers(offer, signed=signed, verified=verified))
                for offer in offers
            ],
            "signed": signed,
            "agreement": current_agreement(company.institution_id),
            "checks": checks,
            "verified": verified,
            "recognitions": recognitions,
            "contacts": company.contacts.select_related("user"),
            "suspension": current_suspension(company),
            "school_contact": company.institution.contact_email,
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
    user = user_of(request)
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
        try:
            services.company_update(company=company, data=form.company_data(), by=user_of(request))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect("companies:home")
    return render(
        request, "companies/form_page.html", {"form": form, "title": _("Bedrijfsgegevens")}
    )


@contacts_only
@post_only
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
                "De school heeft nog geen erkenning van je bedrijf bevestigd. Daarna kun je "
                "aanbod maken."
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
            services.offer_save(
                offer=offer,
                work_processes=form.cleaned_data["work_processes"],
                electives=form.cleaned_data["electives"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if offer.text_blocking and not offer.text_accepted_by_id:
                messages.warning(
                    request,
                    _(
                        "Opgeslagen, maar nog niet te publiceren: pas de woorden met 'blokkeert' "
                        "aan. Je ziet ze hieronder bij je aanbod, met een tip."
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
@post_only
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
@post_only
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
    # A public page: a company registers with the institution in its address.
    with school_scope(inst):
        return _register(request, inst)


def _register(request: HttpRequest, inst: Institution) -> HttpResponse:
    form = CompanyRegistrationForm(
        request.POST or None, institution_id=inst.pk, submit=_("Aanmelden")
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.company_create(
                institution=inst,
                data=form.company_data(),
                contact_name=form.cleaned_data["contact_name"],
                contact_email=form.cleaned_data["contact_email"],
                status=CompanyStatus.PENDING,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(request, "companies/register_done.html", {"institution": inst})
    return render(request, "companies/register.html", {"form": form, "institution": inst})
