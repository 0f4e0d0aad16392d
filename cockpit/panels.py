"""What a coordinator works from on the staff pages of a student and a company (registered in
`students.portal` and `companies.panels`, which sit below the placement apps):

- a student: their placements once released, with the company, the POK's status, the
  introductory meeting, the contact moments and whom to contact (praktijkopleider, bpv-docent);
- a company: its placements once released, the refusals after a match, the end evaluations
  (averages and count; the remarks stay on each placement's page).

A placement is shown from its release moment (`visible_from`), never before: until then nobody
may know the match. Each panel is a fixed number of queries, however many placements.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Avg, Count, Q, QuerySet

from companies.models import Company, CompanyContact
from followup.models import ContactKind, Ending, EndReason, Evaluation, EvaluationParty
from followup.selectors import CONTACTS_NEEDED, ON_SITE_NEEDED
from placements.models import Placement
from placements.selectors import known
from students.models import LearningProfile, Student


def _known(placements: QuerySet[Placement]) -> QuerySet[Placement]:
    """Placements the parties know of (`placements.selectors.known`), with what the row shows."""
    held = Q(contacts__held=True)
    return (
        placements.filter(known())
        .select_related(
            "student__user",
            "student__programme",
            "company",
            "agreement",
            "intro_meeting",
            "supervision__teacher",
            "ending",
        )
        .annotate(
            n_held=Count("contacts", filter=held, distinct=True),
            n_site=Count(
                "contacts", filter=held & Q(contacts__kind=ContactKind.ON_SITE), distinct=True
            ),
        )
        .order_by("-start_date", "-pk")
    )


def _related(placement: Placement, name: str) -> Any:
    """A reverse one-to-one that may not exist yet (no POK, no meeting, no ending)."""
    return getattr(placement, name, None)


def _row(p: Placement) -> dict[str, Any]:
    held, on_site = int(vars(p)["n_held"]), int(vars(p)["n_site"])
    supervision = _related(p, "supervision")
    return {
        "placement": p,
        "agreement": _related(p, "agreement"),
        "intro": _related(p, "intro_meeting"),
        "teacher": supervision.teacher if supervision else None,
        "ending": _related(p, "ending"),
        "held": held,
        "on_site": on_site,
        "contacts_ok": held >= CONTACTS_NEEDED and on_site >= ON_SITE_NEEDED,
    }


def student_panel(student: Student, profile: LearningProfile | None) -> dict[str, Any]:
    rows = [_row(p) for p in _known(Placement.objects.filter(student=student))]
    companies = {r["placement"].company_id for r in rows}
    contacts: dict[int, list[CompanyContact]] = {}
    for contact in CompanyContact.objects.filter(company__in=companies).select_related("user"):
        contacts.setdefault(contact.company_id, []).append(contact)
    for row in rows:
        row["contacts"] = contacts.get(row["placement"].company_id, [])
    return {"rows": rows, "needed": CONTACTS_NEEDED, "on_site_needed": ON_SITE_NEEDED}


def company_panel(company: Company) -> dict[str, Any]:
    placements = Placement.objects.filter(company=company)
    rows = [_row(p) for p in _known(placements)]
    refusals = list(
        Ending.objects.filter(placement__company=company, reason=EndReason.REFUSAL)
        .select_related("placement__student__user")
        .order_by("-at")
    )
    evaluations = Evaluation.objects.filter(placement__company=company)
    by_party = list(
        evaluations.values("party")
        .annotate(
            n=Count("id"),
            match=Avg("match_score"),
            guidance=Avg("guidance_score"),
            objective=Avg("objective_score"),
        )
        .order_by("party")
    )
    for row in by_party:
        row["label"] = EvaluationParty(row["party"]).label
    return {"rows": rows, "refusals": refusals, "evaluations": by_party}
