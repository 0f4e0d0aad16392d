"""An ended placement is a record: every write of its life is refused by the services, not
only hidden on the page. Each test crafts the POST the page no longer offers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from followup.models import (
    Agreement,
    AgreementStatus,
    ContactMoment,
    Ending,
    GuardianLink,
    IntroMeeting,
    IntroMoment,
    IntroStatus,
    Signature,
)
from followup.services.agreement import agreement_save, agreement_send, guardian_token
from followup.services.ending import placement_stop
from followup.services.guidance import contact_add
from followup.services.intro import intro_accept, intro_propose
from placements.models import Placement, PlacementStatus

from .conftest import Life

pytestmark = pytest.mark.django_db

REFUSED = "Deze stage is beëindigd of afgerond. Er kan niets meer aan veranderen."


def url(name: str, life: Life, *args: int) -> str:
    return reverse(f"followup:{name}", args=[life.placement.pk, *args])


def _end(life: Life, how: str) -> None:
    if how == "early":
        on = life.placement.start_date + dt.timedelta(days=3)
        placement_stop(
            placement=life.placement, reason="other", text="Stopt", on=on, by=life.coordinator
        )
    else:
        Placement.objects.filter(pk=life.placement.pk).update(status=PlacementStatus.COMPLETED)


def _post(client: Client, path: str, data: Mapping[str, object] | None = None) -> str:
    response = client.post(path, data or {}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def _in_a_day() -> str:
    return (timezone.localtime() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")


def _meeting(life: Life, *, accepted: bool, past: bool = False) -> IntroMeeting:
    at = timezone.now() + dt.timedelta(days=2)
    meeting = intro_propose(placement=life.placement, moments=[at], note="", by=life.contact.user)
    moment = meeting.moments.get()
    if accepted:
        meeting = intro_accept(meeting=meeting, moment_id=moment.pk)
    if past:
        IntroMoment.objects.filter(pk=moment.pk).update(at=timezone.now() - dt.timedelta(hours=1))
    return meeting


@pytest.mark.parametrize("how", ["early", "completed"])
def test_no_meeting_can_be_proposed_answered_or_recorded_after_the_end(
    life: Life, how: str
) -> None:
    company, student = life.client(life.contact.user), life.client(life.student.user)
    meeting = _meeting(life, accepted=False)
    moment = meeting.moments.get()
    _end(life, how)
    assert REFUSED in _post(company, url("intro-propose", life), {"moment_1": _in_a_day()})
    assert REFUSED in _post(student, url("intro-answer", life), {"moment": moment.pk})
    assert REFUSED in _post(student, url("intro-answer", life), {"note": "Woensdag wel"})
    meeting.refresh_from_db()
    assert meeting.status == IntroStatus.PROPOSED and meeting.chosen is None
    assert list(meeting.moments.values_list("pk", flat=True)) == [moment.pk]


def test_no_outcome_or_confirmation_of_a_meeting_after_the_end(life: Life) -> None:
    meeting = _meeting(life, accepted=True, past=True)
    _end(life, "early")
    company, student = life.client(life.contact.user), life.client(life.student.user)
    assert REFUSED in _post(company, url("intro-outcome", life), {"held": "1"})
    assert REFUSED in _post(
        life.client(life.coordinator), url("intro-outcome", life), {"held": "1"}
    )
    assert REFUSED in _post(student, url("intro-confirm", life))
    meeting.refresh_from_db()
    assert meeting.status == IntroStatus.ACCEPTED
    assert meeting.outcome_at is None and meeting.student_confirmed_at is None


@pytest.mark.parametrize("how", ["early", "completed"])
def test_no_contact_moment_is_planned_logged_or_marked_held_after_the_end(
    life: Life, how: str
) -> None:
    start = life.placement.start_date
    planned = contact_add(
        placement=life.placement,
        date=start,
        kind="online",
        participants="",
        notes="",
        held=False,
        by=life.coordinator,
    )
    _end(life, how)
    staff = life.client(life.coordinator)
    form = {"date": start.isoformat(), "kind": "on_site", "held": "on", "notes": "Goed gesprek"}
    assert REFUSED in _post(staff, url("contact-add", life), form)
    assert REFUSED in _post(staff, url("contact-held", life, planned.pk), {"notes": "Was goed"})
    assert list(ContactMoment.objects.values_list("pk", "held", "notes")) == [
        (planned.pk, False, "")
    ]


def _sent(life: Life) -> Agreement:
    agreement = agreement_save(
        placement=life.placement,
        by=life.coordinator,
        total_hours=640,
        hours_per_week=32,
        days_per_week=4,
    )
    return agreement_send(agreement=agreement, by=life.coordinator)


@pytest.mark.parametrize("how", ["early", "completed"])
def test_the_pok_is_not_signed_after_the_end_by_any_party(life: Life, how: str) -> None:
    agreement = _sent(life)
    _end(life, how)
    for user in (life.student.user, life.contact.user, life.coordinator):
        assert REFUSED in _post(life.client(user), url("agreement-sign", life)), user
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SENT and not Signature.objects.exists()


def test_a_draft_pok_is_not_sent_after_the_end(life: Life) -> None:
    agreement = agreement_save(
        placement=life.placement,
        by=life.coordinator,
        total_hours=640,
        hours_per_week=32,
        days_per_week=4,
    )
    _end(life, "completed")
    assert REFUSED in _post(life.client(life.coordinator), url("agreement-send", life))
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT


def test_a_guardian_cannot_sign_through_an_old_link_after_the_end(life: Life) -> None:
    student = life.student
    student.date_of_birth = life.placement.start_date.replace(
        year=life.placement.start_date.year - 16
    )
    student.guardian_name, student.guardian_email = "Olga Ouder", "ouder@example.org"
    student.save()
    _sent(life)
    link = GuardianLink.objects.get()
    _end(life, "early")
    path = reverse("followup:guardian-sign", args=[guardian_token(link)])
    assert REFUSED in _post(Client(), path, {"name": "Olga Ouder", "agree": "on"})
    link.refresh_from_db()
    assert link.used_at is None and not Signature.objects.exists()


def test_a_refusal_after_the_end_is_refused_too(life: Life) -> None:
    _end(life, "completed")
    assert REFUSED in _post(life.client(life.contact.user), url("refuse", life), {"text": "Nee"})
    assert not Ending.objects.exists()


def test_a_signal_and_the_evaluation_stay_possible_after_the_end(life: Life) -> None:
    """Not guarded on purpose: a report and the evaluation are about the ended placement."""
    _end(life, "early")
    student: User = life.student.user
    text = _post(
        life.client(student),
        url("signal-report", life),
        {"what": "Opmerkingen over mijn afkomst", "when": "Vorige week", "who_knows": ""},
    )
    assert REFUSED not in text and "Je melding is ontvangen" in text
