"""The planning is the one source of intake dates: the student's deadline and a round's intake
date read its "leerwensformulier sluit" step; reminders run from its dates, once each."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.models import OutboxMessage
from accounts.outbox import RENDERERS
from cockpit import reminders, services
from cockpit.models import StepKind
from cockpit.selectors.planning import end_of
from companies.models import AgreementSignature, Offer, OfferStatus
from matching.services import rounds
from programmes.tests.factories import ProgrammeFactory
from students import services as student_services
from students.models import LearningProfile, ProfileStatus
from students.portal import intake_closes_at

from .helpers import YEAR, client_for, school, step

pytestmark = pytest.mark.django_db
NOW = timezone.now()
TODAY = timezone.localdate(NOW)


def test_the_programmes_own_step_comes_before_the_schools_and_a_round_takes_the_latest() -> None:
    world = school()
    institution = world.round.institution
    other = ProgrammeFactory.create(institution=institution)
    step(world, StepKind.INTAKE_CLOSE, TODAY + dt.timedelta(days=5), programme=None)
    step(world, StepKind.INTAKE_CLOSE, TODAY + dt.timedelta(days=9))
    own = end_of(TODAY + dt.timedelta(days=9))
    assert intake_closes_at(institution.pk, [world.programme.pk], NOW) == own
    assert intake_closes_at(institution.pk, [other.pk], NOW) == end_of(TODAY + dt.timedelta(5))
    assert intake_closes_at(institution.pk, [other.pk, world.programme.pk], NOW) == own
    assert own.hour == 23 and own.minute == 59
    # The student's deadline is the same date.
    assert student_services.profile_deadline(world.students[0]) == own


def test_no_planned_date_leaves_the_form_open() -> None:
    world = school()
    assert student_services.profile_deadline(world.students[0]) is None
    assert world.round.intake_closes_at is None


def test_a_new_round_reads_its_intake_date_from_the_planning() -> None:
    world = school()
    step(world, StepKind.INTAKE_CLOSE, TODAY + dt.timedelta(days=3))
    rnd = rounds.round_create(
        institution=world.round.institution,
        name="Ronde 2",
        programmes=[world.programme],
        cohort=2026,
        variant="direct",
        by=world.coordinator,
    )
    assert rnd.intake_closes_at == end_of(TODAY + dt.timedelta(days=3))


def test_moving_the_step_moves_the_intake_of_open_rounds() -> None:
    world = school()
    planned = services.planning_step_save(
        institution=world.round.institution,
        step=None,
        data={
            "school_year": YEAR,
            "programme": world.programme,
            "kind": StepKind.INTAKE_CLOSE,
            "due_on": TODAY + dt.timedelta(days=4),
        },
    )
    world.round.refresh_from_db()
    assert world.round.intake_closes_at == end_of(TODAY + dt.timedelta(days=4))
    services.planning_step_delete(step=planned)
    world.round.refresh_from_db()
    assert world.round.intake_closes_at is None


def test_the_old_deadlines_page_leads_to_the_planning() -> None:
    world = school()
    response = client_for(world.coordinator).get("/student/overzicht/deadlines/")
    assert response.status_code == 302 and response["Location"] == "/stappenplan/planning/"


def _not_submitted(world, n: int) -> list:
    late = world.students[:n]
    LearningProfile.objects.filter(student__in=late).update(status=ProfileStatus.DRAFT)
    return late


def test_students_who_did_not_submit_get_one_reminder_per_date() -> None:
    world = school()
    late = _not_submitted(world, 2)
    LearningProfile.objects.filter(student=world.students[2]).update(status=ProfileStatus.OPTED_OUT)
    institution_id = world.round.institution_id
    far = step(world, StepKind.INTAKE_CLOSE, TODAY + dt.timedelta(days=20))
    assert reminders.student_reminders(institution_id, NOW) == 0  # not within the week yet
    far.due_on = TODAY + dt.timedelta(days=3)
    far.save()
    reminders.student_reminders(institution_id, NOW)
    reminders.student_reminders(institution_id, NOW)  # twice: still one mail each
    sent = OutboxMessage.objects.filter(kind=reminders.STUDENT_KIND)
    assert sorted(sent.values_list("recipient_id", flat=True)) == sorted(s.user_id for s in late)
    rendered = RENDERERS[reminders.STUDENT_KIND](sent[0])
    assert rendered is not None
    subject, body = rendered[:2]
    assert subject == "Herinnering: vul je leerwensen in voor je stage"
    assert far.due_on.strftime("%Y") in body
    # Submitted before the mail went out: not sent.
    LearningProfile.objects.filter(student__user=sent[0].recipient).update(
        status=ProfileStatus.SUBMITTED
    )
    assert RENDERERS[reminders.STUDENT_KIND](sent[0]) is None
    # A date that passed, or a step that is done, reminds nobody.
    OutboxMessage.objects.all().delete()
    far.due_on = TODAY - dt.timedelta(days=1)
    far.save()
    assert reminders.student_reminders(institution_id, NOW) == 0


def _body(message: OutboxMessage) -> str:
    rendered = RENDERERS[reminders.COMPANY_KIND](message)
    assert rendered is not None
    return rendered[1]


def test_companies_that_did_not_sign_or_publish_get_one_reminder() -> None:
    world = school()
    unsigned, unpublished, done = (c.company for c in world.contacts)
    AgreementSignature.objects.filter(company=unsigned).delete()
    Offer.objects.filter(company=unpublished).update(status=OfferStatus.DRAFT)
    institution_id = world.round.institution_id
    step(world, StepKind.AGREEMENT, TODAY + dt.timedelta(days=2))
    step(world, StepKind.AGREEMENT, TODAY + dt.timedelta(days=2), programme=None)
    reminders.company_reminders(institution_id, NOW)
    reminders.company_reminders(institution_id, NOW)
    sent = OutboxMessage.objects.filter(kind=reminders.COMPANY_KIND).order_by("recipient_id")
    recipients = {m.recipient_id: m for m in sent}
    assert len(sent) == 2 and done.pk not in [m.context["company"] for m in sent]
    body = _body(recipients[world.contacts[0].user_id])
    assert "de overeenkomst stagematching tekenen" in body and "aanbod publiceren" not in body
    body = _body(recipients[world.contacts[1].user_id])
    assert "aanbod publiceren" in body and "overeenkomst stagematching tekenen" not in body
    Offer.objects.filter(company=unpublished).update(status=OfferStatus.PUBLISHED)
    assert RENDERERS[reminders.COMPANY_KIND](recipients[world.contacts[1].user_id]) is None


def test_the_reminders_run_from_beat() -> None:
    from cockpit.tasks import planning_reminders_task

    schedule = {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "cockpit.tasks.planning_reminders_task" in schedule
    assert "cockpit.tasks.planning_overdue_task" in schedule
    world = school()
    _not_submitted(world, 1)
    step(world, StepKind.INTAKE_CLOSE, TODAY + dt.timedelta(days=1))
    planning_reminders_task()
    planning_reminders_task()
    assert OutboxMessage.objects.filter(kind=reminders.STUDENT_KIND).count() == 1
