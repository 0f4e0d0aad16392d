"""The signed POKs of the school as the student information system's BPV record: one row per
fully signed agreement, through the project's one export writer (`spreadsheets.exports`:
formula-safe cells, Dutch Excel conventions, CSV or XLSX)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from placements.models import Placement, PlacementStatus
from spreadsheets.exports import DATE, INTEGER, Column, Table

from .models import Agreement, AgreementStatus
from .selectors import placements_of

COLUMNS = [
    Column(_("studentnummer")),
    Column(_("volgnummer bpv"), INTEGER),
    Column(_("leerbedrijf-ID (SBB)")),
    Column(_("KvK-nummer")),
    Column(_("vestigingsnummer")),
    Column(_("crebo")),
    Column(_("leerweg")),
    Column(_("begindatum"), DATE),
    Column(_("geplande einddatum"), DATE),
    Column(_("werkelijke einddatum"), DATE),
    Column(_("totaal uren"), INTEGER),
    Column(_("uren per week"), INTEGER),
    Column(_("dagen per week"), INTEGER),
    Column(_("datum overeenkomst opgesteld"), DATE),
    Column(_("datum volledig ondertekend"), DATE),
    Column(_("status bpv")),
]


def actual_end(placement: Placement) -> dt.date | None:
    """The last day the placement ran: the day before an early end, the planned end once it
    is over, nothing while it runs."""
    if placement.status == PlacementStatus.ENDED_EARLY and placement.ended_on:
        return max(placement.start_date, placement.ended_on - dt.timedelta(days=1))
    if placement.status == PlacementStatus.COMPLETED or placement.end_date < timezone.localdate():
        return placement.end_date
    return None


def _sequence_numbers(student_ids: set[int]) -> dict[int, int]:
    """Each placement's number among its student's placements (1 = the first, by start)."""
    numbers: dict[int, int] = {}
    seen: dict[int, int] = {}
    rows = Placement.objects.filter(student_id__in=student_ids, visible_from__isnull=False)
    for pk, student_id in rows.order_by("student_id", "start_date", "pk").values_list(
        "pk", "student_id"
    ):
        seen[student_id] = seen.get(student_id, 0) + 1
        numbers[pk] = seen[student_id]
    return numbers


def _day(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment else None


def _rows(user: User) -> Iterator[list[Any]]:
    agreements = list(
        Agreement.objects.filter(status=AgreementStatus.COMPLETE, placement__in=placements_of(user))
        .select_related("placement__student__programme", "placement__company")
        .defer(*Agreement.LARGE_FIELDS)
        .order_by("placement__student__student_number", "placement__start_date", "pk")
    )
    numbers = _sequence_numbers({a.placement.student_id for a in agreements})
    for agreement in agreements:
        p = agreement.placement
        student, company = p.student, p.company
        yield [
            student.student_number,
            numbers.get(p.pk),
            company.sbb_id,
            company.kvk_number,
            company.branch_number,
            student.programme.crebo,
            student.programme.pathway,
            p.start_date,
            p.end_date,
            actual_end(p),
            agreement.total_hours,
            agreement.hours_per_week,
            agreement.days_per_week,
            _day(agreement.created_at),
            _day(agreement.completed_at),
            p.get_status_display(),
        ]


def signed_agreements_table(user: User) -> Table:
    """The school's fully signed POKs that `user` may see (scoped like the follow-up list)."""
    return Table("praktijkovereenkomsten-bpv", COLUMNS, _rows(user))
