from __future__ import annotations

from django.db.models import QuerySet

from companies.models import Offer
from companies.selectors import offers_for_matching
from matching.models import Preference, Round, RoundStatus, ShortlistItem, Variant
from students.models import LearningProfile, ProfileStatus, Student


def preference_options(rnd: Round, profile: LearningProfile) -> QuerySet[Offer]:
    """The offers a student may rank: their shortlist (variant 2), else every offer of their
    programme that takes part in matching (variant 3)."""
    if rnd.variant == Variant.SHORTLIST:
        ids = ShortlistItem.objects.filter(round=rnd, profile=profile).values_list(
            "offer_id", flat=True
        )
        return Offer.objects.filter(pk__in=ids)
    return offers_for_matching(rnd.institution_id).filter(programme=profile.student.programme_id)


def current_ranking(rnd: Round, profile: LearningProfile) -> list[int]:
    return list(
        Preference.objects.filter(round=rnd, profile=profile)
        .order_by("rank")
        .values_list("offer_id", flat=True)
    )


def students_without_preferences(rnd: Round) -> QuerySet[LearningProfile]:
    """Submitted students of a variant 2-3 round who ranked nothing (yet)."""
    ranked = Preference.objects.filter(round=rnd).values("profile_id")
    return LearningProfile.objects.filter(
        student__programme__in=rnd.programmes.all(),
        student__cohort=rnd.cohort,
        status=ProfileStatus.SUBMITTED,
    ).exclude(pk__in=ranked)


def open_preference_rounds(student: Student) -> list[Round]:
    """Rounds of the student's programme and cohort in which they may rank now."""
    rounds = Round.objects.filter(
        programmes=student.programme_id, cohort=student.cohort, status=RoundStatus.PREFERENCES
    )
    return [r for r in rounds if r.preferences_open()]
