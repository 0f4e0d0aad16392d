from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Role, User
from companies.models import Company, RecognitionOutcome
from companies.selectors import latest_outcome, offers_for_matching
from matching.engine import OfferProfile, Transport, profile_options, travel_mode
from programmes.models import WorkProcess

from .engine_bridge import (
    DEFAULT_TRAVEL_MINUTES,
    draft_student_profile,
    offer_profiles,
    offer_rows,
    round_settings,
)
from .models import LearningProfile, Student

HINT_WIDEN_MINUTES = 15


def profile_of(student: Student) -> LearningProfile:
    """The student's learning profile, or an unsaved empty one ("not started").

    Pages only read: the profile row is written by the import that creates the student, or by
    the first save of the form (`services.profile_save`), never by opening a page.
    """
    return LearningProfile.objects.filter(student=student).first() or LearningProfile(
        student=student
    )


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
    """Companies whose latest SBB check says recognised for the student's crebo (for a select
    of their names: only the name is loaded, the check is a subquery)."""
    return (
        Company.objects.filter(institution=student.programme.institution_id)
        .alias(recognition=latest_outcome(OuterRef("pk"), student.programme.crebo))
        .filter(recognition=RecognitionOutcome.RECOGNISED)
        .only("pk", "legal_name")
        .order_by("legal_name")
    )


def _reachable_companies(
    student: Student, data: dict[str, Any], offers: list[OfferProfile], extra_minutes: int = 0
) -> int:
    """Companies with an offer the draft profile may be matched to that covers at least one
    wished work process (or any eligible offer while none is wished)."""
    ids = data.get("work_process_ids") or []
    codes = dict(WorkProcess.objects.filter(pk__in=ids).values_list("pk", "code"))
    wished = tuple(codes[i] for i in ids if i in codes)
    profile = draft_student_profile(
        student=student, data=data, work_process_codes=wished, extra=extra_minutes
    )
    company_of = {o.id: o.company_id for o in offers}
    options = profile_options(profile, offers, round_settings(None))
    return len(
        {
            company_of[option.offer]
            for option in options
            if not wished or option.criterion("work_processes").params.get("covered", 0) > 0
        }
    )


def reach_hint(*, student: Student, data: dict[str, Any]) -> dict[str, Any]:
    """How many recognised companies within reach offer what the student wants to practise."""
    if not data.get("home_place"):
        return {
            "count": None,
            "text": _("Kies je vertrekplaats; dan zie je hoeveel leerbedrijven je kunt bereiken."),
        }
    offers = offer_profiles(
        offer_rows(
            offers_for_matching(student.programme.institution_id).filter(
                programme=student.programme
            )
        )
    )
    n = _reachable_companies(student, data, offers)
    minutes = data.get("max_travel_minutes") or DEFAULT_TRAVEL_MINUTES
    mode = travel_mode(str(data.get("transport_mode") or Transport.BIKE))
    if n:
        text = ngettext(
            "%(n)s leerbedrijf binnen %(m)s minuten %(mode)s biedt dit aan.",
            "%(n)s leerbedrijven binnen %(m)s minuten %(mode)s bieden dit aan.",
            n,
        ) % {"n": n, "m": minutes, "mode": mode}
        return {"count": n, "text": text}
    wider = _reachable_companies(student, data, offers, HINT_WIDEN_MINUTES)
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
