"""Students against places: the one shortage computation.

Places count only offers that take part in matching (`companies.selectors.offers_for_matching`:
published, active company, current agreement signed, recognised for the crebo). Students count
when they take part: everyone except those who find their own placement. The dashboard, the
coverage page and a round's page all use `supply_and_demand`, so they never disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from typing import Any

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce

from catalog.models import Place
from companies.selectors import offers_for_matching
from programmes.models import Programme
from students.models import ProfileStatus, Student


def offered_places(
    institution_id: int, programme_ids: Collection[int] | None = None
) -> Counter[tuple[int, int]]:
    """Places of the offers that take part, per (programme id, id of the offer's place: its own
    location, else the company's place), summed in the database."""
    offers = offers_for_matching(institution_id)
    if programme_ids is not None:
        offers = offers.filter(programme_id__in=programme_ids)
    rows = (
        offers.order_by()
        .select_related(None)
        .values("programme_id", where=Coalesce("location_id", "company__place_id"))
        .annotate(n=Sum("capacity"))
        .values_list("programme_id", "where", "n")
    )
    return Counter({(pid, where): n or 0 for pid, where, n in rows})


def supply_and_demand(
    institution_id: int | None,
    programme_ids: Collection[int] | None = None,
    offered: Counter[tuple[int, int]] | None = None,
) -> list[dict[str, Any]]:
    """Per programme (by name): `enrolled`, `submitted`, `opted_out`, `students` (taking part),
    `places`, `short` (students minus places, at least 0) and `regions`: per municipality of
    the student's home place ('' when unknown) and of the offer's place, students and places.
    `offered`: `offered_places` of the same school and programmes, when the caller has it."""
    programmes = Programme.objects.filter(institution=institution_id).order_by("name")
    students = Student.objects.filter(programme__institution=institution_id)
    if programme_ids is not None:
        programmes = programmes.filter(pk__in=programme_ids)
        students = students.filter(programme_id__in=programme_ids)
    if offered is None:
        offered = offered_places(institution_id, programme_ids) if institution_id else Counter()
    enrolled: Counter[int] = Counter()
    by_status: Counter[tuple[int, str | None]] = Counter()
    demand: Counter[tuple[int, str]] = Counter()
    rows = students.order_by().values(
        "programme_id", "profile__status", "profile__home_place__municipality"
    )
    for row in rows.annotate(n=Count("id")):
        pid, status, n = row["programme_id"], row["profile__status"], row["n"]
        enrolled[pid] += n
        by_status[(pid, status)] += n
        if status != ProfileStatus.OPTED_OUT:
            demand[(pid, row["profile__home_place__municipality"] or "")] += n
    supply: Counter[tuple[int, str]] = Counter()
    municipality = dict(
        Place.objects.filter(pk__in={where for _pid, where in offered}).values_list(
            "pk", "municipality"
        )
    )
    for (pid, where), n in offered.items():
        supply[(pid, municipality.get(where, ""))] += n
    result = []
    for programme in programmes:
        pid = programme.pk
        regions = sorted({r for (p, r) in [*supply, *demand] if p == pid})
        detail: list[dict[str, Any]] = [
            {"region": r, "students": demand[(pid, r)], "places": supply[(pid, r)]} for r in regions
        ]
        taking_part = sum(d["students"] for d in detail)
        places = sum(d["places"] for d in detail)
        result.append(
            {
                "programme": programme,
                "enrolled": enrolled[pid],
                "submitted": by_status[(pid, ProfileStatus.SUBMITTED)],
                "opted_out": by_status[(pid, ProfileStatus.OPTED_OUT)],
                "students": taking_part,
                "places": places,
                "short": max(0, taking_part - places),
                "regions": detail,
            }
        )
    return result
