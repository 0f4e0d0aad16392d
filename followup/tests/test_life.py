"""A placement's life through the views: the introductory meeting (not a selection), a
refusal logged as a breach, an early end through the ledger, the bpv-docent and contact
moments, signals only the care coordinator and coordinator read, the end evaluation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import OutboxMessage
from followup.models import (
    ContactMoment,
    Ending,
    Evaluation,
    IntroMeeting,
    IntroMoment,
    IntroStatus,
    Signal,
    SignalStatus,
    Supervision,
)
from followup.overview import Selection, counts, listed
from followup.selectors import contact_count
from followup.services.evaluation import evaluations_invite
from followup.services.warnings import contact_warnings
from placements.models import Placement, PlacementStatus
from placements.selectors import free_seats

from .conftest import Life

pytestmark = pytest.mark.django_db


def overview(user, show: str) -> tuple[list[Placement], dict[str, int]]:
    today = timezone.localdate()
    selection = Selection(show=show)
    return list(listed(user, selection, today)), counts(user, selection, today)


def url(name: str, life: Life, *args: int) -> str:
    return reverse(f"followup:{name}", args=[life.placement.pk, *args])


def _later(days: int) -> str:
    return (timezone.localtime() + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def test_meeting_proposed_accepted_held_and_only_two_outcomes(life: Life) -> None:
    company, student = life.client(life.contact.user), life.client(life.student.user)
    # A note that asks something of the student is refused: the meeting is no selection.
    company.post(url("intro-propose", life), {"moment_1": _later(3), "note": "Neem je cv mee."})
    assert not IntroMeeting.objects.exists()
    company.post(
        url("intro-propose", life),
        {"moment_1": _later(3), "moment_2": _later(4), "note": "Kantoor, 2e verdieping"},
    )
    meeting = IntroMeeting.objects.get()
    assert meeting.status == IntroStatus.PROPOSED and meeting.moments.count() == 2
    # The student asks for another moment, the company proposes again, the student accepts.
    student.post(url("intro-answer", life), {"note": "Dinsdag kan ik niet, woensdag wel"})
    meeting.refresh_from_db()
    assert meeting.status == IntroStatus.OTHER_ASKED
    company.post(url("intro-propose", life), {"moment_1": _later(5)})
    moment = IntroMeeting.objects.get().moments.get()
    page = student.get(url("detail", life)).content.decode()
    assert "Dit moment kiezen" in page
    student.post(url("intro-answer", life), {"moment": moment.pk})
    meeting.refresh_from_db()
    assert (meeting.status, meeting.chosen_id) == (IntroStatus.ACCEPTED, moment.pk)
    # The student cannot record the outcome; "niet doorgegaan" needs a reason from the list.
    student.post(url("intro-outcome", life), {"held": "1"})
    company.post(url("intro-outcome", life), {"held": "0", "reason": "niet leuk"})
    meeting.refresh_from_db()
    assert meeting.status == IntroStatus.ACCEPTED
    # Before the agreed moment nobody can say it took place.
    company.post(url("intro-outcome", life), {"held": "1"})
    student.post(url("intro-confirm", life))
    meeting.refresh_from_db()
    assert meeting.status == IntroStatus.ACCEPTED and meeting.student_confirmed_at is None
    IntroMoment.objects.filter(pk=moment.pk).update(at=timezone.now() - dt.timedelta(hours=1))
    company.post(url("intro-outcome", life), {"held": "1"})
    student.post(url("intro-confirm", life))
    meeting.refresh_from_db()
    assert meeting.status == IntroStatus.HELD and meeting.outcome_at is not None
    assert meeting.student_confirmed_at is not None  # both sides recorded it
    page = company.get(url("detail", life)).content.decode()
    assert "bevestigd dat het gesprek is doorgegaan" in page


def test_a_refusal_is_a_breach_and_the_school_ends_the_placement_freeing_the_seat(
    life: Life,
) -> None:
    company = life.client(life.contact.user)
    company.post(url("refuse", life), {"text": ""})
    assert not Ending.objects.exists()
    company.post(url("refuse", life), {"text": "Past niet in het team"})
    refusal = Ending.objects.get()
    assert (refusal.reason, refusal.breach) == ("refusal", True)
    rows, counts = overview(life.coordinator, "herplaatsen")
    assert [r.pk for r in rows] == [life.placement.pk] and counts["herplaatsen"] == 1
    offer = life.placement.offer
    assert offer is not None
    on = offer.period_start + dt.timedelta(days=10)
    # Only a coordinator ends it; a reviewer cannot.
    form = {"reason": "refusal", "text": "Weigering na kennismaking", "on": on.isoformat()}
    assert life.client(life.reviewer).post(url("stop", life), form).status_code == 403
    life.client(life.coordinator).post(url("stop", life), form)
    placement = Placement.objects.get(pk=life.placement.pk)
    assert placement.status == PlacementStatus.ENDED_EARLY and placement.ended_on == on
    assert free_seats([offer], on) == {offer.pk: offer.capacity}  # the seat is free again
    assert Ending.objects.get().reason == "refusal"  # the company's refusal stays on record


def test_bpv_docent_contact_moments_and_the_count(life: Life) -> None:
    coordinator = life.client(life.coordinator)
    coordinator.post(url("supervision", life), {"teacher": life.reviewer.pk})
    assert Supervision.objects.get().teacher == life.reviewer
    reviewer = life.client(life.reviewer)
    today = timezone.localdate()
    # A moment outside the placement's period is refused; then the placement runs now.
    before = (life.placement.start_date - dt.timedelta(days=1)).isoformat()
    reviewer.post(url("contact-add", life), {"date": before, "kind": "phone"})
    assert not ContactMoment.objects.exists()
    Placement.objects.filter(pk=life.placement.pk).update(
        start_date=today - dt.timedelta(days=30), end_date=today + dt.timedelta(days=60)
    )
    for days, kind in ((20, "phone"), (10, "on_site")):
        day = (today - dt.timedelta(days=days)).isoformat()
        reviewer.post(url("contact-add", life), {"date": day, "kind": kind, "held": "on"})
    future = (today + dt.timedelta(days=5)).isoformat()
    reviewer.post(url("contact-add", life), {"date": future, "kind": "online", "held": "on"})
    assert ContactMoment.objects.count() == 2  # a future moment cannot have been held
    reviewer.post(url("contact-add", life), {"date": future, "kind": "online"})
    count = contact_count(life.placement)
    assert (count.held, count.on_site, count.enough) == (2, 1, False)
    # The coordinator's list: behind only from two weeks before the end (the warning's rule).
    assert overview(life.coordinator, "tekort")[1]["tekort"] == 0
    Placement.objects.filter(pk=life.placement.pk).update(end_date=today + dt.timedelta(days=10))
    rows, counts = overview(life.coordinator, "tekort")
    assert counts["tekort"] == 1 and [r.pk for r in rows] == [life.placement.pk]
    assert "2 van 3, waarvan 1 op locatie" in reviewer.get(url("detail", life)).content.decode()
    # The notes are for school staff: the company and the student do not see the moments.
    ContactMoment.objects.update(notes="NOTITIE-SCHOOL")
    for user in (life.contact.user, life.student.user):
        assert "NOTITIE-SCHOOL" not in life.client(user).get(url("detail", life)).content.decode()


def test_contact_warnings_go_once_to_the_bpv_docent(life: Life) -> None:
    Supervision.objects.create(placement=life.placement, teacher=life.reviewer)
    p = life.placement
    third = p.start_date + (p.end_date - p.start_date) / 3 + dt.timedelta(days=1)
    assert contact_warnings(p.start_date) == 0
    contact_warnings(third)
    contact_warnings(third)
    assert OutboxMessage.objects.filter(kind="contact_warning").count() == 1
    assert OutboxMessage.objects.get().recipient == life.reviewer


def test_signals_reach_only_the_care_coordinator_and_the_coordinator(life: Life) -> None:
    student = life.client(life.student.user)
    student.post(
        url("signal-report", life),
        {"what": "MELDING-INHOUD opmerking over afkomst", "when": "maandag", "anonymous": "on"},
    )
    signal = Signal.objects.get()
    assert signal.anonymous and signal.reporter == life.student.user
    # The care coordinator hears of it by mail: a link, nothing of the report itself.
    from django.core import mail

    from accounts import outbox

    queued = OutboxMessage.objects.filter(kind="signal_new")
    assert list(queued.values_list("recipient", flat=True)) == [life.care.pk]
    outbox.dispatch()
    outbox.dispatch()
    sent = [m for m in mail.outbox if m.subject == "Nieuwe melding over een stage"]
    assert len(sent) == 1 and sent[0].to == [life.care.email]
    assert "MELDING-INHOUD" not in sent[0].body and f"/stages/{life.placement.pk}/" in sent[0].body
    assert "MELDING-INHOUD" in life.client(life.care).get(url("detail", life)).content.decode()
    assert (
        "MELDING-INHOUD" in life.client(life.coordinator).get(url("detail", life)).content.decode()
    )
    for user in (life.reviewer, life.contact.user, life.student.user):
        assert "MELDING-INHOUD" not in life.client(user).get(url("detail", life)).content.decode()
    update = url("signal-update", life, signal.pk)
    prefix = f"s{signal.pk}"
    assert (
        life.client(life.reviewer).post(update, {f"{prefix}-status": "closed"}).status_code == 403
    )
    care = life.client(life.care)
    care.post(update, {f"{prefix}-status": "closed"})  # closing needs the actions taken
    signal.refresh_from_db()
    assert signal.status == SignalStatus.OPEN
    care.post(update, {f"{prefix}-status": "closed", f"{prefix}-actions": "Gesprek gevoerd"})
    signal.refresh_from_db()
    assert (signal.status, signal.actions) == (SignalStatus.CLOSED, "Gesprek gevoerd")


def test_evaluation_opens_near_the_end_is_invited_once_and_answered_once(life: Life) -> None:
    Supervision.objects.create(placement=life.placement, teacher=life.reviewer)
    answer = {"match_score": "4", "guidance_score": "5", "objective_score": "4", "remark": "Goed"}
    student = life.client(life.student.user)
    student.post(url("evaluation", life), answer)
    assert not Evaluation.objects.exists()  # not open yet: the period has not ended
    today = timezone.localdate()
    Placement.objects.filter(pk=life.placement.pk).update(
        start_date=today - dt.timedelta(days=60), end_date=today + dt.timedelta(days=3)
    )
    assert evaluations_invite() == evaluations_invite() > 0
    invited = OutboxMessage.objects.filter(kind="evaluation")
    # student, company contact, bpv-docent: an invitation and one reminder each
    assert invited.count() == 6
    student.post(url("evaluation", life), answer)
    student.post(url("evaluation", life), {**answer, "match_score": "1"})
    evaluation = Evaluation.objects.get()
    assert (evaluation.party, evaluation.match_score) == ("student", 4)
    from followup.services.evaluation import evaluation_render

    assert evaluation_render(invited.filter(recipient=life.student.user)[0]) is None
    life.client(life.contact.user).post(url("evaluation", life), answer)
    life.client(life.reviewer).post(url("evaluation", life), answer)
    assert set(Evaluation.objects.values_list("party", flat=True)) == {
        "student",
        "company",
        "teacher",
    }
    # The open answers are read by school staff on the placement's page, never by the company.
    Evaluation.objects.filter(party="student").update(remark="OPEN-ANTWOORD van de student")
    assert (
        "OPEN-ANTWOORD" in life.client(life.coordinator).get(url("detail", life)).content.decode()
    )
    assert "OPEN-ANTWOORD" not in (
        life.client(life.contact.user).get(url("detail", life)).content.decode()
    )


def test_a_student_cannot_accept_a_moment_that_has_passed(life: Life) -> None:
    from django.core.exceptions import ValidationError

    from followup.models import IntroMoment
    from followup.services.intro import intro_accept, intro_propose

    at = timezone.now() + dt.timedelta(days=2)
    meeting = intro_propose(placement=life.placement, moments=[at], note="", by=life.contact.user)
    moment = meeting.moments.get()
    IntroMoment.objects.filter(pk=moment.pk).update(at=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(ValidationError, match="al voorbij"):
        intro_accept(meeting=meeting, moment_id=moment.pk)
    meeting.refresh_from_db()
    assert meeting.chosen_id is None
