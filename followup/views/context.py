"""What each party sees on a placement's page: one function per section."""

from __future__ import annotations

from typing import Any

from django.utils.timezone import now

from accounts.models import STAFF_ROLES, User, school_staff
from placements.models import Placement, PlacementStatus

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
from ..models import (
    ContactMoment,
    Ending,
    Evaluation,
    IntroMeeting,
    IntroStatus,
    Party,
    Signal,
    Supervision,
)
from ..selectors import SCHOOL_SIGNERS, SIGNAL_READERS, contact_count
from ..services.evaluation import is_open, party_for


def intro_context(placement: Placement, user: User, party: str) -> dict[str, Any]:
    meeting = IntroMeeting.objects.filter(placement=placement).select_related("chosen").first()
    running = placement.status == PlacementStatus.ACTIVE
    concluded = meeting is not None and meeting.status in (IntroStatus.HELD, IntroStatus.NOT_HELD)
    context: dict[str, Any] = {
        "meeting": meeting,
        "moments": list(meeting.moments.all()) if meeting else [],
    }
    if party == Party.COMPANY and running and not concluded:
        context["intro_form"] = IntroProposeForm()
    answerable = meeting is not None and meeting.status in ("proposed", "accepted")
    if party == Party.STUDENT and running and answerable:
        context["answer_form"] = IntroAnswerForm()
    # Whether it took place is said after the agreed moment, by both sides.
    past = meeting is not None and meeting.chosen is not None and meeting.chosen.at <= now()
    context["meeting_past"] = past
    accepted = meeting is not None and meeting.status == IntroStatus.ACCEPTED
    if running and past and accepted and party != Party.STUDENT:
        context["outcome_form"] = IntroOutcomeForm()
    context["may_confirm"] = (
        running
        and past
        and party == Party.STUDENT
        and meeting is not None
        and not meeting.student_confirmed_at
    )
    return context


def ending_context(placement: Placement, user: User, party: str) -> dict[str, Any]:
    ending = Ending.objects.filter(placement=placement).first()
    running = placement.status == PlacementStatus.ACTIVE
    context: dict[str, Any] = {"ending": ending}
    if party == Party.COMPANY and running and ending is None:
        context["refusal_form"] = RefusalForm()
    if user.role in SCHOOL_SIGNERS and running:
        context["stop_form"] = StopForm(initial={"reason": ending.reason} if ending else None)
        # The school re-places the student at once (matching's re-placement page).
        context["may_replace"] = ending is not None
    return context


def guidance_context(placement: Placement, user: User, party: str) -> dict[str, Any]:
    supervision = Supervision.objects.filter(placement=placement).select_related("teacher").first()
    # An ended placement is a record: nothing to plan or assign any more.
    running = placement.status == PlacementStatus.ACTIVE
    context: dict[str, Any] = {
        "supervision": supervision,
        "school_contact": placement.student.programme.institution.contact_email,
    }
    if user.role in STAFF_ROLES:
        context["contacts"] = ContactMoment.objects.filter(placement=placement)
        context["contact_count"] = contact_count(placement)
        if running:
            context["contact_form"] = ContactForm()
    if user.role in SCHOOL_SIGNERS and running:
        context["teachers"] = school_staff(user.institution_id).order_by("full_name")
    return context


def signals_context(placement: Placement, user: User, party: str) -> dict[str, Any]:
    rows = Signal.objects.filter(placement=placement).select_related("reporter")
    context: dict[str, Any] = {
        "signal_form": SignalForm(),
        "own_signals": [s for s in rows if s.reporter_id == user.pk],
        "signals": None,
    }
    if user.role in SIGNAL_READERS:
        context["signals"] = [
            (s, SignalUpdateForm(initial={"status": s.status}, prefix=f"s{s.pk}")) for s in rows
        ]
    return context


def evaluation_context(placement: Placement, user: User, party: str) -> dict[str, Any]:
    evaluation_party = party_for(placement, user)
    done = Evaluation.objects.filter(placement=placement, party=evaluation_party).exists()
    context: dict[str, Any] = {"evaluation_party": evaluation_party, "evaluation_done": done}
    if evaluation_party and not done and is_open(placement):
        context["evaluation_form"] = EvaluationForm()
    if party == Party.SCHOOL:  # the answers per party, for school staff only
        context["evaluations"] = list(placement.evaluations.order_by("party"))
    return context


SECTIONS = [intro_context, ending_context, guidance_context, signals_context, evaluation_context]
