"""The stappenplan dashboard: phases with their status, figures and next action, per school."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from cockpit.models import StepKind, school_year_of
from cockpit.selectors.stappenplan import Step, dashboard
from companies.models import AgreementSignature
from students.models import LearningProfile, ProfileStatus

from .helpers import YEAR, client_for, school, step

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _steps(data: dict) -> dict[str, Step]:
    return {s.code: s for phase in data["phases"] for s in phase.steps}


def test_school_year_runs_from_august() -> None:
    assert school_year_of(dt.date(2026, 8, 1)) == 2026
    assert school_year_of(dt.date(2027, 7, 31)) == 2026
    assert school_year_of(dt.date(2026, 7, 31)) == 2025


def test_phases_show_the_figures_and_the_next_action() -> None:
    world = school()
    institution_id = world.round.institution_id
    LearningProfile.objects.filter(student=world.students[0]).update(status=ProfileStatus.DRAFT)
    AgreementSignature.objects.filter(company=world.contacts[0].company).delete()
    steps = _steps(dashboard(institution_id, YEAR, TODAY))
    assert steps["A1"].status == "klaar"  # a coordinator and two reviewers
    assert steps["B3"].figures == "2 van 3 actieve bedrijven tekenden de huidige overeenkomst"
    assert steps["B3"].action.startswith("1 bedrijf heeft de overeenkomst nog niet getekend")
    assert steps["B3"].url == reverse("companies:staff-list")
    assert steps["C3"].figures == "5 van 6 studenten diende het formulier in"
    assert steps["C3"].status == "bezig"
    assert steps["C4"].figures == "1 rondes dit schooljaar, 0 bekendgemaakt"
    assert steps["C5"].status == "te-doen"


def test_a_late_planning_step_makes_its_phase_late() -> None:
    world = school()
    step(world, StepKind.INTAKE_CLOSE, TODAY - dt.timedelta(days=1))
    LearningProfile.objects.filter(student=world.students[0]).update(status=ProfileStatus.DRAFT)
    data = dashboard(world.round.institution_id, YEAR, TODAY)
    assert _steps(data)["C3"].status == "te-laat"
    assert data["phases"][2].status == "te-laat"
    assert [s.kind for s in data["overdue"]] == [StepKind.INTAKE_CLOSE]


def test_a_programme_is_ready_with_places_agreements_contact_and_planning() -> None:
    world = school(n_students=5, capacities=(2, 2, 1))
    institution_id = world.round.institution_id
    [row] = dashboard(institution_id, YEAR, TODAY)["readiness"]
    assert (row["enough_places"], row["agreements"], row["contact"], row["planning"]) == (
        True,
        True,
        False,
        False,
    )
    for kind in (StepKind.INTAKE_CLOSE, StepKind.RUN, StepKind.RELEASE):
        step(world, kind, TODAY + dt.timedelta(days=30))
    [row] = dashboard(institution_id, YEAR, TODAY)["readiness"]
    assert row["ready"] is True


def test_the_page_links_each_action_and_shows_only_the_own_school() -> None:
    world = school()
    other = school(n_students=2, capacities=(1,))
    step(other, StepKind.RUN, TODAY - dt.timedelta(days=3))
    html = client_for(world.coordinator).get(reverse("cockpit:dashboard")).content.decode()
    assert "Stappenplan stagematching" in html
    assert f'href="{reverse("matching:round-create")}"' not in html  # the round exists
    assert "6 van 6 studenten diende het formulier in" in html
    assert "Te laat" not in html  # the other school's late step
    assert not re.search(r"2 van 2 studenten", html)


def test_the_page_is_in_english_too() -> None:
    world = school()
    client = client_for(world.coordinator)
    client.post(reverse("set_language"), {"language": "en"})
    html = client.get(reverse("cockpit:dashboard")).content.decode()
    assert "Within the school" in html
    # The request left English active in this thread: later tests in it expect Dutch.
    translation.activate(settings.LANGUAGE_CODE)
