"""Where the student of an upheld objection may go instead: the offers the hard rules allow
(the student's profile and the offers in the round's chosen run, as copied onto the match and
the round's capacities), with a seat free in the ledger now, best score first."""

from __future__ import annotations

from typing import Any

from companies.models import Offer
from companies.selectors import offers_for_matching
from matching import engine
from matching.models import Match, Objection, RoundCapacity
from placements.selectors import free_seats

from .review import option_snapshot


def replacement_options(objection: Objection, limit: int | None = None) -> list[dict[str, Any]]:
    """[{"offer", "pair" (score and explanation), "free"}] for the objection's student, the
    current offer left out; the best `limit` when given. Never reads the run's whole input."""
    return match_options(objection.match, limit)


def match_options(match: Match, limit: int | None = None) -> list[dict[str, Any]]:
    """Where the student of a released match may go instead (an upheld objection, a company's
    refusal): the offers of the round's chosen run the hard rules allow and that still take
    part, with a seat free in the ledger now, best score first, the current offer left out."""
    if match.round.chosen_run_id is None or not match.objective:
        return []
    capacities = RoundCapacity.objects.filter(
        round=match.round_id, profile__crebo=match.objective.get("crebo")
    ).only("offer_id", "profile")
    snapshot = option_snapshot(match, capacities)
    current = match.placement.offer_id if match.placement else match.offer_id
    pairs = engine.student_options(snapshot, str(match.profile_id))
    by_offer = {int(p.offer): p for p in pairs if int(p.offer) != current}
    # The round's snapshot is old: an offer counts only while it still takes part now (a
    # suspended company, an offer taken back or no longer recognised is left out).
    taking_part = offers_for_matching(match.round.institution_id).values("pk")
    offers = Offer.objects.filter(pk__in=list(by_offer)).filter(pk__in=taking_part)
    offers = offers.select_related("company__place")
    free = free_seats(offers)
    rows = [
        {"offer": o, "pair": by_offer[o.pk], "free": free[o.pk]} for o in offers if free[o.pk] > 0
    ]
    rows.sort(key=lambda r: (-r["pair"].score, r["offer"].pk))
    return rows[:limit] if limit else rows
