"""POSTs on a placement's page: the introductory meeting, a refusal or early end, the
bpv-docent and contact moments, signals, the evaluation. Each: an access-checked getter, a
form, one service call, a redirect to the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from accounts.access import ALL_ROLES, allow_roles, coordinators_only, post_only, user_of
from accounts.models import STAFF_ROLES, Role
from catalog.formfields import posted_text

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
from . import fail, form_errors, posted_teacher

CONTACT = frozenset({Role.COMPANY_CONTACT})
STUDENT = frozenset({Role.STUDENT})
OUTCOME = frozenset({Role.COMPANY_CONTACT, *STAFF_ROLES})


def _back(request: HttpRequest, pk: int, anchor: str = "") -> HttpResponse:
    return redirect(f"{redirect('followup:detail', pk=pk).url}{anchor}")


def _apply(
    request: HttpRequest,
    pk: int,
    form: forms.Form,
    act: Callable[[dict[str, Any]], object],
    done: str,
    anchor: str = "",
    done_anchor: str | None = None,
) -> HttpResponse:
    """The shape of every POST here: an invalid form or a refused service goes back to the
    page with the reason; otherwise `act(cleaned_data)` (one service call) and the success
    message: `done`, or the text `act` returns when the outcome decides it."""
    if not form.is_valid():
        form_errors(request, form)
        return _back(request, pk, anchor)
    try:
        text = act(form.cleaned_data)
    except ValidationError as exc:
        fail(request, exc)
        return _back(request, pk, anchor)
    messages.success(request, text if isinstance(text, str) else done)
    return _back(request, pk, anchor if done_anchor is None else done_anchor)


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

    def act(data: dict[str, Any]) -> None:
        intro.intro_propose(placement=placement, moments=form.moments(), note=data["note"], by=user)

    done = _("Het voorstel is verstuurd; de student kiest een moment.")
    return _apply(request, pk, form, act, done, "#kennismaking", done_anchor="")


@allow_roles(STUDENT)
@post_only
def intro_answer(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    if meeting is None:
        return _back(request, pk, "#kennismaking")

    def act(data: dict[str, Any]) -> str:
        if data["moment"]:
            intro.intro_accept(meeting=meeting, moment_id=data["moment"])
            return _("Afgesproken. Het bedrijf en de school zien het moment.")
        intro.intro_ask_other(meeting=meeting, note=data["note"])
        return _("Je vraag om een ander moment is doorgegeven aan het bedrijf.")

    form = IntroAnswerForm(request.POST)
    return _apply(request, pk, form, act, "", "#kennismaking", done_anchor="")


@allow_roles(STUDENT)
@post_only
def intro_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """The student's own record that the meeting took place."""
    meeting = _meeting(request, pk)
    if meeting is None:
        return _back(request, pk, "#kennismaking")
    try:
        intro.intro_student_confirm(meeting=meeting)
    except ValidationError as exc:
        fail(request, exc)
        return _back(request, pk, "#kennismaking")
    messages.success(request, _("Vastgelegd: het kennismakingsgesprek is doorgegaan."))
    return _back(request, pk)


@allow_roles(OUTCOME)
@post_only
def intro_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    if meeting is None:
        return _back(request, pk, "#kennismaking")
    return _apply(
        request,
        pk,
        IntroOutcomeForm(request.POST),
        lambda data: intro.intro_outcome(meeting=meeting, **data),
        _("De uitkomst van het kennismakingsgesprek is vastgelegd."),
        "#kennismaking",
        done_anchor="",
    )


@allow_roles(CONTACT)
@post_only
def refuse(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    placement = placement_for(user, pk)
    return _apply(
        request,
        pk,
        RefusalForm(request.POST),
        lambda data: ending.company_refuse(placement=placement, text=data["text"], by=user),
        _(
            "Je weigering is vastgelegd. Dat is tegen de afspraak in de "
            "stagematchingsovereenkomst. De school neemt contact met je op en zoekt een andere "
            "plek voor de student."
        ),
    )


@coordinators_only
@post_only
def stop(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    placement = placement_for(user, pk)
    return _apply(
        request,
        pk,
        StopForm(request.POST),
        lambda data: ending.placement_stop(placement=placement, by=user, **data),
        _("De stage is beëindigd. De student gaat met voorrang mee in de volgende vervolgronde."),
    )


@coordinators_only
@post_only
def supervision(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    placement = placement_for(user, pk)
    teacher = posted_teacher(request, user)
    if teacher is None:
        messages.error(request, _("Kies een medewerker."))
        return _back(request, pk, "#begeleiding")
    try:
        n = guidance.supervision_assign(placements=[placement], teacher=teacher, by=user)
    except ValidationError as exc:
        fail(request, exc)
        return _back(request, pk, "#begeleiding")
    if not n:
        messages.error(request, _("Deze stage loopt niet meer; er komt geen bpv-docent bij."))
        return _back(request, pk, "#begeleiding")
    messages.success(request, _("De bpv-docent is toegewezen."))
    return _back(request, pk, "#begeleiding")


@allow_roles(STAFF_ROLES)
@post_only
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    placement = placement_for(user, pk)
    return _apply(
        request,
        pk,
        ContactForm(request.POST),
        lambda data: guidance.contact_add(placement=placement, by=user, **data),
        _("Het contactmoment is vastgelegd."),
        "#begeleiding",
    )


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
    messages.success(request, _("Het contactmoment is als gehouden vastgelegd."))
    return _back(request, pk, "#begeleiding")


@allow_roles(ALL_ROLES)
@post_only
def signal_report(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    placement = placement_for(user, pk)
    return _apply(
        request,
        pk,
        SignalForm(request.POST),
        lambda data: guidance.signal_report(placement=placement, by=user, **data),
        _("Je melding is ontvangen. De zorgcoördinator neemt contact met je op."),
        "#melden",
    )


@allow_roles(SIGNAL_READERS)
@post_only
def signal_update(request: HttpRequest, pk: int, signal: int) -> HttpResponse:
    placement = placement_for(user_of(request), pk)
    row = get_object_or_404(Signal, pk=signal, placement=placement)
    return _apply(
        request,
        pk,
        SignalUpdateForm(request.POST, prefix=f"s{row.pk}"),
        lambda data: guidance.signal_update(signal=row, **data),
        _("De melding is bijgewerkt."),
        "#meldingen",
    )


@allow_roles(ALL_ROLES)
@post_only
def evaluation_submit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    placement = placement_for(user, pk)
    if not evaluation.is_open(placement):
        # Said before the form's errors: an early post is not a form filled in wrongly.
        messages.error(
            request, _("De evaluatie is nog niet open; je krijgt een e-mail als het zover is.")
        )
        return _back(request, pk, "#evaluatie")
    return _apply(
        request,
        pk,
        EvaluationForm(request.POST),
        lambda data: evaluation.evaluation_submit(placement=placement, by=user, **data),
        _("Dank je wel voor je evaluatie."),
        "#evaluatie",
    )
