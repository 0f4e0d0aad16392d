"""The Stagepact report: aggregates of first-year BOL students of the programmes that took
part, as a page and as a file; what the app does not record is shown as not recorded."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cockpit.selectors.stagepact import report, report_table
from matching.models import Match, Objection, ObjectionStatus, Round, RoundStatus
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


def test_the_fairness_table_suppresses_small_groups_and_the_pdf_downloads() -> None:
    world = school(n_students=24, capacities=(4, 4, 4))
    Student.objects.filter(programme=world.programme).update(cohort=YEAR)
    to_review(world)
    Round.objects.filter(pk=world.round.pk).update(status=RoundStatus.RELEASED)
    data = report(world.round.institution_id, YEAR)
    groups = {g.group: (g.students_shown, g.rate, gap) for g, gap in data["fairness"]}
    assert groups["Hele cohort"][0] == "24"
    assert groups["Extra begeleiding: zonder extra begeleiding"][2] == 0.0
    client = client_for(world.coordinator)
    page = client.get(reverse("cockpit:stagepact") + f"?jaar={YEAR}").content.decode()
    assert "Eerlijkheid per groep" in page and "Woongemeente: Nijmegen" in page
    response = client.get(reverse("cockpit:stagepact") + f"?jaar={YEAR}&formaat=pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    # Few students: every group is suppressed, in the file too.
    small = school(n_students=4, capacities=(2, 2))
    to_review(small)
    Round.objects.filter(pk=small.round.pk).update(status=RoundStatus.RELEASED)
    rows = report_table(report(small.round.institution_id, YEAR)).rows
    fairness_rows = [r for r in rows if r[0] == "Eerlijkheid"]
    assert fairness_rows and all(r[2] is None and r[3] is None for r in fairness_rows)


def test_a_rate_that_would_give_away_a_small_count_is_not_shown() -> None:
    """18 students at 44.4 % is 8 placed: the placed (or unplaced) count under 10 hides the
    rate and gap too, not only the count."""
    from cockpit.selectors.fairness import GroupRow

    assert GroupRow("a", 18, 8).rate is None and GroupRow("a", 18, 8).placed_shown == "< 10"
    assert GroupRow("b", 19, 10).rate is None  # 9 not placed
    assert GroupRow("c", 19, 0).rate is None
    assert GroupRow("d", 20, 10).rate == 50.0
    assert GroupRow("e", 25, 22).placed_shown == "–" and GroupRow("e", 25, 22).rate is None
