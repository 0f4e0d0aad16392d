"""The engine input of a round: which learning profiles and offers take part, with what."""

from __future__ import annotations

import datetime as dt
from typing import Any

from companies.models import Offer
from companies.selectors import offers_for_matching
from matching.engine import OfferProfile
from matching.models import Preference, Round, ShortlistItem, Variant
from placements.models import Placement, PlacementStatus
from placements.selectors import free_seats, today, window
from students.engine_bridge import offer_profile, snapshot, student_profile
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


def offers_with_free_seats(rnd: Round, programme_id: int | None = None) -> list[tuple[Offer, int]]:
    """Offers that take part, with the places still free for the rest of their period: every
    seat used by any placement (a released or approved match of any round, an own placement,
    a re-placement) is left out, however many rounds came before. `programme_id`: only that
    programme's offers (one student's page: the engine would rule the others out anyway)."""
    programmes = rnd.programmes.all()
    if programme_id is not None:
        programmes = programmes.filter(pk=programme_id)
    offers = list(
        offers_for_matching(rnd.institution_id)
        .filter(programme__in=programmes)
        .select_related("company__organisation_type", "company__place", "programme", "location")
    )
    free = free_seats(offers, on=today())
    return [(o, free[o.pk]) for o in offers if free[o.pk] > 0]


def _codes(offer_ids: list[int], lookup: str) -> dict[int, list[str]]:
    """{offer id: codes} of a many-to-many relation of many offers, in one query (a prefetch
    builds a queryset per offer through the school manager: 0.5 s for 1,000 offers)."""
    codes: dict[int, list[str]] = {}
    rows = Offer.objects.filter(pk__in=offer_ids, **{f"{lookup}__isnull": False})
    for offer_id, code in rows.values_list("pk", lookup):
        codes.setdefault(offer_id, []).append(code)
    return codes


def offer_profiles(rnd: Round, programme_id: int | None = None) -> list[OfferProfile]:
    """The engine view of the offers with a free seat (see `offers_with_free_seats`)."""
    offers = offers_with_free_seats(rnd, programme_id)
    ids = [o.pk for o, _free in offers]
    on = today()
    work_processes = _codes(ids, "work_processes__code")
    electives = _codes(ids, "electives__code")
    return [
        offer_profile(
            offer,
            capacity=free,
            available_from=available_from(offer, on),
            work_processes=work_processes.get(offer.pk, ()),
            electives=electives.get(offer.pk, ()),
        )
        for offer, free in offers
    ]


def available_from(offer: Offer, on: dt.date | None = None) -> dt.date | None:
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
