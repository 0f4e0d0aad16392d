"""The export of signed POKs for the student information system, shaped like its BPV record,
as CSV and XLSX through the shared export writer, only the coordinator's own school."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import UserFactory
from companies.tests.factories import CompanyContactFactory, OfferFactory
from followup.models import Agreement
from followup.services import agreement as pok
from placements.services import placement_end_early
from students.tests.factories import StudentFactory

from .conftest import Life, make_placement

pytestmark = pytest.mark.django_db
URL = reverse("followup:agreements-export")
HEADER = [
    "studentnummer",
    "volgnummer bpv",
    "leerbedrijf-ID (SBB)",
    "KvK-nummer",
    "vestigingsnummer",
    "crebo",
    "leerweg",
    "begindatum",
    "geplande einddatum",
    "werkelijke einddatum",
    "totaal uren",
    "uren per week",
    "dagen per week",
    "datum overeenkomst opgesteld",
    "datum volledig ondertekend",
    "status bpv",
]


def _signed(placement, coordinator, signers) -> Agreement:
    agreement = pok.agreement_save(
        placement=placement, by=coordinator, total_hours=600, hours_per_week=32, days_per_week=4
    )
    pok.agreement_send(agreement=agreement, by=coordinator)
    for user in signers:
        pok.agreement_sign(agreement=agreement, by=user)
    agreement.refresh_from_db()
    return agreement


def _csv(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")  # Dutch Excel reads UTF-8 with a BOM
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def test_signed_pok_export_as_csv_and_xlsx_for_the_own_school_only(life: Life) -> None:
    company = life.contact.company
    company.sbb_id = "=HYPERLINK(1)"  # a formula in a cell must stay text
    company.branch_number = "000012345678"
    company.save()
    complete = _signed(
        life.placement, life.coordinator, [life.student.user, life.contact.user, life.coordinator]
    )
    assert complete.status == "complete"
    # The student's placement ended early: the actual end is the day before.
    ended_on = life.placement.start_date + dt.timedelta(days=20)
    placement_end_early(placement=life.placement, on=ended_on, reason="Stopt", by=life.coordinator)
    # A POK only sent (not signed by all) is left out.
    other = StudentFactory.create(
        user__institution=life.coordinator.institution, programme=life.student.programme
    )
    _signed(make_placement(other, life.placement.offer, life.coordinator), life.coordinator, [])
    # Another school's signed POK is never in this school's file.
    far = UserFactory.create(role=Role.COORDINATOR)
    far_contact = CompanyContactFactory.create(company__institution=far.institution)
    far_offer = OfferFactory.create(company=far_contact.company)
    far_student = StudentFactory.create(
        user__institution=far.institution, programme=far_offer.programme, student_number="VER999"
    )
    _signed(
        make_placement(far_student, far_offer, far),
        far,
        [far_student.user, far_contact.user, far],
    )

    coordinator = life.client(life.coordinator)
    response = coordinator.get(URL)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('praktijkovereenkomsten-bpv.csv"')
    rows = _csv(response.getvalue())
    p, today = life.placement, timezone.localdate()
    assert rows == [
        HEADER,
        [
            life.student.student_number,
            "1",
            "'=HYPERLINK(1)",
            company.kvk_number,
            "000012345678",
            life.student.programme.crebo,
            life.student.programme.pathway,
            f"{p.start_date:%d-%m-%Y}",
            f"{p.end_date:%d-%m-%Y}",
            f"{ended_on - dt.timedelta(days=1):%d-%m-%Y}",
            "600",
            "32",
            "4",
            f"{today:%d-%m-%Y}",
            f"{today:%d-%m-%Y}",
            "Voortijdig beëindigd",
        ],
    ]

    book = openpyxl.load_workbook(io.BytesIO(coordinator.get(URL, {"formaat": "xlsx"}).getvalue()))
    sheet = book.active
    assert sheet is not None
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0] == HEADER and len(values) == 2
    row = dict(zip(HEADER, values[1], strict=True))
    assert row["leerbedrijf-ID (SBB)"] == "=HYPERLINK(1)"
    assert sheet.cell(row=2, column=3).data_type == "s"  # text, never a formula
    assert row["totaal uren"] == 600 and row["volgnummer bpv"] == 1
    assert row["begindatum"] == dt.datetime.combine(p.start_date, dt.time())

    # Only a coordinator downloads it; the list links to it.
    assert life.client(life.reviewer).get(URL).status_code == 403
    page = coordinator.get(reverse("followup:list")).content.decode()
    assert URL in page
