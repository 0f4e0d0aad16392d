"""Who takes part in a round: the one definition, used by the snapshot, the moves and the
round page.

A round takes the submitted learning profiles of its programmes and cohort.
"""

from __future__ import annotations

from django.db.models import QuerySet

from matching.models import Round
from students.models import LearningProfile, ProfileStatus


def cohort_profiles(rnd: Round) -> QuerySet[LearningProfile]:
    return LearningProfile.objects.filter(
        student__programme__in=rnd.programmes.all(), student__cohort=rnd.cohort
    )


def round_population(rnd: Round) -> QuerySet[LearningProfile]:
    """The learning profiles that take part in the round."""
    qs = cohort_profiles(rnd).filter(status=ProfileStatus.SUBMITTED)
    if rnd.follow_up_of_id:
        qs = qs.filter(matches__round=rnd.follow_up_of_id, matches__offer__isnull=True)
    return qs
