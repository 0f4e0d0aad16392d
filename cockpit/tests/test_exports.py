"""Every staff list as CSV and XLSX through the shared export writer: Dutch Excel conventions,
formula-safe cells, and only what the reader may see."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cockpit.selectors.lists import LISTS
from companies.models import Company
from followup.services import guidance
from placements.models import Placement
from placements.services import own_placement_decide
from students.models import OwnPlacement, Student

from .helpers import YEAR, client_for, released, school

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def _xlsx(response) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(response.getvalue()), read_only=True).active
    assert sheet is not None
    return list(sheet.iter_rows(values_only=True))


@pytest.mark.parametrize("name", list(LISTS))
def test_every_list_downloads_as_csv_and_xlsx(name: str) -> None:
    world = school()
    client = client_for(world.coordinator)
    url = reverse("cockpit:export", args=[name]) + f"?jaar={YEAR}"
    response = client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = _csv(response)
    workbook = _xlsx(client.get(url + "&formaat=xlsx"))
    assert [str(h) for h in workbook[0]] == rows[0]
    assert len(workbook) == len(rows)


def test_students_in_dutch_with_only_the_readers_own_students() -> None:
    world = school(n_students=4)
    rows = _csv(client_for(world.coordinator).get(reverse("cockpit:export", args=["studenten"])))
    assert rows[0][:4] == ["studentnummer", "naam", "e-mailadres", "opleiding"]
    assert len(rows) == 5
    assert rows[1][7] == "Ingediend"
    # reviewer2 counsels nobody: the header only.
    rows = _csv(client_for(world.reviewer2).get(reverse("cockpit:export", args=["studenten"])))
    assert len(rows) == 1
    # Another school's coordinator sees none of these students.
    other = school(n_students=1, capacities=(1,))
    rows = _csv(client_for(other.coordinator).get(reverse("cockpit:export", args=["studenten"])))
    assert len(rows) == 2


def test_cells_are_formula_safe_and_dates_dutch() -> None:
    world = school()
    Company.objects.filter(pk=world.contacts[0].company_id).update(legal_name="=1+1 BV")
    client = client_for(world.coordinator)
    rows = _csv(client.get(reverse("cockpit:export", args=["aanbod"])))
    assert "'=1+1 BV" in [r[0] for r in rows]
    assert rows[1][4] == "01-02-2027"
    sheet = _xlsx(client.get(reverse("cockpit:export", args=["aanbod"]) + "?formaat=xlsx"))
    assert "=1+1 BV" in [r[0] for r in sheet]  # a text cell, not a formula
    assert isinstance(sheet[1][4], dt.datetime)


def test_placements_list_what_is_known() -> None:
    world = school()
    own = OwnPlacement.objects.create(
        student=world.students[0],
        company=world.contacts[0].company,
        period_start=dt.date(2027, 2, 1),
        period_end=dt.date(2027, 6, 30),
    )
    own_placement_decide(placement=own, approve=True, reason="", by=world.coordinator)
    rows = _csv(client_for(world.coordinator).get(reverse("cockpit:export", args=["plaatsingen"])))
    assert len(rows) == 2
    assert rows[1][0] == world.students[0].student_number
    assert rows[1][6] == "Eigen stageplek"
    rows = _csv(client_for(world.reviewer2).get(reverse("cockpit:export", args=["plaatsingen"])))
    assert len(rows) == 1


def test_an_unknown_list_is_not_found() -> None:
    world = school()
    response = client_for(world.coordinator).get(reverse("cockpit:export", args=["geheim"]))
    assert response.status_code == 404


PERSONAL = ["studenten", "plaatsingen", "eigen-stageplekken", "contactmomenten", "meldingen"]


def test_a_reviewer_exports_only_their_own_students() -> None:
    world = school()
    released(world)
    placement = Placement.objects.filter(student__in=world.students)[0]
    guidance.contact_add(
        placement=placement,
        date=placement.start_date + dt.timedelta(days=14),
        kind="on_site",
        participants="student, praktijkopleider",
        notes="Geheime notitie",
        held=False,  # planned: a moment in the placement's period, ahead
        by=world.coordinator,
    )
    guidance.signal_report(
        placement=placement,
        by=placement.student.user,
        what="Iets naars",
        when="gisteren",
        who_knows="",
        anonymous=True,
    )
    url = lambda name: reverse("cockpit:export", args=[name]) + f"?jaar={YEAR}"  # noqa: E731
    coordinator, counsellor = client_for(world.coordinator), client_for(world.counsellor)
    stranger = client_for(world.reviewer2)  # counsels nobody
    for name in PERSONAL:
        assert len(_csv(stranger.get(url(name)))) == 1, name  # the header only
        assert _csv(counsellor.get(url(name))) == _csv(coordinator.get(url(name))), name
    moments = _csv(coordinator.get(url("contactmomenten")))
    assert moments[1][3:] == ["15-02-2027", "Op locatie", "nee"]
    assert "Geheime notitie" not in str(moments)
    signals = _csv(coordinator.get(url("meldingen")))
    assert signals[0] == ["opleiding", "status", "aantal meldingen"] and signals[1][2] == "1"
    assert "Iets naars" not in str(signals)


def test_decimals_have_a_comma_in_csv_and_are_numbers_in_xlsx() -> None:
    world = school(n_students=3, capacities=(2, 2))
    Student.objects.filter(programme=world.programme).update(cohort=YEAR)
    released(world)
    client = client_for(world.coordinator)
    url = reverse("cockpit:stagepact") + f"?jaar={YEAR}"
    rows = {r[1]: r for r in _csv(client.get(url + "&formaat=csv"))}
    assert rows["Plaatsingsgraad"][3] == "100,0"
    sheet = {r[1]: r for r in _xlsx(client.get(url + "&formaat=xlsx"))}
    assert sheet["Plaatsingsgraad"][3] == 100
