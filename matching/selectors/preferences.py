from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from companies.models import Offer
from matching.engine import ScoredPair, profile_options
from matching.models import Preference, Round, RoundStatus, ShortlistItem, Variant
from students.engine_bridge import round_settings, student_profile
from students.models import LearningProfile, ProfileStatus, Student

from .flags import never_again
from .snapshot import offer_profiles


def eligible_pairs(rnd: Round, profile: LearningProfile) -> dict[int, ScoredPair]:
    """The round's offers with a free seat that the hard rules allow for this student (their
    programme, travel time, period, hours, days, access, supervision), each scored and
    explained by the engine, best first: {offer id: pair}."""
    loaded = (
        LearningProfile.objects.select_related(
            "student__programme", "student__support_note", "home_place"
        )
        .prefetch_related("wishes__work_process", "organisation_types", "electives", "extra_places")
        .get(pk=profile.pk)
    )
    student = student_profile(loaded)
    if student is None:
        return {}
    offers = offer_profiles(rnd, programme_id=loaded.student.programme_id)
    settings = round_settings(rnd.weights, rnd.priority)
    # Never a company the student may not be sent to again (the run leaves those out too).
    never = {str(c) for c in never_again([loaded.student_id]).get(loaded.student_id, ())}
    return {int(pair.offer): pair for pair in profile_options(student, offers, settings, never)}


def preference_options(rnd: Round, profile: LearningProfile) -> QuerySet[Offer]:
    """The offers a student may rank: their shortlist (variant 2), else the offers they are
    eligible for (variant 3); never an offer the engine could not give them."""
    if rnd.variant == Variant.SHORTLIST:
        ids = ShortlistItem.objects.filter(round=rnd, profile=profile).values_list(
            "offer_id", flat=True
        )
        return Offer.objects.filter(pk__in=ids)
    return Offer.objects.filter(pk__in=list(eligible_pairs(rnd, profile)))


CARDS_PER_PAGE = 12  # a student reads a dozen places at a time, best fit first


def preference_cards(
    rnd: Round, profile: LearningProfile, page_number: str | None = None
) -> tuple[Page[int], list[dict[str, Any]], list[tuple[str, str]]]:
    """The offers a student may rank, best fit first: the page `page_number` of their ids,
    one card per offer of that page (the offer with its work processes and learning text, and
    the engine's pair: travel estimate, what fits) and, for the ranking form, every offer as
    (id, "company (place)"). Only the page's offers are loaded whole: before the run a
    student at a large school may rank 200 places."""
    pairs = eligible_pairs(rnd, profile)  # the engine once per page
    if rnd.variant == Variant.SHORTLIST:
        shortlisted = set(preference_options(rnd, profile).values_list("pk", flat=True))
        ids = [pk for pk in pairs if pk in shortlisted] + sorted(shortlisted - set(pairs))
    else:
        ids = list(pairs)
    labels = {
        pk: f"{name} ({place})"
        for pk, name, place in Offer.objects.filter(pk__in=ids).values_list(
            "pk", "company__legal_name", "company__place__name"
        )
    }
    ids = [pk for pk in ids if pk in labels]
    page = Paginator(ids, CARDS_PER_PAGE).get_page(page_number)
    # The choices by name: a long list is searched by typing the first letters.
    by_name = sorted(ids, key=lambda pk: (labels[pk].casefold(), pk))
    offers = {
        o.pk: o
        for o in Offer.objects.filter(pk__in=list(page.object_list))
        .select_related("company__place", "company__organisation_type")
        .prefetch_related("work_processes")
    }
    cards = [
        {"offer": offers[pk], "pair": pairs.get(pk)} for pk in page.object_list if pk in offers
    ]
    return page, cards, [(str(pk), labels[pk]) for pk in by_name]


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
