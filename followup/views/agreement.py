"""The POK: drawing it up, sending it, signing it, the PDF, and the guardian's link."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.access import ALL_ROLES, allow_roles, coordinators_only, post_only, user_of
from accounts.tenancy import school_scope_of

from ..forms import AgreementForm, GuardianForm, GuardianSignForm
from ..models import GuardianLink
from ..pdf import agreement_pdf
from ..pok_fields import agreement_rows
from ..selectors import agreement_of, placement_for
from ..services import agreement as service
from . import fail, form_errors

PARTIES = ALL_ROLES


@coordinators_only
@post_only
def agreement_save(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    placement = placement_for(user, pk)
    form = AgreementForm(request.POST, instance=agreement_of(placement))
    if not form.is_valid():
        form_errors(request, form)
    else:
        try:
            fields = {k: form.cleaned_data[k] for k in AgreementForm.Meta.fields}
            service.agreement_save(placement=placement, by=user, **fields)
        except ValidationError as exc:
            fail(request, exc)
        else:
            messages.success(request, _("De praktijkovereenkomst (concept) is opgeslagen."))
    return redirect("followup:detail", pk=pk)


@coordinators_only
@post_only
def agreement_send(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    agreement = agreement_of(placement_for(user, pk))
    if agreement is None:
        messages.error(request, _("Stel eerst de praktijkovereenkomst op."))
        return redirect("followup:detail", pk=pk)
    try:
        service.agreement_send(agreement=agreement, by=user)
    except ValidationError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("De overeenkomst is verstuurd; de partijen kunnen tekenen."))
    return redirect("followup:detail", pk=pk)


@coordinators_only
@post_only
def guardian_resend(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = agreement_of(placement_for(user_of(request), pk))
    if agreement is None or not agreement.needs_guardian or agreement.status != "sent":
        messages.error(request, _("Er is geen handtekening van een ouder/verzorger nodig."))
    elif not agreement.placement.student.guardian_email:
        messages.error(request, _("Vul eerst het e-mailadres van de ouder/verzorger in."))
    else:
        try:
            service.guardian_link_send(agreement=agreement)
        except ValidationError as exc:
            fail(request, exc)
        else:
            messages.success(
                request, _("Er is een nieuwe link verstuurd; de vorige werkt niet meer.")
            )
    return redirect("followup:detail", pk=pk)


@coordinators_only
@post_only
def student_guardian(request: HttpRequest, pk: int) -> HttpResponse:
    """Date of birth and guardian of the student: used for the POK only, never for matching."""
    placement = placement_for(user_of(request), pk)
    form = GuardianForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
    else:
        student = placement.student
        for name, value in form.cleaned_data.items():
            setattr(student, name, value)
        student.save(update_fields=list(form.cleaned_data))
        messages.success(request, _("De gegevens voor de overeenkomst zijn opgeslagen."))
    return redirect("followup:detail", pk=pk)


@coordinators_only
@post_only
def agreement_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    """The data behind a sent POK changed: it becomes the next version's concept, its
    signatures go, and the school sends it again."""
    agreement = agreement_of(placement_for(user_of(request), pk))
    if agreement is None:
        messages.error(request, _("Er is nog geen praktijkovereenkomst."))
        return redirect("followup:detail", pk=pk)
    try:
        agreement = service.agreement_new_version(agreement=agreement, by=user_of(request))
    except ValidationError as exc:
        fail(request, exc)
    else:
        messages.success(
            request,
            _(
                "Versie %(v)s staat klaar als concept met de actuele gegevens. De handtekeningen "
                "zijn vervallen: verstuur de overeenkomst opnieuw ter ondertekening."
            )
            % {"v": agreement.version},
        )
    return redirect("followup:detail", pk=pk)


@allow_roles(PARTIES)
@post_only
def agreement_sign(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    agreement = agreement_of(placement_for(user, pk))
    if agreement is None:
        messages.error(request, _("Er is nog geen praktijkovereenkomst."))
        return redirect("followup:detail", pk=pk)
    # A POST without the version read counts as an older version: it signs nothing.
    seen = request.POST.get("hash", "")
    try:
        service.agreement_sign(agreement=agreement, by=user, seen=seen)
    except ValidationError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("Je handtekening is vastgelegd."))
    return redirect("followup:detail", pk=pk)


@allow_roles(PARTIES)
def agreement_download(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = agreement_of(placement_for(user_of(request), pk))
    if agreement is None:
        messages.error(request, _("Er is nog geen praktijkovereenkomst."))
        return redirect("followup:detail", pk=pk)
    response = HttpResponse(agreement_pdf(agreement), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="praktijkovereenkomst-{pk}.pdf"'
    return response


@login_not_required
@never_cache
def guardian_sign(request: HttpRequest, token: str) -> HttpResponse:
    """The guardian's page, without an account: the POK and a sign button, through a link
    that works once and expires. GET only shows; POST signs."""
    try:
        link_id = service.guardian_link_id(token)
    except ValidationError as exc:
        return render(request, "followup/guardian.html", {"refused": exc.messages}, status=410)
    with school_scope_of(GuardianLink, link_id):
        try:
            link = service.guardian_link_check(token)
        except ValidationError as exc:
            refused = {"refused": exc.messages}
            return render(request, "followup/guardian.html", refused, status=410)
        form = GuardianSignForm(
            request.POST or None, initial={"seen": link.agreement.snapshot_hash}
        )
        if request.method == "POST" and form.is_valid():
            try:
                service.guardian_sign(
                    token=token,
                    name=form.cleaned_data["name"],
                    seen=form.cleaned_data["seen"] or "",
                )
            except ValidationError as exc:
                fail(request, exc)
            else:
                return render(request, "followup/guardian.html", {"done": True})
        context: dict[str, Any] = {"agreement": link.agreement, "form": form}
        context["rows"] = agreement_rows(link.agreement)
        return render(request, "followup/guardian.html", context)
