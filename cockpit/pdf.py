"""The Stagepact report as a PDF, the way the POK is made (`followup.pdf`: ReportLab with its
built-in Helvetica, no fonts or system packages needed). Aggregates only; small groups of the
fairness table are suppressed as on the page."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

LINES = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
        ("ALIGN", (-1, 0), (-1, -1), "RIGHT"),
    ]
)


def _value(value: Any, unit: str = "") -> str:
    if value is None:
        return _("geen gegevens")
    shown = number_format(value) if isinstance(value, float) else str(value)
    return f"{shown} {unit}".strip()


def stagepact_pdf(data: dict[str, Any]) -> bytes:
    styles = getSampleStyleSheet()
    body, small = styles["BodyText"], styles["Normal"]
    year = data["year"]
    title = _("Stagepact-rapportage %(y)s-%(z)s") % {"y": year, "z": year + 1}
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=title, leftMargin=2 * cm, rightMargin=2 * cm)

    def cell(text: str, bold: bool = False) -> Paragraph:
        return Paragraph(f"<b>{escape(text)}</b>" if bold else escape(text), small)

    story: list[Any] = [
        Paragraph(escape(title), styles["Title"]),
        Paragraph(
            escape(
                _(
                    "De cijfers die de school over stagematching rapporteert: alleen totalen, "
                    "nooit een persoon. Eerstejaars bol-studenten (cohort %(y)s) van de "
                    "opleidingen die dit schooljaar een matchingsronde hadden."
                )
                % {"y": year}
            ),
            body,
        ),
        Spacer(1, 0.4 * cm),
    ]
    rows = [[cell(_("Onderdeel"), True), cell(_("Cijfer"), True), cell(_("Waarde"), True)]]
    rows += [
        [cell(f.section), cell(f.label), cell(_value(f.value, str(f.unit)))]
        for f in data["figures"]
    ]
    figures = Table(rows, colWidths=[3.5 * cm, 9.5 * cm, 4 * cm], repeatRows=1)
    figures.setStyle(LINES)
    story += [figures, Spacer(1, 0.6 * cm)]
    story.append(Paragraph(escape(_("Eerlijkheid per groep")), styles["Heading2"]))
    if data["fairness"]:
        rows = [
            [
                cell(_("Groep"), True),
                cell(_("Studenten"), True),
                cell(_("Geplaatst (%)"), True),
                cell(_("Verschil (procentpunt)"), True),
            ]
        ]
        rows += [
            [
                cell(group.group),
                cell(group.students_shown),
                cell(_value(group.rate) if not group.suppressed else "–"),
                cell("–" if gap is None else f"{gap:+.1f}".replace(".", ",")),
            ]
            for group, gap in data["fairness"]
        ]
        table = Table(rows, colWidths=[8.5 * cm, 2.5 * cm, 3 * cm, 3 * cm], repeatRows=1)
        table.setStyle(LINES)
        story += [
            table,
            Paragraph(escape(_("Groepen van minder dan 10 studenten worden niet getoond.")), small),
        ]
    else:
        story.append(Paragraph(escape(_("Nog geen bekendgemaakte ronde in dit schooljaar.")), body))
    story.append(Paragraph(escape(_("Opleidingen die meedoen")), styles["Heading2"]))
    for name, crebo, pathway in data["programmes"]:
        story.append(Paragraph(escape(f"{name} ({crebo}, {pathway})"), body))
    doc.build(story)
    return buffer.getvalue()
