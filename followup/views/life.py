"""POSTs on a placement's page: the introductory meeting, a refusal or early end, the
bpv-docent and contact moments, signals, the evaluation. Each: an access-checked getter, a
form, one service call, a redirect to the page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from accounts.access import ALL_ROLES, allow_roles, coordinators_only, post_only, user_of
from accounts.models import STAFF_ROLES, Role, User
from catalog.formfields import is_id, posted_text

from ..forms import (
    ContactForm,
    EvaluationForm,
    IntroAnswerForm,
    IntroOutcomeForm,
    IntroProposeForm,
    RefusalForm,
    SignalForm,
    SignalUpdateForm,
    StopForm,
)
from ..models import ContactMoment, IntroMeeting, Signal
from ..selectors import SIGNAL_READERS, placement_for
from ..services import ending, evaluation, guidance, intro
from . import fail, form_errors

CONTACT = frozenset({Role.COMPANY_CONTACT})
STUDENT = frozenset({Role.STUDENT})
OUTCOME = frozenset({Role.COMPANY_CONTACT, *STAFF_ROLES})


def _done(request: HttpRequest, pk: int, text: str, anchor: str = "") -> HttpResponse:
    messages.success(request, text)
    return redirect(f"{redirect('followup:detail', pk=pk).url}{anchor}")


def _back(request: HttpRequest, pk: int, anchor: str = "") -> HttpResponse:
    return redirect(f"{redirect('followup:detail', pk=pk).url}{anchor}")


def _meeting(request: HttpRequest, pk: int) -> IntroMeeting | None:
    meeting = IntroMeeting.objects.filter(placement=placement_for(user_of(request), pk)).first()
    if meeting is None:
        messages.error(request, _("Het bedrijf heeft nog geen moment voorgesteld."))
    return meeting


@allow_roles(CONTACT)
@post_only
def intro_propose(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    placement = placement_for(user, pk)
    form = IntroProposeForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return _back(request, pk, "#kennismaking")
    try:
        intro.intro_propose(
            placement=placement, moments=form.moments(), note=form.cleaned_data["note"], by=user
        )
    except ValidationError as exc:
        fail(request, exc)
        return _back(request, pk, "#kennismaking")
    return _done(request, pk, _("Het voorstel is verstuurd; de student kiest een moment."))


@allow_roles(STUDENT)
@post_only
def intro_answer(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = IntroAnswerForm(request.POST)
    if meeting is None:
        return _back(request, pk, "#kennismaking")
    if not form.is_valid():
        form_errors(request, form)
        return _back(request, pk, "#kennismaking")
    try:
        if form.cleaned_data["moment"]:
            intro.intro_accept(meeting=meeting, moment_id=form.cleaned_data["moment"])
            text = _("Afgesproken. Het bedrijf en de school zien het moment.")
        else:
            intro.intro_ask_other(meeting=meeting, note=form.cleaned_data["note"])
            text = _("Je vraag om een ander moment is doorgegeven aan het bedrijf.")
    except ValidationError as exc:
        fail(request, exc)
        return _back(request, pk, "#kennismaking")
    return _done(request, pk, text)


@allow_roles(OUTCOME)
@post_only
def intro_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = IntroOutcomeForm(request.POST)
    if meeting is None:
        return _back(request, pk, "#kennismaking")
    if not form.is_valid():
        form_errors(request, form)
        return _back(request, pk, "#kennismaking")
    try:
        intro.intro_outcome(meeting=meeting, **form.cleaned_data)
    except ValidationError as exc:
        fail(request, exc)
        return _back(request, pk, "#kennismaking")
    return _done(request, pk, _("De uitkomst van het kennismakingsgesprek is vastgelegd."))


@allow_roles(CONTACT)
@post_only
def refuse(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    placement = placement_for(user, pk)
    form = RefusalForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return _back(request, pk)
    try:
        ending.company_refuse(placement=placement, text=form.cleaned_data["text"], by=user)
    except ValidationError as exc:
        fail(request, exc)
        return _back(request, pk)
    return _done(
        request,
        pk,
        _(
            "Uw weigering is vastgelegd als afwijking van de stagematchingsovereenkomst. "
            "De school neemt contact met u op en zoekt een andere plek voor de student."
        ),
    )


@coordinators_only
@post_only
def stop(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    placement = placement_for(user, pk)
    form = StopForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return _back(request, pk)
    try:
        ending.placement_stop(placement=placement, by=user, **form.cleaned_data)
    except ValidationError as exc:
        fail(request, exc)
        return _back(request, pk)
    return _done(
        request,
        pk,
        _(
            "De stage is beëindigd. De student doet mee in de volgende vervolgronde, of krijgt "
            "hier direct een nieuwe plek."
        ),
    )


@coordinators_only
@post_only
def supervision(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    placement = placement_for(user, pk)
    chosen = request.POST.get("teacher", "")
    teacher = (
        User.objects.filter(pk=int(chosen), institution_id=user.institution_id or 0).first()
        if is_id(chosen)
        else None
    )
    if teacher is None:
        messages.error(request, _("Kies een medewerker."))
        return _back(request, pk, "#begeleiding")
    try:
        guidance.supervision_assign(placements=[placement], teacher=teacher)
    except ValidationError as exc:
        fail(request, exc)
        return _back(request, pk, "#begeleiding")
    return _done(request, pk, _("De bpv-docent is toegewezen."), "#begeleiding")


@allow_roles(STAFF_ROLES)
@post_only
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    placement = placement_for(user, pk)
    form = ContactForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return _back(request, pk, "#begeleiding")
    try:
        guidance.contact_add(placement=placement, by=user, **form.cleaned_data)
    except ValidationError as exc:
        fail(request, exc)
        return _back(request, pk, "#begeleiding")
    return _done(request, pk, _("Het contactmoment is vastgelegd."), "#begeleiding")


@allow_roles(STAFF_ROLES)
@post_only
def contact_held(request: HttpRequest, pk: int, moment: int) -> HttpResponse:
    placement = placement_for(user_of(request), pk)
    row = get_object_or_404(ContactMoment, pk=moment, placement=placement)
    try:
        guidance.contact_held(moment=row, notes=posted_text(request.POST, "notes"))
    except ValidationError as exc:
        fail(request, exc)
        return _back(request, pk, "#begeleiding")
    return _done(request, pk, _("Het contactmoment is als gehouden vastgelegd."), "#begeleiding")


@allow_roles(ALL_ROLES)
@post_only
def signal_report(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    placement = placement_for(user, pk)
    form = SignalForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return _back(request, pk, "#melden")
    guidance.signal_report(placement=placement, by=user, **form.cleaned_data)
    return _done(
        request,
        pk,
        _("Je melding is ontvangen. De zorgcoördinator neemt contact met je op."),
        "#melden",
    )


@allow_roles(SIGNAL_READERS)
@post_only
def signal_update(request: HttpRequest, pk: int, signal: int) -> HttpResponse:
    placement = placement_for(user_of(request), pk)
    row = get_object_or_404(Signal, pk=signal, placement=placement)
    form = SignalUpdateForm(request.POST, prefix=f"s{row.pk}")
    if not form.is_valid():
        form_errors(request, form)
        return _back(request, pk, "#meldingen")
    try:
        guidance.signal_update(signal=row, **form.cleaned_data)
    except ValidationError as exc:
        fail(request, exc)
        return _back(request, pk, "#meldingen")
    return _done(request, pk, _("De melding is bijgewerkt."), "#meldingen")


@allow_roles(ALL_ROLES)
@post_only
def evaluation_submit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    placement = placement_for(user, pk)
    form = EvaluationForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return _back(request, pk, "#evaluatie")
    try:
        evaluation.evaluation_submit(placement=placement, by=user, **form.cleaned_data)
    except ValidationError as exc:
        fail(request, exc)
        return _back(request, pk, "#evaluatie")
    return _done(request, pk, _("Dank je wel voor je evaluatie."), "#evaluatie")
