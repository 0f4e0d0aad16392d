"""Reads of rounds: the dashboard list, a round's page, release blockers, export, transparency."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from accounts.models import OutboxMessage, OutboxStatus, User
from accounts.outbox import counts
from catalog.models import Place
from matching.models import (
    Match,
    MatchStatus,
    Objection,
    Round,
    RoundStatus,
    Run,
)
from spreadsheets.exports import DECIMAL, Column, Table
from students.selectors import students_visible_to

from .coverage import supply_and_demand
from .population import population_summary
from .preferences import students_without_preferences
from .review import reviewer_shortage

SHORTAGES_SHOWN = 20
UNPLACED_SHOWN = 50
AUDIT_SHOWN = 30
FAILED_SHOWN = 20


def rounds_of(institution_id: int | None) -> QuerySet[Round]:
    """The institution's rounds with their number of matches and placed students."""
    return Round.objects.filter(institution=institution_id).annotate(
        n_matches=Count("matches", distinct=True),
        n_placed=Count("matches", filter=Q(matches__offer__isnull=False), distinct=True),
    )


def approval_blockers(rnd: Round) -> list[str]:
    """What stands between the round in review and its approval, in plain Dutch."""
    placed = Q(offer__isnull=False)
    row = rnd.matches.aggregate(
        n=Count("pk"),
        objected=Count("pk", filter=placed & Q(status=MatchStatus.OBJECTED)),
        not_approved=Count("pk", filter=placed & ~Q(status=MatchStatus.APPROVED)),
    )
    objected = row["objected"]
    open_ = row["not_approved"] - objected
    blockers = []
    if not row["n"]:
        blockers.append(_("Er is nog geen voorstel gekozen."))
    if open_:
        blockers.append(_("%(n)s matches hebben nog geen twee goedkeuringen.") % {"n": open_})
    short = reviewer_shortage(rnd)
    if short:
        blockers.append(
            _(
                "Voor %(n)s matches zijn er te weinig beoordelaars: elke match heeft twee "
                "goedkeuringen nodig van medewerkers die de student niet begeleiden. Geef meer "
                "collega's een account als slb'er/beoordelaar."
            )
            % {"n": short}
        )
    if objected:
        blockers.append(
            _(
                "Bij %(n)s matches heeft een beoordelaar bezwaar gemaakt. Verplaats de student of "
                "keur de match opnieuw goed."
            )
            % {"n": objected}
        )
    return blockers


def _run_shortages(rnd: Round) -> list[dict[str, Any]]:
    """Unplaced students per crebo and home place, from the chosen run (its small copy of the
    output's shortages), with place names."""
    if rnd.chosen_run_id is None:
        return []
    stored = Run.objects.filter(pk=rnd.chosen_run_id).values_list("shortages", flat=True).first()
    shortages = list(stored or [])[:SHORTAGES_SHOWN]
    names = dict(
        Place.objects.filter(
            pk__in=[int(s["place"]) for s in shortages if s.get("place")]
        ).values_list("pk", "name")
    )
    for s in shortages:
        s["place_name"] = names.get(int(s["place"])) if s.get("place") else None
    return shortages


def round_page(rnd: Round) -> dict[str, Any]:
    """Everything a round's page shows besides the round itself, with flat query counts."""
    mail = OutboxMessage.objects.filter(topic=f"round:{rnd.pk}")
    matches = rnd.matches.all()
    unplaced = matches.filter(offer__isnull=True)
    # The round's figures in one pass over its matches.
    figures = matches.aggregate(
        n_matches=Count("pk"),
        n_placed=Count("pk", filter=Q(offer__isnull=False)),
        n_approved=Count("pk", filter=Q(status=MatchStatus.APPROVED)),
        n_unplaced=Count("pk", filter=Q(offer__isnull=True)),
    )
    return {
        **figures,
        "runs": list(rnd.runs.select_related("created_by").defer(*Run.LARGE_FIELDS)),
        "notif": counts(mail),
        "failed_mail": mail.filter(status=OutboxStatus.FAILED).select_related("recipient")[
            :FAILED_SHOWN
        ],
        "unplaced": unplaced.order_by("sort_key")[:UNPLACED_SHOWN],
        "shortages": _run_shortages(rnd),
        "coverage": supply_and_demand(
            rnd.institution_id, programme_ids=list(rnd.programmes.values_list("pk", flat=True))
        ),
        "population": population_summary(rnd),
        "transitions": rnd.transitions.select_related("by"),
        "audit": rnd.audit.select_related("actor", "match").defer(
            "detail", *(f"match__{f}" for f in Match.LARGE_FIELDS)
        )[:AUDIT_SHOWN],
        "blockers": approval_blockers(rnd) if rnd.status == RoundStatus.REVIEW else [],
        "objections": Objection.objects.filter(match__round=rnd).select_related(
            "match__placement__company",
            "answered_by",
            "replacement_offer__company",
            "replacement_by",
            "replacement__company",
            "replacement__created_by",
        ),
        "n_not_ranked": students_without_preferences(rnd).count()
        if rnd.status == RoundStatus.PREFERENCES
        else 0,
    }


def export_table(rnd: Round, reader: User) -> Table:
    """The round's matches as a download: pseudonymous until the release moment. From then on
    with name and student number, but only of the students the reader may see on screen (a
    counsellor their own); the others stay pseudonymous."""
    released = rnd.is_released()
    columns = [
        Column(_("pseudoniem")),
        *([Column(_("naam")), Column(_("studentnummer"))] if released else []),
        Column(_("bedrijf")),
        Column(_("opleiding (crebo)")),
        Column(_("score"), DECIMAL, digits=1),
        Column(_("status")),
    ]
    visible = set(students_visible_to(reader).values_list("pk", flat=True)) if released else set()
    status_label = {value: str(label) for value, label in MatchStatus.choices}
    # Plain rows, read in chunks: no model objects for 7,500 matches (4x faster).
    rows = (
        rnd.matches.order_by("sort_key")
        .values_list(
            "pseudonym",
            "profile__student_id",
            "offer__company__legal_name",
            "offer__programme__crebo",
            "score",
            "status",
            *(
                ["profile__student__user__full_name", "profile__student__student_number"]
                if released
                else []
            ),
        )
        .iterator(chunk_size=2000)
    )

    def lines() -> Iterator[list[Any]]:
        for pseudonym, student_id, company, crebo, score, status, *who in rows:
            if who and student_id not in visible:
                who = ["", ""]
            yield [pseudonym, *who, company or "", crebo or "", score, status_label[status]]

    return Table(f"ronde-{rnd.pk}-matches", columns, lines())
