"""`load_demo --year` (what `make run` loads): the demo school's first round released, and its
placements in the states a newcomer should be able to open — an introductory meeting proposed,
accepted and held, a POK sent and one signed by every party, contact moments planned, a report
of unwanted behaviour, a company's refusal waiting for re-placement and a placement the school
ended early. Built through the same services the pages use; run again, it changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import User
from cockpit.models import PlanningStep, StepKind, current_school_year
from companies.models import CompanyContact
from followup.models import EndReason, IntroMeeting, IntroMoment
from followup.services import agreement, ending, guidance, intro
from matching.models import Match, Round
from matching.selectors.replacement import match_options
from placements.models import Placement, PlacementStatus

from .bench_web import Report, run_round
from .school import DemoSchool

DEMO_ROUND = "Ronde 1 (demo)"


def year_load(school: DemoSchool) -> Round | None:
    """The released demo round with its placements in every state; None when it exists."""
    if Round.objects.filter(institution=school.institution, name=DEMO_ROUND).exists():
        return None
    rnd = run_round(Report(0, ""), school, lambda _rnd, _run: None, name=DEMO_ROUND)
    placements = list(
        Placement.objects.filter(student__programme__institution=school.institution)
        .select_related("student__user", "company")
        .order_by("pk")
    )
    for placement, state in zip(placements, STATES, strict=False):
        try:
            state(placement, school)
        except ValidationError:
            continue  # a state this placement cannot take (e.g. no contact): shown by the rest
    # The refusal goes to a student who can be re-placed at once (another company in reach
    # with a free seat), so a newcomer can try *Nu herplaatsen* to the end.
    refusable = _refusable(placements[len(STATES) :])
    if refusable is not None:
        _refused(refusable, school)
    plan_year(school)
    return rnd


def _refusable(placements: list[Placement]) -> Placement | None:
    for placement in placements:
        match = Match.objects.filter(placement=placement).select_related("round").first()
        if match is None:
            continue
        if any(o["offer"].company_id != placement.company_id for o in match_options(match)):
            return placement
    return None


def _contact(placement: Placement) -> User:
    contact = CompanyContact.objects.filter(company=placement.company).select_related("user")
    first = contact.first()
    if first is None:
        raise ValidationError("no contact")
    return first.user


def _next_week(days: int = 7, hour: int = 10) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def _proposed(p: Placement, school: DemoSchool) -> None:
    intro.intro_propose(
        placement=p,
        moments=[_next_week(7), _next_week(8, 14)],
        note="We maken graag kennis. Neem je rooster mee.",
        by=_contact(p),
    )


def _accepted(p: Placement, school: DemoSchool) -> None:
    _proposed(p, school)
    meeting = IntroMeeting.objects.get(placement=p)
    first = IntroMoment.objects.filter(meeting=meeting).order_by("at").values_list("pk", flat=True)
    intro.intro_accept(meeting=meeting, moment_id=first[0])


def _held(p: Placement, school: DemoSchool) -> None:
    _accepted(p, school)
    meeting = IntroMeeting.objects.get(placement=p)
    # The demo's clock: the agreed moment has passed (an outcome is recorded only after it).
    IntroMoment.objects.filter(pk=meeting.chosen_id).update(
        at=timezone.now() - dt.timedelta(days=2)
    )
    intro.intro_outcome(meeting=meeting, held=True)
    intro.intro_student_confirm(meeting=meeting)


def _pok_sent(p: Placement, school: DemoSchool) -> None:
    _held(p, school)
    pok = agreement.agreement_save(placement=p, by=school.staff["coordinator"])
    agreement.agreement_send(agreement=pok, by=school.staff["coordinator"])
    agreement.agreement_sign(agreement=pok, by=_contact(p))


def _pok_complete(p: Placement, school: DemoSchool) -> None:
    _held(p, school)
    pok = agreement.agreement_save(placement=p, by=school.staff["coordinator"])
    agreement.agreement_send(agreement=pok, by=school.staff["coordinator"])
    for signer in (p.student.user, _contact(p), school.staff["coordinator"]):
        agreement.agreement_sign(agreement=pok, by=signer)


def _contacts_planned(p: Placement, school: DemoSchool) -> None:
    _held(p, school)
    guidance.supervision_assign(placements=[p], teacher=school.staff["slb1"])
    for weeks, kind in ((2, "on_site"), (8, "online"), (16, "phone")):
        guidance.contact_add(
            placement=p,
            date=p.start_date + dt.timedelta(weeks=weeks),
            kind=kind,
            participants="student, praktijkopleider, bpv-docent",
            notes="",
            held=False,
            by=school.staff["slb1"],
        )


def _signal(p: Placement, school: DemoSchool) -> None:
    _held(p, school)
    guidance.signal_report(
        placement=p,
        by=p.student.user,
        what="Tijdens het kennismakingsgesprek werd gevraagd naar mijn geloof.",
        when="Bij het kennismakingsgesprek",
        who_knows="Mijn slb'er",
        anonymous=True,
    )


def _refused(p: Placement, school: DemoSchool) -> None:
    _held(p, school)
    ending.company_refuse(
        placement=p, text="Na het gesprek denken wij dat het niet klikt.", by=_contact(p)
    )


def _ended(p: Placement, school: DemoSchool) -> None:
    ending.placement_stop(
        placement=p,
        reason=EndReason.STUDENT,
        text="De student stopt met de opleiding.",
        on=None,
        by=school.staff["coordinator"],
    )
    assert Placement.objects.get(pk=p.pk).status == PlacementStatus.ENDED_EARLY


STATES: list[Callable[[Placement, DemoSchool], None]] = [
    _proposed,
    _accepted,
    _held,
    _pok_sent,
    _pok_complete,
    _contacts_planned,
    _signal,
    _ended,
]


# The demo year's planning (stappenplan A3), relative to today: (step, days from today, done,
# owner). What is behind it is done; the agreement date passed with companies still
# unsigned, so the dashboard shows a late step and who acts; the follow-up lies ahead.
PLAN: list[tuple[str, int, bool, str]] = [
    (StepKind.RECRUIT, -60, True, "coordinator"),
    (StepKind.INTAKE_OPEN, -45, True, "coordinator"),
    (StepKind.AGREEMENT, -14, False, "coordinator"),
    (StepKind.RUN, -1, True, "coordinator"),
    (StepKind.REVIEW, 0, True, "slb1"),
    (StepKind.RELEASE, 0, True, "coordinator"),
    (StepKind.INTRO, 14, False, "slb1"),
    (StepKind.POK, 30, False, "coordinator"),
    (StepKind.CONTACT, 90, False, "slb2"),
    (StepKind.EVALUATION, 200, False, "coordinator"),
]


def plan_year(school: DemoSchool) -> None:
    """The school-wide steps of the demo year's planning, each with a date and an owner (the
    intake dates per programme are planned with the students)."""
    today = timezone.localdate()
    for kind, days, done, owner in PLAN:
        PlanningStep.objects.get_or_create(
            institution=school.institution,
            school_year=current_school_year(),
            programme=None,
            kind=kind,
            defaults={
                "due_on": today + dt.timedelta(days=days),
                "done_on": today + dt.timedelta(days=min(days, 0)) if done else None,
                "owner": school.staff[owner],
            },
        )
