from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Role, User
from companies.models import Company
from companies.selectors import offers_for_matching, recognised_pairs
from matching.engine import Location, RoundSettings, StudentProfile, score_pairs
from matching.engine.reasons import MODE
from matching.engine.types import Transport
from matching.engine_input import offer_profiles
from programmes.models import WorkProcess

from .models import Student

HINT_WIDEN_MINUTES = 15


def students_visible_to(user: User) -> QuerySet[Student]:
    """Students a staff member may see: a counsellor only their own, others the institution's."""
    qs = Student.objects.filter(programme__institution=user.institution_id)
    if user.role == Role.REVIEWER:
        qs = qs.filter(counsellor=user)
    return qs


def student_search(qs: QuerySet[Student], query: str) -> QuerySet[Student]:
    if not query:
        return qs
    return qs.filter(
        Q(student_number__icontains=query)
        | Q(user__full_name__icontains=query)
        | Q(user__email__icontains=query)
    )


def recognised_companies_for(student: Student) -> QuerySet[Company]:
    """Companies whose latest SBB check says recognised for the student's crebo."""
    pairs = recognised_pairs(student.programme.institution_id, crebo=student.programme.crebo)
    ids = [company_id for company_id, _crebo in pairs]
    return Company.objects.filter(pk__in=ids).select_related("place").order_by("legal_name")


def _count(
    student: Student, data: dict[str, Any], offers: list[Any], extra_minutes: int = 0
) -> int:
    place = data["home_place"]
    wps = dict(
        WorkProcess.objects.filter(pk__in=data.get("work_process_ids") or []).values_list(
            "pk", "code"
        )
    )
    wished = tuple(wps[i] for i in data.get("work_process_ids") or [] if i in wps)
    profile = StudentProfile(
        id="hint",
        crebo=student.programme.crebo,
        level=student.programme.level,
        location=Location(place.latitude, place.longitude),
        transport=Transport(data.get("transport_mode") or Transport.BIKE),
        max_travel_minutes=(data.get("max_travel_minutes") or 30) + extra_minutes,
        work_processes=wished,
        extra_places=frozenset(str(p.pk) for p in data.get("extra_places") or []),
        needs_extra_supervision=bool(data.get("needs_extra_supervision")),
        available_from=data.get("available_from"),
        available_until=data.get("available_until"),
        hours_per_week=data.get("hours_per_week"),
    )
    table = score_pairs([profile], offers, RoundSettings())
    companies = set()
    for k in range(len(table)):
        if not wished or table.wp_covered[k] > 0:
            companies.add(table.offers[int(table.offer_idx[k])].company_id)
    return len(companies)


def reach_hint(*, student: Student, data: dict[str, Any]) -> dict[str, Any]:
    """How many recognised companies within reach offer what the student wants to practise."""
    if not data.get("home_place"):
        return {
            "count": None,
            "text": _("Kies je vertrekplaats; dan zie je hoeveel leerbedrijven je kunt bereiken."),
        }
    offers = offer_profiles(
        offers_for_matching(student.programme.institution_id)
        .filter(programme=student.programme)
        .prefetch_related("work_processes")
    )
    n = _count(student, data, offers)
    minutes = data.get("max_travel_minutes") or 30
    mode = MODE["nl"][str(data.get("transport_mode") or Transport.BIKE)]
    if n:
        text = ngettext(
            "%(n)s leerbedrijf binnen %(m)s minuten %(mode)s biedt dit aan.",
            "%(n)s leerbedrijven binnen %(m)s minuten %(mode)s bieden dit aan.",
            n,
        ) % {"n": n, "m": minutes, "mode": mode}
        return {"count": n, "text": text}
    wider = _count(student, data, offers, HINT_WIDEN_MINUTES)
    text = _("Geen leerbedrijf binnen %(m)s minuten %(mode)s biedt dit aan.") % {
        "m": minutes,
        "mode": mode,
    }
    if wider:
        text += " " + _("Met %(m)s minuten reistijd zijn het er %(n)s.") % {
            "m": minutes + HINT_WIDEN_MINUTES,
            "n": wider,
        }
    else:
        text += " " + _(
            "Probeer ander vervoer, een langere reistijd, een extra plaats of andere werkprocessen."
        )
    return {"count": 0, "text": text}
