"""The POK as a PDF (ReportLab, its built-in Helvetica: no fonts or system packages needed),
with the fields of WEB 7.2.8(2) and the signatures so far."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from companies.models import CompanyContact

from .models import Agreement, Party, Supervision


def _work_processes(agreement: Agreement) -> str:
    placement = agreement.placement
    wished = placement.wishes.get("work_processes") or []
    if wished:
        return ", ".join(f"{code} {name}" for code, name in wished)
    if placement.offer is not None:
        return ", ".join(f"{wp.code} {wp.name}" for wp in placement.offer.work_processes.all())
    return _("zie het opleidingsplan")


def agreement_rows(agreement: Agreement) -> list[tuple[str, str]]:
    """The fields of the POK in order, as (label, value): the PDF and the page show these."""
    p = agreement.placement
    student, company = p.student, p.company
    programme = student.programme
    contact = CompanyContact.objects.filter(company=company).select_related("user").first()
    supervision = Supervision.objects.filter(placement=p).select_related("teacher").first()
    location = p.offer.location if p.offer and p.offer.location else company.place
    return [
        (_("School"), programme.institution.name),
        (
            _("Student"),
            f"{student.user.full_name} ({_('studentnummer')} {student.student_number})",
        ),
        (
            _("Leerbedrijf"),
            f"{company.legal_name}, {_('KvK')} {company.kvk_number}, {company.street}, "
            f"{company.postcode} {location}",
        ),
        (_("Praktijkopleider"), contact.user.full_name if contact else _("nog niet bekend")),
        (_("Bpv-docent"), supervision.teacher.full_name if supervision else _("nog niet bekend")),
        (_("Opleiding"), f"{programme.name}, {_('crebo')} {programme.crebo}"),
        (_("Periode"), f"{date_format(p.start_date)} – {date_format(p.end_date)}"),
        (
            _("Uren"),
            _("%(total)s uur in totaal, %(week)s uur per week over %(days)s dagen")
            % {
                "total": agreement.total_hours,
                "week": agreement.hours_per_week,
                "days": agreement.days_per_week,
            },
        ),
        (_("Deel van de kwalificatie (werkprocessen)"), _work_processes(agreement)),
        (_("Beoordeling"), agreement.assessment),
        (_("Begeleiding"), agreement.guidance),
        (_("Eerder beëindigen"), agreement.early_end),
    ]


def agreement_pdf(agreement: Agreement) -> bytes:
    styles = getSampleStyleSheet()
    body, small = styles["BodyText"], styles["Normal"]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, title=_("Praktijkovereenkomst"), leftMargin=2 * cm, rightMargin=2 * cm
    )
    story: list[Any] = [
        Paragraph(escape(_("Praktijkovereenkomst (beroepspraktijkvorming)")), styles["Title"]),
        Paragraph(
            escape(
                _("Volgens artikel 7.2.8 van de Wet educatie en beroepsonderwijs. Status: %(s)s.")
                % {"s": agreement.get_status_display()}
            ),
            small,
        ),
        Spacer(1, 0.4 * cm),
    ]
    table = Table(
        [
            [Paragraph(f"<b>{escape(label)}</b>", small), Paragraph(escape(value), body)]
            for label, value in agreement_rows(agreement)
        ],
        colWidths=[4.5 * cm, 12.5 * cm],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
            ]
        )
    )
    story += [table, Spacer(1, 0.6 * cm), Paragraph(escape(_("Ondertekening")), styles["Heading2"])]
    signed = {s.party: s for s in agreement.signatures.all()}
    rows = []
    for party in agreement.parties():
        s = signed.get(party)
        when = date_format(timezone.localtime(s.signed_at), "DATETIME_FORMAT") if s else ""
        rows.append(
            [
                Paragraph(escape(str(Party(party).label)), small),
                Paragraph(escape(f"{s.name} ({s.role})" if s else _("nog niet getekend")), small),
                Paragraph(escape(when), small),
            ]
        )
    story.append(Table(rows, colWidths=[4.5 * cm, 8 * cm, 4.5 * cm]))
    doc.build(story)
    return buffer.getvalue()
