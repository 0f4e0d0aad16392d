"""Which matches need a look of their own: the one rule behind the review list's marks, the
bulk approval (which leaves them out) and the match page (which says why).

A match is flagged when its score is below the round's threshold, its travel time is above
80 % of the student's maximum, it was moved, a reviewer objected to it, or a move lowered its
score or lengthened its travel compared to what the chosen run proposed. A flagged match is
approved one by one from its own page (`Approval.opened`), never in bulk.
"""

from __future__ import annotations

from django.db.models import BooleanField, ExpressionWrapper, F, FloatField, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from matching.models import Match, MatchStatus

# Travel above this share of the student's own maximum is flagged.
TRAVEL_SHARE = 0.8

FLAG_LABELS: dict[str, Promise] = {
    "low_score": _("score onder de grens van de ronde"),
    "long_travel": _("reistijd boven 80% van het maximum van de student"),
    "moved": _("verplaatst"),
    "objected": _("bezwaar van een beoordelaar"),
    "worse_move": _("verplaatsing verlaagde de score of verlengde de reistijd"),
}


def flag_conditions() -> dict[str, Q]:
    """Each flag as a condition on a match row (so a list, a count and the bulk approval
    apply it in the database, in one query)."""
    travel_limit = ExpressionWrapper(F("max_travel_minutes") * TRAVEL_SHARE, FloatField())
    moved = Q(changed_by__isnull=False)
    return {
        "low_score": Q(score__lt=F("round__review_score_threshold")),
        "long_travel": Q(travel_minutes__gt=travel_limit),
        "moved": moved,
        "objected": Q(status=MatchStatus.OBJECTED) | ~Q(objection=""),
        "worse_move": moved
        & (Q(score__lt=F("proposed_score")) | Q(travel_minutes__gt=F("proposed_travel_minutes"))),
    }


def flagged() -> Q:
    """Any flag."""
    conditions = list(flag_conditions().values())
    combined = conditions[0]
    for q in conditions[1:]:
        combined |= q
    return combined


def with_flags(qs: QuerySet[Match]) -> QuerySet[Match]:
    """`qs` with a boolean `flag_<name>` per flag."""
    return qs.annotate(
        **{
            f"flag_{name}": ExpressionWrapper(q, output_field=BooleanField())
            for name, q in flag_conditions().items()
        }
    )


def flag_reasons(match: Match) -> list[str]:
    """Why `match` is flagged, in words (empty: it may be approved in bulk). Reads the
    annotations of `with_flags` when present, else asks the database once."""
    values: dict[str, bool]
    if hasattr(match, "flag_moved"):
        values = {name: bool(getattr(match, f"flag_{name}")) for name in FLAG_LABELS}
    else:
        row = with_flags(Match.objects.filter(pk=match.pk)).values(
            *(f"flag_{name}" for name in FLAG_LABELS)
        )
        found = row.first() or {}
        values = {name: bool(found.get(f"flag_{name}")) for name in FLAG_LABELS}
    return [str(label) for name, label in FLAG_LABELS.items() if values[name]]
