"""The Stagepact report: aggregates of first-year BOL students of the programmes that took
part, as a page and as a file; what the app does not record is shown as not recorded."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cockpit.selectors.stagepact import report
from matching.models import Match, Objection, ObjectionStatus
from matching.tests.conftest import to_review
from students.models import LearningProfile, ProfileStatus, Student

from .helpers import YEAR, client_for, school

pytestmark = pytest.mark.django_db


def _figures(institution_id: int) -> dict[str, object]:
    return {f.label: f.value for f in report(institution_id, YEAR)["figures"]}


def test_the_figures_of_a_year() -> None:
    world = school(n_students=6)
    Student.objects.filter(programme=world.programme).update(cohort=YEAR)
    LearningProfile.objects.filter(student=world.students[5]).update(status=ProfileStatus.OPTED_OUT)
    to_review(world)
    match = Match.objects.filter(round=world.round, offer__isnull=False).first()
    assert match is not None
    Objection.objects.create(match=match, reason="Te ver", status=ObjectionStatus.REJECTED)
    figures = _figures(world.round.institution_id)
    assert figures["Opleidingen die meedoen"] == 1
    assert figures["Eerstejaars bol-studenten in die opleidingen"] == 6
    assert figures["Van hen: zoeken zelf een stage"] == 1
    assert figures["Bezwaren tegen een match"] == 1
    assert figures["Bezwaren afgewezen"] == 1
    assert figures["Meldingen van discriminatie of ongewenst gedrag"] == 0
    assert figures["Evaluaties ingevuld"] == 0
    assert figures["Paste de plek? (1-5)"] is None  # no evaluations: no figure, not a zero


def test_the_report_has_no_names_and_downloads() -> None:
    world = school()
    Student.objects.filter(programme=world.programme).update(cohort=YEAR)
    client = client_for(world.coordinator)
    page = client.get(reverse("cockpit:stagepact") + f"?jaar={YEAR}").content.decode()
    assert "Plaatsingsgraad" in page and "geen gegevens" in page
    for student in world.students:
        assert student.user.full_name not in page
        assert student.student_number not in page
    response = client.get(reverse("cockpit:stagepact") + f"?jaar={YEAR}&formaat=xlsx")
    sheet = load_workbook(io.BytesIO(response.getvalue()), read_only=True).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("onderdeel", "cijfer", "aantal", "percentage of gemiddelde", "eenheid")
    assert ("Deelname", "Eerstejaars bol-studenten in die opleidingen", 6) in [r[:3] for r in rows]
