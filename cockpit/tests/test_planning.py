"""The planning: steps with a date and an owner, late steps mailed to their owner once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import OutboxMessage, Role
from accounts.outbox import RENDERERS
from accounts.tests.factories import UserFactory
from cockpit import services
from cockpit.models import PlanningStep, StepKind

from .helpers import YEAR, client_for, school, step

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 29)


def test_a_coordinator_plans_a_step_with_an_owner() -> None:
    world = school()
    client = client_for(world.coordinator)
    response = client.post(
        reverse("cockpit:step-create") + f"?jaar={YEAR}",
        {
            "kind": "release",
            "programme": world.programme.pk,
            "due_on": "2027-01-15",
            "owner": world.reviewer.pk,
        },
    )
    assert response.status_code == 302
    created = PlanningStep.objects.get()
    assert (created.school_year, created.kind, created.owner) == (YEAR, "release", world.reviewer)
    html = client.get(reverse("cockpit:planning") + f"?jaar={YEAR}").content.decode()
    assert "Bekendmaking" in html and "15-1-2027" in html


def test_a_step_is_planned_once_per_programme_and_year() -> None:
    world = school()
    step(world, StepKind.RUN, TODAY)
    client = client_for(world.coordinator)
    response = client.post(
        reverse("cockpit:step-create") + f"?jaar={YEAR}",
        {"kind": "run", "programme": world.programme.pk, "due_on": "2027-01-15"},
    )
    assert response.status_code == 200
    assert "staat al in de planning" in response.content.decode()
    assert PlanningStep.objects.count() == 1


def test_the_owner_is_staff_of_the_own_school() -> None:
    world = school()
    stranger = UserFactory.create(role=Role.COORDINATOR)
    with pytest.raises(ValidationError):
        services.planning_step_save(
            institution=world.round.institution,
            step=None,
            data={"school_year": YEAR, "kind": "run", "due_on": TODAY, "owner": stranger},
        )
    # The form does not offer them either.
    client = client_for(world.coordinator)
    response = client.post(
        reverse("cockpit:step-create"),
        {"kind": "run", "due_on": "2027-01-15", "owner": stranger.pk},
    )
    assert response.status_code == 200 and not PlanningStep.objects.exists()


def test_done_and_open_again_and_delete_needs_confirmation() -> None:
    world = school()
    planned = step(world, StepKind.RUN, TODAY)
    client = client_for(world.coordinator)
    client.post(reverse("cockpit:step-done", args=[planned.pk]), {"done": "1"})
    planned.refresh_from_db()
    assert planned.done_on is not None
    client.post(reverse("cockpit:step-done", args=[planned.pk]), {"done": "0"})
    planned.refresh_from_db()
    assert planned.done_on is None
    client.post(reverse("cockpit:step-delete", args=[planned.pk]))
    assert PlanningStep.objects.filter(pk=planned.pk).exists()
    client.post(reverse("cockpit:step-delete", args=[planned.pk]), {"bevestigd": "1"})
    assert not PlanningStep.objects.filter(pk=planned.pk).exists()


def test_a_reviewer_sees_the_planning_but_cannot_change_it() -> None:
    world = school()
    planned = step(world, StepKind.RUN, TODAY)
    client = client_for(world.reviewer)
    html = client.get(reverse("cockpit:planning") + f"?jaar={YEAR}").content.decode()
    assert "Matching uitvoeren" in html
    assert reverse("cockpit:step-edit", args=[planned.pk]) not in html
    assert client.post(reverse("cockpit:step-done", args=[planned.pk])).status_code == 403


def test_a_late_step_is_mailed_to_its_owner_once() -> None:
    world = school()
    late = step(world, StepKind.RUN, TODAY - dt.timedelta(days=2), owner=world.reviewer)
    step(world, StepKind.RELEASE, TODAY + dt.timedelta(days=2))  # not late
    step(world, StepKind.REVIEW, TODAY - dt.timedelta(days=2), done_on=TODAY)  # done
    institution_id = world.round.institution_id
    assert services.overdue_mail(institution_id, TODAY) == 1
    services.overdue_mail(institution_id, TODAY)
    [message] = OutboxMessage.objects.filter(kind=services.OVERDUE_KIND)
    assert message.recipient == world.reviewer
    rendered = RENDERERS[services.OVERDUE_KIND](message)
    assert rendered is not None
    subject, body = rendered[0], rendered[1]
    assert subject == "Te laat in de planning: Matching uitvoeren"
    assert "27 november 2026" in body
    # Done before the mail went out: the mail is no longer needed.
    services.planning_step_done(step=late, done=True)
    assert RENDERERS[services.OVERDUE_KIND](message) is None


def test_the_beat_task_mails_every_school() -> None:
    from cockpit.tasks import planning_overdue_task

    world, other = school(), school(n_students=2, capacities=(1,))
    step(world, StepKind.RUN, dt.date(2020, 9, 1))
    step(other, StepKind.RUN, dt.date(2020, 9, 1))
    assert planning_overdue_task() == 2
