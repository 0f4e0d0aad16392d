"""A student who left the programme: staff record it on the student's page; the running
placement ends with its own reason (its seat is offered again), and the student is out of
follow-up rounds, re-placement, reminders and the evaluation; nobody tells them to wait for
a new place."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import OutboxMessage
from followup.models import Ending, EndReason
from followup.overview import Selection, counts, listed
from followup.services.ending import company_refuse
from followup.services.evaluation import evaluations_invite
from matching.selectors.population import cohort_students
from matching.services.rounds import round_create
from placements.models import Placement, PlacementStatus
from placements.selectors import free_seats
from students.models import Student
from students.services import reminders_schedule

from .conftest import Life

pytestmark = pytest.mark.django_db


def test_staff_record_that_a_student_left_and_the_placement_ends_with_that_reason(
    life: Life,
) -> None:
    company_refuse(placement=life.placement, text="Past niet", by=life.contact.user)
    page_url = reverse("students:staff-detail", args=[life.student.pk])
    page = life.client(life.coordinator).get(page_url).content.decode()
    assert "Student gestopt met de opleiding?" in page
    # A reviewer sees no form and cannot post it.
    assert "Student gestopt met de opleiding?" not in (
        life.client(life.reviewer).get(page_url).content.decode()
    )
    leave = reverse("followup:student-leave", args=[life.student.pk])
    assert life.client(life.reviewer).post(leave, {}).status_code == 403
    assert life.client(life.coordinator).get(leave).status_code == 405
    on = life.placement.start_date + dt.timedelta(days=4)
    response = life.client(life.coordinator).post(
        leave, {"on": on.isoformat(), "text": "Verhuisd naar Groningen"}, follow=True
    )
    assert "de student is gestopt met de opleiding" in response.content.decode()
    student = Student.objects.get(pk=life.student.pk)
    assert (student.left_on, student.left_by) == (on, life.coordinator)
    placement = Placement.objects.get(pk=life.placement.pk)
    assert (placement.status, placement.ended_on) == (PlacementStatus.ENDED_EARLY, on)
    # The refusal stays on record as it was; the end itself counts as the student's leaving
    # when no refusal preceded it (next test). The seat is free again from that day.
    assert Ending.objects.get().reason == EndReason.REFUSAL
    assert placement.offer is not None
    assert free_seats([placement.offer], on) == {placement.offer.pk: placement.offer.capacity}
    # Out of the re-placement list, and no mail telling them a new place is coming.
    today = timezone.localdate()
    rows = list(listed(life.coordinator, Selection(show="herplaatsen"), today))
    assert rows == [] and counts(life.coordinator, Selection(), today)["herplaatsen"] == 0
    news = OutboxMessage.objects.filter(kind="placement_news").values_list("key", flat=True)
    assert list(news) == [f"placement-news:{placement.pk}:refused"]
    page = life.client(life.coordinator).get(page_url).content.decode()
    assert "Gestopt met de opleiding per" in page
    # Recorded once.
    life.client(life.coordinator).post(leave, {})
    assert Student.objects.get(pk=life.student.pk).left_on == on


def test_a_student_who_left_is_out_of_rounds_reminders_and_the_evaluation(life: Life) -> None:
    leave = reverse("followup:student-leave", args=[life.student.pk])
    life.client(life.coordinator).post(leave, {"text": ""})
    ending = Ending.objects.get()
    assert (ending.reason, ending.text) == (
        EndReason.STUDENT_LEFT,
        "Student gestopt met de opleiding",
    )
    assert not OutboxMessage.objects.filter(kind="placement_news").exists()
    rnd = round_create(
        institution=life.student.programme.institution,
        name="Vervolgronde",
        programmes=[life.student.programme],
        cohort=life.student.cohort,
        variant="direct",
        by=life.coordinator,
    )
    assert life.student.pk not in set(cohort_students(rnd).values_list("pk", flat=True))
    assert reminders_schedule(student_ids=[life.student.pk]) == 0
    placement = Placement.objects.get(pk=life.placement.pk)
    assert placement.ended_on is not None
    evaluations_invite(on=placement.end_date)
    recipients = set(
        OutboxMessage.objects.filter(kind="evaluation").values_list("recipient_id", flat=True)
    )
    assert life.student.user_id not in recipients and life.contact.user_id in recipients


def test_the_stop_form_does_not_offer_the_students_own_leaving(life: Life) -> None:
    form = {"reason": "student_left", "text": "x", "on": life.placement.start_date.isoformat()}
    life.client(life.coordinator).post(reverse("followup:stop", args=[life.placement.pk]), form)
    assert Placement.objects.get(pk=life.placement.pk).status == PlacementStatus.ACTIVE
