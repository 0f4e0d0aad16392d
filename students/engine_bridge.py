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
from collections.abc import Iterable, Mapping, Sequence
from types import SimpleNamespace
from typing import Any

from django.db.models import QuerySet

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


# The offer columns the engine's view reads, as `offer_rows` fetches them: one query and no
# model objects (building 900 offers with their company, places and programme as objects took
# 40 ms of a student's preference page at 10,000 students).
OFFER_COLUMNS = (
    "pk",
    "company_id",
    "programme__crebo",
    "programme__level",
    "capacity",
    "location_id",
    "location__latitude",
    "location__longitude",
    "company__place_id",
    "company__place__latitude",
    "company__place__longitude",
    "company__organisation_type__slug",
    "learning_text",
    "activities",
    "extra_supervision_possible",
    "period_start",
    "period_end",
    "hours_per_week",
    "working_days",
    "wheelchair_accessible",
)


def offer_rows(offers: QuerySet[Offer]) -> list[Any]:
    """The offers as named rows of `OFFER_COLUMNS`; each has `pk`, `capacity`, `period_start`
    and `period_end`, which is all `placements.selectors.free_seats` reads."""
    return list(offers.order_by("pk").values_list(*OFFER_COLUMNS, named=True))


def _row_of(offer: Offer) -> SimpleNamespace:
    """An offer object as the row `offer_rows` reads for it."""
    values: dict[str, Any] = {}
    for column in OFFER_COLUMNS:
        value: Any = offer
        for part in column.split("__"):
            value = None if value is None else getattr(value, part)
        values[column] = value
    return SimpleNamespace(**values)


def _codes(offer_ids: list[int], relation: str) -> dict[int, list[str]]:
    """{offer id: codes} of a many-to-many relation (`work_processes`, `electives`) of many
    offers, in one query on the link table: the ids come from the school's own offers, so the
    offers need not be joined again (a prefetch builds a queryset per offer through the school
    manager: 0.5 s for 1,000 offers; a join through the offers 14 ms)."""
    link = getattr(Offer, relation).through
    target = getattr(Offer, relation).field.m2m_reverse_field_name()
    codes: dict[int, list[str]] = {}
    rows = link.objects.filter(offer_id__in=offer_ids).values_list("offer_id", f"{target}__code")
    for offer_id, code in rows:
        codes.setdefault(offer_id, []).append(code)
    return codes


def offer_profiles(
    rows: Sequence[Any],
    *,
    capacities: Mapping[int, int] | None = None,
    starts: Mapping[int, dt.date | None] | None = None,
) -> list[OfferProfile]:
    """The engine view of many offers (rows of `offer_rows`), with their work processes and
    electives read in two queries. `capacities` and `starts` override an offer's places and
    first day (see `offer_profile`)."""
    ids = [row.pk for row in rows]
    work_processes = _codes(ids, "work_processes")
    electives = _codes(ids, "electives")
    return [
        offer_profile(
            row,
            capacity=None if capacities is None else capacities[row.pk],
            available_from=None if starts is None else starts.get(row.pk),
            work_processes=work_processes.get(row.pk, ()),
            electives=electives.get(row.pk, ()),
        )
        for row in rows
    ]


def offer_profile(
    offer: Offer | Any,
    capacity: int | None = None,
    available_from: dt.date | None = None,
    *,
    work_processes: Iterable[str] | None = None,
    electives: Iterable[str] | None = None,
) -> OfferProfile:
    """The engine view of an offer (an object, or a row of `offer_rows` with its codes given);
    `capacity` overrides its places (the seats still free) and `available_from` its first day
    (the remaining dates of an offer that has begun). `work_processes` and `electives`: their
    codes when the caller read them for many offers at once, else they are read from the
    offer object."""
    if isinstance(offer, Offer):
        if work_processes is None:
            work_processes = (wp.code for wp in offer.work_processes.all())
        if electives is None:
            electives = (e.code for e in offer.electives.all())
        row: Any = _row_of(offer)
    elif work_processes is None or electives is None:
        raise ValueError("an offer row comes with its work processes and electives")
    else:
        row = offer
    # As `Offer.effective_place`: the offer's own location, else the company's place.
    if row.location_id is not None:
        place = (row.location_id, row.location__latitude, row.location__longitude)
    else:
        place = (row.company__place_id, row.company__place__latitude, row.company__place__longitude)
    return OfferProfile(
        id=str(row.pk),
        company_id=str(row.company_id),
        crebo=row.programme__crebo,
        level=row.programme__level,
        capacity=row.capacity if capacity is None else capacity,
        location=Location(place[1], place[2]),
        place=str(place[0]),
        work_processes=frozenset(work_processes or ()),
        organisation_type=row.company__organisation_type__slug,
        electives=frozenset(electives or ()),
        learning_text=" ".join(t for t in (row.learning_text, row.activities) if t),
        extra_supervision_possible=row.extra_supervision_possible,
        period_start=available_from or row.period_start,
        period_end=row.period_end,
        hours_per_week=row.hours_per_week,
        working_days=frozenset(int(d) for d in row.working_days or ()),
        step_free_access=row.wheelchair_accessible,
    )


def round_settings(weights: Mapping[str, float] | None, priority: bool = False) -> RoundSettings:
    """The engine's settings of a round: its weights (the defaults where it has none) and
    whether priority students go first."""
    return RoundSettings(weights=Weights(**(weights or {})), priority=priority)


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
    settings = round_settings(weights, priority)
    return {
        "students": [student_to_dict(s) for s in students],
        "offers": [offer_to_dict(o) for o in offers],
        "settings": settings_to_dict(settings),
        **extra,
    }
