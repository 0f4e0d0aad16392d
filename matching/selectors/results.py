"""Released results: the one gate that decides, on every route, whether a result is visible."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from followup.models import IntroMeeting
from matching.engine import plain, unplaced
from matching.models import Match, RoundStatus
from placements.models import Placement, PlacementStatus
from placements.selectors import company_placements, current_placement
from students.models import LearningProfile, Student

from .preferences import open_preference_rounds


def released_match_for(profile: LearningProfile, now: dt.datetime | None = None) -> Match | None:
    """The student's match, but only from the release moment on: the one gate for every route."""
    now = now or timezone.now()
    return (
        Match.objects.filter(
            profile=profile,
            round__status__in=[RoundStatus.RELEASED, RoundStatus.CLOSED],
            round__release_at__lte=now,
        )
        .select_related("round", "offer__company__place", "offer__programme", "offer__location")
        .order_by("-round__release_at")
        .first()
    )


def company_students(company_id: int, now: dt.datetime | None = None) -> QuerySet[Placement]:
    """The company's placed students: visible placements (from each one's release moment),
    with the wishes copied when the match was made, and the match for the intro meeting."""
    return company_placements(company_id, now).select_related("match", "intro_meeting__chosen")


def released_matches_for_company(
    company_id: int, now: dt.datetime | None = None
) -> QuerySet[Match]:
    now = now or timezone.now()
    return Match.objects.filter(
        offer__company_id=company_id,
        round__status__in=[RoundStatus.RELEASED, RoundStatus.CLOSED],
        round__release_at__lte=now,
    ).select_related("round", "offer__programme", "profile__student__user")


def unplaced_text(match: Match | None) -> str:
    """Why a student was not placed, in a sentence ("" when placed or unknown)."""
    reason = match.unplaced_reason if match else {}
    return unplaced(reason or {}, (get_language() or "nl")[:2])


def objection_moot(match: Match) -> str | None:
    """Why an objection against `match` no longer makes sense, or None. The match must still
    say where the student is: its placement runs, or (a match without a place) the student
    has found no placement since. A student re-placed or whose placement ended has moved on."""
    placement = match.placement
    if placement is not None and placement.status != PlacementStatus.ACTIVE:
        if placement.status == PlacementStatus.ENDED_EARLY and hasattr(placement, "replaced_by"):
            return _("Je bent herplaatst. Bezwaar tegen je eerdere match kan niet meer.")
        return _("Deze stage loopt niet meer. Bezwaar tegen deze match kan niet meer.")
    if placement is None and current_placement(match.profile.student) is not None:
        return _("Je hebt inmiddels een stageplek. Bezwaar tegen deze uitslag kan niet meer.")
    return None


def student_result(profile: LearningProfile) -> dict[str, Any]:
    """The student's result page: their placement (the ledger: a released match, an own
    placement or a re-placement), why it fits, and the objection state of the released match."""
    match = released_match_for(profile)
    placement = current_placement(profile.student)
    rnd = match.round if match else None
    # A student re-placed since (or whose placement ended) no longer objects to this match.
    moot = objection_moot(match) if match else None
    return {
        "match": match,
        "placement": placement,
        "criteria": placement.explanation.get("criteria", []) if placement else [],
        "objection": getattr(match, "student_objection", None) if match else None,
        "objection_moot": moot,
        # The introductory meeting lives on the placement (followup: the one record of it).
        "meeting": IntroMeeting.objects.filter(placement=placement).select_related("chosen").first()
        if placement
        else None,
        "objection_open": bool(rnd and rnd.objection_open() and not moot),
        "objection_deadline": rnd.objection_deadline if rnd else None,
        "unplaced_text": unplaced_text(match),
    }


# --- what matching adds to the student's own pages (registered in MatchingConfig.ready) ---


def student_home_panel(student: Student, profile: LearningProfile | None) -> dict[str, Any]:
    """The released result and open preference rounds, shown on the student's home page."""
    released = released_match_for(profile) if profile and profile.pk else None
    return {
        "released_match": released or current_placement(student),
        "preference_rounds": open_preference_rounds(student),
    }


def student_export_section(student: Student, profile: LearningProfile | None) -> dict[str, Any]:
    """The released match in the student's data export (only from the release moment on)."""
    match = released_match_for(profile) if profile and profile.pk else None
    if match is None:
        return {}
    return {
        "match": {
            "round": match.round.name,
            "company": match.offer.company.legal_name if match.offer else None,
            "score": match.score,
            "explanation": vars(plain(match.explanation.get("criteria", []))),
        }
    }
