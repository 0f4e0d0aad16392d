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

from .models import Agreement, AgreementStatus, Party
from .pok_fields import agreement_rows


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
    ]
    if agreement.status != AgreementStatus.DRAFT and agreement.snapshot_hash:
        story.append(
            Paragraph(
                escape(
                    _("Versie %(v)s, verstuurd op %(at)s. Controlegetal (SHA-256): %(h)s")
                    % {
                        "v": agreement.version,
                        "at": date_format(timezone.localtime(agreement.sent_at), "DATETIME_FORMAT")
                        if agreement.sent_at
                        else "",
                        "h": agreement.snapshot_hash,
                    }
                ),
                small,
            )
        )
    story.append(Spacer(1, 0.4 * cm))
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
