"""Reads for the pseudonymous review: the filtered list, approvable matches, alternatives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from accounts.models import User, school_staff
from catalog.models import OrganisationType, Place
from companies.models import Offer
from matching import engine
from matching.models import Approval, AuditEvent, Match, MatchStatus, Round, RoundCapacity, Run
from programmes.models import WorkProcess
from students.models import TransportMode

from .flags import excluded_input, flagged, with_flags

# Score bands of the review filter: lower bound -> upper bound (exclusive).
SCORE_BANDS = {"0": 50, "50": 70, "70": 85, "85": 101}
ALTERNATIVES_SHOWN = 10
REVIEW_PAGE_SIZE = 50
# Every match needs this many approvals, by different staff members.
APPROVALS_NEEDED = 2


def counsels(match: Match, user: User) -> bool:
    """Whether `user` is the student's slb'er/mentor: they know the student, so they never
    review the match (not offered, and every review action refuses them)."""
    return match.profile.student.counsellor_id == user.pk


def review_matches(rnd: Round, params: Mapping[str, str], viewer: User) -> QuerySet[Match]:
    """The round's matches filtered as on the review page (programme, status, unplaced,
    changed, score band, pseudonym), with their number of approvals. Matches of students the
    viewer counsels are left out: someone else reviews those."""
    qs = rnd.matches.select_related(
        "offer__company", "offer__programme", "profile__student__programme"
    ).exclude(profile__student__counsellor=viewer)
    if params.get("programme"):
        qs = qs.filter(profile__student__programme_id=params["programme"])
    status = params.get("status", "")
    if status in MatchStatus.values:
        qs = qs.filter(status=status, offer__isnull=False)
    if params.get("unplaced"):
        qs = qs.filter(offer__isnull=True)
    if params.get("changed"):
        qs = qs.filter(changed_by__isnull=False)
    band = params.get("band", "")
    if band in SCORE_BANDS:
        qs = qs.filter(score__gte=int(band), score__lt=SCORE_BANDS[band])
    if params.get("q"):
        qs = qs.filter(pseudonym__icontains=params["q"].strip())
    if params.get("flagged"):
        qs = qs.filter(flagged())
    return with_flags(qs.defer(*Match.LARGE_FIELDS)).order_by("sort_key", "pk")


def review_page(qs: QuerySet[Match], number: str | None) -> Page[Match]:
    """One page of the review list: the page's matches first, then the approvals of only those
    (`n_approvals` on each), so the cost does not grow with the round."""
    page = Paginator(qs, REVIEW_PAGE_SIZE).get_page(number)
    matches = list(page.object_list)
    counts = dict(
        Approval.objects.filter(match__in=[m.pk for m in matches])
        .values("match")
        .annotate(n=Count("id"))
        .values_list("match", "n")
    )
    for m in matches:
        vars(m)["n_approvals"] = counts.get(m.pk, 0)  # shown by the review list
    page.object_list = matches
    return page


def approvable(qs: QuerySet[Match], by: User) -> QuerySet[Match]:
    """Matches in `qs` that `by` may approve now: never those of a student they counsel (no
    join that repeats a match, so no DISTINCT over its columns)."""
    approvals = Approval.objects.filter(match=OuterRef("pk"))
    return (
        qs.filter(offer__isnull=False)
        .exclude(status=MatchStatus.APPROVED)
        .exclude(profile__student__counsellor=by)
        .exclude(Exists(approvals.filter(by=by)))
        .exclude(Q(changed_by=by) & Exists(approvals))
    )


def bulk_approvable(qs: QuerySet[Match], by: User) -> QuerySet[Match]:
    """What the bulk approval takes: the approvable matches that are not flagged."""
    return approvable(qs, by).exclude(flagged())


def approvable_counts(qs: QuerySet[Match], by: User) -> tuple[int, int]:
    """(what the bulk approval would take, the flagged ones `by` approves one by one) in
    `qs`, counted in one pass over the round's matches."""
    row = approvable(qs, by).aggregate(
        bulk=Count("pk", filter=~flagged()), flagged=Count("pk", filter=flagged())
    )
    return row["bulk"], row["flagged"]


def eligible_reviewers(rnd: Round) -> set[int]:
    """The staff of the round's school who can approve matches (active, a staff role)."""
    return set(school_staff(rnd.institution_id).values_list("pk", flat=True))


def reviewer_shortage(rnd: Round) -> int:
    """How many of the round's matches cannot get their approvals: fewer than
    APPROVALS_NEEDED staff members who do not counsel the student."""
    staff = eligible_reviewers(rnd)
    placed = rnd.matches.filter(offer__isnull=False)
    if len(staff) < APPROVALS_NEEDED:
        return placed.count()
    if len(staff) > APPROVALS_NEEDED:
        return 0  # one counsellor per student leaves at least two others
    return placed.filter(profile__student__counsellor__in=staff).count()


def wishes_shown(match: Match, user: User) -> bool:
    """Whether `user` asked to see this student's learning wishes (logged by the POST)."""
    return AuditEvent.objects.filter(match=match, actor=user, action="wishes_shown").exists()


def option_snapshot(match: Match, capacities: Iterable[RoundCapacity]) -> dict[str, Any]:
    """The engine input for one student's options: their profile in the chosen run's input,
    the offers of `capacities` (copied from it), the run's settings, and the companies the
    student is never sent to again."""
    settings = (
        Run.objects.filter(pk=match.round.chosen_run_id)
        .values_list("engine_settings", flat=True)
        .first()
    )
    return {
        "students": [match.objective],
        "offers": [c.profile for c in capacities],
        "settings": settings or None,
        "excluded": excluded_input([(match.profile_id, match.profile.student_id)]),
    }


def alternatives(match: Match) -> list[dict[str, Any]]:
    """The student's other eligible offers with score and explanation, best first: the
    student's profile in the chosen run's input against the offers of the same programme in
    it (copied onto the match and the round's capacities when the run was chosen), with the
    run's settings. Never reads the run's whole input. Each row has the change of score and
    travel time a move there would make (`worse`: it lowers the score or lengthens travel,
    so the move asks for a confirmation)."""
    if match.round.chosen_run_id is None or not match.objective:
        return []
    capacities = RoundCapacity.objects.filter(
        round=match.round_id, profile__crebo=match.objective.get("crebo")
    ).only("offer_id", "capacity", "used", "profile")
    free = {c.offer_id: c.capacity - c.used for c in capacities}
    snapshot = option_snapshot(match, capacities)
    rows: list[dict[str, Any]] = []
    for pair in engine.student_options(snapshot, str(match.profile_id)):
        if str(match.offer_id) == pair.offer:
            continue
        score_diff = round(pair.score - (match.score or 0), 1)
        travel_diff = round(pair.travel_minutes - (match.travel_minutes or 0), 1)
        rows.append(
            {
                "offer_id": int(pair.offer),
                "pair": pair,
                "free": free.get(int(pair.offer), 0),
                "score_diff": score_diff,
                "travel_diff": travel_diff,
                "worse": match.offer_id is not None and (score_diff < 0 or travel_diff > 0),
            }
        )
    rows.sort(key=lambda r: (-r["pair"].score, r["offer_id"]))
    return rows


def alternatives_with_offers(match: Match) -> list[dict[str, Any]]:
    """The best alternatives, each with its offer (company and place loaded)."""
    rows = alternatives(match)[:ALTERNATIVES_SHOWN]
    offers = Offer.objects.filter(pk__in=[a["offer_id"] for a in rows]).select_related(
        "company__place"
    )
    by_pk = {o.pk: o for o in offers}
    for row in rows:
        row["offer"] = by_pk[row["offer_id"]]
    return rows


def objective_profile(match: Match) -> dict[str, Any]:
    """What the engine knew of the student (their part of the chosen run's input, copied onto
    the match), with the names of their places, work processes and organisation types: never
    who they are."""
    objective: dict[str, Any] = match.objective
    place_ids = [
        int(p) for p in [objective.get("home_place"), *objective.get("extra_places", [])] if p
    ]
    places = dict(Place.objects.filter(pk__in=place_ids).values_list("pk", "name"))
    wp_names = dict(
        WorkProcess.objects.filter(
            core_task__programme__crebo=objective.get("crebo"),
            code__in=objective.get("work_processes", []),
        ).values_list("code", "name")
    )
    home = objective.get("home_place")
    shown = {
        **objective,
        # As people read them: the mode's Dutch name and dates as dates (stored as values).
        "transport": _label(TransportMode, objective.get("transport")),
        "available_from": _date(objective.get("available_from")),
        "available_until": _date(objective.get("available_until")),
    }
    return {
        "objective": shown,
        "home_place": places.get(int(home)) if home else None,
        "extra_places": [places.get(int(p)) for p in objective.get("extra_places", [])],
        "wps": [(c, wp_names.get(c, "")) for c in objective.get("work_processes", [])],
        "org_types": list(
            OrganisationType.objects.filter(
                slug__in=objective.get("organisation_types", [])
            ).values_list("name", flat=True)
        ),
    }


def _label(choices: type[models.TextChoices], value: Any) -> Any:
    return choices(value).label if value in choices.values else value


def _date(value: Any) -> Any:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else value
    except ValueError:
        return value
