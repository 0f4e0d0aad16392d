"""Turning stored profiles and offers into engine input.

This is the only bridge between the database and `matching/engine/`. It reads the learning
profile and the programme (crebo, level) only: never the `Student` row's name, e-mail or
number, nor any other personal field. Ids passed to the engine are the profile and offer
primary keys, as strings.
"""

from __future__ import annotations

from collections.abc import Iterable

from companies.models import Offer
from students.models import LearningProfile

from .engine import Location, OfferProfile, StudentProfile
from .engine.types import Transport


def student_profile(profile: LearningProfile) -> StudentProfile | None:
    """The engine view of a learning profile; None while it has no place to travel from."""
    place = profile.home_place
    if place is None:
        return None
    programme = profile.student.programme
    wishes = sorted(profile.wishes.all(), key=lambda w: w.rank)
    return StudentProfile(
        id=str(profile.pk),
        crebo=programme.crebo,
        level=programme.level,
        location=Location(place.latitude, place.longitude),
        transport=Transport(profile.transport_mode or Transport.BIKE),
        max_travel_minutes=profile.max_travel_minutes or 30,
        work_processes=tuple(w.work_process.code for w in wishes),
        organisation_types=frozenset(t.slug for t in profile.organisation_types.all()),
        electives=frozenset(e.code for e in profile.electives.all()),
        learning_wishes=tuple(profile.learning_wishes),
        extra_places=frozenset(str(p.pk) for p in profile.extra_places.all()),
        home_place=str(place.pk),
        needs_extra_supervision=profile.needs_extra_supervision,
        available_from=profile.available_from,
        available_until=profile.available_until,
        hours_per_week=profile.hours_per_week,
    )


def offer_profile(offer: Offer) -> OfferProfile:
    place = offer.effective_place
    return OfferProfile(
        id=str(offer.pk),
        company_id=str(offer.company_id),
        crebo=offer.programme.crebo,
        level=offer.programme.level,
        capacity=offer.capacity,
        location=Location(place.latitude, place.longitude),
        place=str(place.pk),
        work_processes=frozenset(wp.code for wp in offer.work_processes.all()),
        organisation_type=offer.company.organisation_type.slug,
        learning_text=" ".join(t for t in (offer.learning_text, offer.activities) if t),
        extra_supervision_possible=offer.extra_supervision_possible,
        period_start=offer.period_start,
        period_end=offer.period_end,
        hours_per_week=offer.hours_per_week,
    )


def offer_profiles(offers: Iterable[Offer]) -> list[OfferProfile]:
    return [offer_profile(o) for o in offers]
