"""What a POK says (the fields of WEB 7.2.8(2)), as plain data: read live from the placement,
company, student and offer while it is a concept, and frozen in `Agreement.snapshot` when it
is sent, with the SHA-256 of its canonical form. The page, the PDF and the guardian's page
render the snapshot once sent, and each signature records the hash it signed, so what a party
signs cannot change underneath them."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from companies.models import CompanyContact

from .models import Agreement, AgreementStatus, Supervision


def _work_processes(agreement: Agreement) -> list[list[str]]:
    placement = agreement.placement
    wished = placement.wishes.get("work_processes") or []
    if wished:
        return [[str(code), str(name)] for code, name in wished]
    if placement.offer is not None:
        return [[wp.code, wp.name] for wp in placement.offer.work_processes.all()]
    return []


def live_fields(agreement: Agreement) -> dict[str, Any]:
    """The POK's fields as they are now in the database (language-independent)."""
    p = agreement.placement
    student, company = p.student, p.company
    programme = student.programme
    contact = CompanyContact.objects.filter(company=company).select_related("user").first()
    supervision = Supervision.objects.filter(placement=p).select_related("teacher").first()
    location = p.offer.location if p.offer and p.offer.location else company.place
    return {
        "school": programme.institution.name,
        "student_name": student.user.full_name,
        "student_number": student.student_number,
        "company_name": company.legal_name,
        "company_kvk": company.kvk_number,
        "company_street": company.street,
        "company_postcode": company.postcode,
        "company_location": str(location),
        "trainer": contact.user.full_name if contact else "",
        "teacher": supervision.teacher.full_name if supervision else "",
        "programme": programme.name,
        "crebo": programme.crebo,
        "start": p.start_date.isoformat(),
        "end": p.end_date.isoformat(),
        "total_hours": agreement.total_hours,
        "hours_per_week": agreement.hours_per_week,
        "days_per_week": agreement.days_per_week,
        "work_processes": _work_processes(agreement),
        "assessment": agreement.assessment,
        "guidance": agreement.guidance,
        "early_end": agreement.early_end,
        "needs_guardian": agreement.needs_guardian,
    }


def fingerprint(fields: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of `fields` (sorted keys, no spaces, UTF-8)."""
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def fields_of(agreement: Agreement) -> dict[str, Any]:
    """What the POK says: the frozen snapshot once sent, the live data while a concept."""
    if agreement.status != AgreementStatus.DRAFT and agreement.snapshot:
        return dict(agreement.snapshot)
    return live_fields(agreement)


def changed_since_sent(agreement: Agreement) -> bool:
    """Whether the data behind a sent POK differs from what was sent (and signed)."""
    if agreement.status == AgreementStatus.DRAFT or not agreement.snapshot_hash:
        return False
    return fingerprint(live_fields(agreement)) != agreement.snapshot_hash


def _day(iso: str) -> str:
    return date_format(dt.date.fromisoformat(iso))


def rows_of(f: dict[str, Any]) -> list[tuple[str, str]]:
    """The fields in order, as (label, value): the page, the PDF and the guardian see these."""
    unknown = _("nog niet bekend")
    processes = ", ".join(f"{code} {name}" for code, name in f["work_processes"])
    return [
        (_("School"), f["school"]),
        (_("Student"), f"{f['student_name']} ({_('studentnummer')} {f['student_number']})"),
        (
            _("Leerbedrijf"),
            f"{f['company_name']}, {_('KvK')} {f['company_kvk']}, {f['company_street']}, "
            f"{f['company_postcode']} {f['company_location']}",
        ),
        (_("Praktijkopleider"), f["trainer"] or unknown),
        (_("Bpv-docent"), f["teacher"] or unknown),
        (_("Opleiding"), f"{f['programme']}, {_('crebo')} {f['crebo']}"),
        (_("Periode"), f"{_day(f['start'])} – {_day(f['end'])}"),
        (
            _("Uren"),
            _("%(total)s uur in totaal, %(week)s uur per week over %(days)s dagen")
            % {
                "total": f["total_hours"],
                "week": f["hours_per_week"],
                "days": f["days_per_week"],
            },
        ),
        (
            _("Deel van de kwalificatie (werkprocessen)"),
            processes or _("zie het opleidingsplan"),
        ),
        (_("Beoordeling"), f["assessment"]),
        (_("Begeleiding"), f["guidance"]),
        (_("Eerder beëindigen"), f["early_end"]),
    ]


def agreement_rows(agreement: Agreement) -> list[tuple[str, str]]:
    return rows_of(fields_of(agreement))
