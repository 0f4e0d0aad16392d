"""The engine input of a round: which learning profiles and offers take part, with what."""

from __future__ import annotations

import datetime as dt
from typing import Any

from companies.selectors import offers_for_matching
from matching.engine import OfferProfile
from matching.models import Preference, Round, ShortlistItem, Variant
from placements.models import Placement, PlacementStatus
from placements.selectors import Dated, free_seats, today, window
from students.engine_bridge import offer_profiles as engine_offer_profiles
from students.engine_bridge import offer_rows, snapshot, student_profile
from students.models import LearningProfile

from .flags import excluded_input
from .population import round_population


def _profiles(rnd: Round) -> list[LearningProfile]:
    """The round's population (see `population`), loaded for the engine bridge."""
    return list(
        round_population(rnd)
        .select_related("student__programme", "student__support_note", "home_place")
        .prefetch_related("wishes__work_process", "organisation_types", "electives", "extra_places")
        .order_by("pk")
    )


def offers_with_free_seats(rnd: Round, programme_id: int | None = None) -> list[tuple[Any, int]]:
    """Offers that take part (rows of `engine_bridge.offer_rows`), with the places still free
    for the rest of their period: every seat used by any placement (a released or approved
    match of any round, an own placement, a re-placement) is left out, however many rounds
    came before. `programme_id`: only that programme's offers (one student's page: the engine
    would rule the others out anyway)."""
    programmes = rnd.programmes.all()
    if programme_id is not None:
        programmes = programmes.filter(pk=programme_id)
    rows = offer_rows(offers_for_matching(rnd.institution_id).filter(programme__in=programmes))
    free = free_seats(rows, on=today())
    return [(row, free[row.pk]) for row in rows if free[row.pk] > 0]


def offer_profiles(rnd: Round, programme_id: int | None = None) -> list[OfferProfile]:
    """The engine view of the offers with a free seat (see `offers_with_free_seats`)."""
    offers = offers_with_free_seats(rnd, programme_id)
    on = today()
    return engine_offer_profiles(
        [row for row, _free in offers],
        capacities={row.pk: free for row, free in offers},
        starts={row.pk: available_from(row, on) for row, _free in offers},
    )


def available_from(offer: Dated, on: dt.date | None = None) -> dt.date | None:
    """An offer that has begun is offered for its remaining dates only."""
    span = window(offer, on)
    return span.start if span and span.start != offer.period_start else None


def _ranked(rows: Any) -> dict[str, list[str]]:
    """{profile id: [offer id, ...]} in the order of `rows` (profile, then rank or position)."""
    lists: dict[str, list[str]] = {}
    for profile_id, offer_id in rows:
        lists.setdefault(str(profile_id), []).append(str(offer_id))
    return lists


def round_snapshot(rnd: Round, *, priority: bool | None = None) -> dict[str, Any]:
    """Exactly the engine input of a run: objective profiles only, plus settings and ranks.
    `priority` overrides the round's priority setting (a run may compare both)."""
    profiles = _profiles(rnd)
    replaced = set(
        Placement.objects.filter(
            student__in=[p.student_id for p in profiles], status=PlacementStatus.ENDED_EARLY
        ).values_list("student_id", flat=True)
    )
    students = [
        p
        for p in (student_profile(x, replaced=x.student_id in replaced) for x in profiles)
        if p is not None
    ]
    offers = offer_profiles(rnd)
    extra: dict[str, Any] = {"objective": "score" if rnd.variant == Variant.DIRECT else "rank"}
    excluded = excluded_input((p.pk, p.student_id) for p in profiles)
    if excluded:
        extra["excluded"] = excluded
    if rnd.variant != Variant.DIRECT:
        extra["ranks"] = _ranked(
            Preference.objects.filter(round=rnd)
            .order_by("profile_id", "rank")
            .values_list("profile_id", "offer_id")
        )
        if rnd.variant == Variant.SHORTLIST:
            extra["shortlists"] = _ranked(
                ShortlistItem.objects.filter(round=rnd)
                .order_by("profile_id", "position")
                .values_list("profile_id", "offer_id")
            )
    return snapshot(
        students=students,
        offers=offers,
        weights=rnd.weights or {},
        priority=rnd.priority if priority is None else priority,
        **extra,
    )
