"""The only bridge from the database to the engine: learning profiles and offers in, engine
input (a snapshot, see matching/engine/README.md) out.

It reads the learning profile and the programme (crebo, level) only: never the `Student`
row's name, e-mail or number, nor any other personal field. Ids passed to the engine are the
profile and offer primary keys, as strings. It sits in `students` because that is the lowest
app that knows both profiles and offers; `matching` (rounds and runs) and the reach hint use
it, and any later app that needs engine input must use it too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from companies.models import Offer
from matching.engine import (
    Location,
    OfferProfile,
    RoundSettings,
    StudentProfile,
    Transport,
    Weights,
    offer_to_dict,
    settings_to_dict,
    student_to_dict,
)

from .models import LearningProfile, Student

DEFAULT_TRAVEL_MINUTES = 30


def student_profile(profile: LearningProfile, *, replaced: bool = False) -> StudentProfile | None:
    """The engine view of a learning profile; None while it has no place to travel from.

    Expects the profile's programme, support note, wishes, organisation types, electives and
    extra places to be loaded (see `matching.selectors.snapshot`), so a whole round costs a few
    queries. The support note reaches the engine only as the anonymous step-free-access
    requirement. `priority` marks a support need or `replaced` (a placement that ended early):
    it counts only in a round that switches priority on.
    """
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
        max_travel_minutes=profile.max_travel_minutes or DEFAULT_TRAVEL_MINUTES,
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
        unavailable_days=frozenset(int(d) for d in profile.unavailable_days or ()),
        needs_step_free_access=_step_free(profile.student),
        priority=profile.needs_extra_supervision or replaced,
    )


def _step_free(student: Student) -> bool:
    note = getattr(student, "support_note", None)
    return bool(note and note.needs_step_free_access)


def draft_student_profile(
    *,
    student: Student,
    data: Mapping[str, Any],
    work_process_codes: tuple[str, ...],
    extra: int = 0,
) -> StudentProfile:
    """The engine view of a form that is still being filled in (the live reach hint).

    `data` is the form's cleaned data so far and must hold a `home_place`; `extra` minutes are
    added to the maximum travel time (to say what a little more travel would give).
    """
    place = data["home_place"]
    return StudentProfile(
        id="hint",
        crebo=student.programme.crebo,
        level=student.programme.level,
        location=Location(place.latitude, place.longitude),
        transport=Transport(data.get("transport_mode") or Transport.BIKE),
        max_travel_minutes=(data.get("max_travel_minutes") or DEFAULT_TRAVEL_MINUTES) + extra,
        work_processes=work_process_codes,
        extra_places=frozenset(str(p.pk) for p in data.get("extra_places") or []),
        needs_extra_supervision=bool(data.get("needs_extra_supervision")),
        available_from=data.get("available_from"),
        available_until=data.get("available_until"),
        hours_per_week=data.get("hours_per_week"),
        unavailable_days=frozenset(int(d) for d in data.get("unavailable_days") or ()),
        needs_step_free_access=bool(data.get("needs_step_free_access")),
    )


def offer_profile(
    offer: Offer,
    capacity: int | None = None,
    available_from: dt.date | None = None,
    *,
    work_processes: Iterable[str] | None = None,
    electives: Iterable[str] | None = None,
) -> OfferProfile:
    """The engine view of an offer; `capacity` overrides its places (the seats still free) and
    `available_from` its first day (the remaining dates of an offer that has begun).
    `work_processes` and `electives`: their codes when the caller read them for many offers
    at once (see `matching.selectors.snapshot`), else they are read from the offer."""
    place = offer.effective_place
    if work_processes is None:
        work_processes = (wp.code for wp in offer.work_processes.all())
    if electives is None:
        electives = (e.code for e in offer.electives.all())
    return OfferProfile(
        id=str(offer.pk),
        company_id=str(offer.company_id),
        crebo=offer.programme.crebo,
        level=offer.programme.level,
        capacity=offer.capacity if capacity is None else capacity,
        location=Location(place.latitude, place.longitude),
        place=str(place.pk),
        work_processes=frozenset(work_processes),
        organisation_type=offer.company.organisation_type.slug,
        electives=frozenset(electives),
        learning_text=" ".join(t for t in (offer.learning_text, offer.activities) if t),
        extra_supervision_possible=offer.extra_supervision_possible,
        period_start=available_from or offer.period_start,
        period_end=offer.period_end,
        hours_per_week=offer.hours_per_week,
        working_days=frozenset(int(d) for d in offer.working_days or ()),
        step_free_access=offer.wheelchair_accessible,
    )


def snapshot(
    *,
    students: Iterable[StudentProfile],
    offers: Iterable[OfferProfile],
    weights: Mapping[str, float] | None = None,
    priority: bool = False,
    **extra: Any,
) -> dict[str, Any]:
    """Engine input as stored on a run: profiles, settings (the round's weights and priority)
    and any extra keys (`objective`, `ranks`, `shortlists`)."""
    settings = RoundSettings(weights=Weights(**(weights or {})), priority=priority)
    return {
        "students": [student_to_dict(s) for s in students],
        "offers": [offer_to_dict(o) for o in offers],
        "settings": settings_to_dict(settings),
        **extra,
    }
