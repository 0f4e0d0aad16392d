"""Which matches need a look of their own: the one rule behind the review list's marks, the
bulk approval (which leaves them out) and the match page (which says why).

A match is flagged when its score is below the round's threshold, its travel time is above
80 % of the student's maximum, it was moved, a reviewer objected to it, a move lowered its
score or lengthened its travel compared to what the chosen run proposed, or it sends the
student back to a company that refused them (or where their placement ended over
discrimination): the engine input leaves such companies out (`excluded`), and should a
match still come to one (a move, an old run), the reviewers must see it.
A flagged match is approved one by one from its own page (`Approval.opened`), never in bulk.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from followup.models import EndReason
from matching.models import Match, MatchStatus
from placements.models import Placement

# Travel above this share of the student's own maximum is flagged.
TRAVEL_SHARE = 0.8

FLAG_LABELS: dict[str, Promise] = {
    "low_score": _("score onder de grens van de ronde"),
    "long_travel": _("reistijd boven 80% van het maximum van de student"),
    "moved": _("verplaatst"),
    "objected": _("bezwaar van een beoordelaar"),
    "worse_move": _("verplaatsing verlaagde de score of verlengde de reistijd"),
    "refused_before": _(
        "dit bedrijf weigerde deze student eerder (of de stage eindigde door discriminatie): "
        "kies een ander bedrijf"
    ),
}

# Early ends (followup's `Ending`, reached through the placement) after which the student is
# never sent back to that company.
NEVER_AGAIN = Q(ending__breach=True) | Q(
    ending__reason__in=[EndReason.REFUSAL, EndReason.DISCRIMINATION]
)


def never_again(student_ids: Iterable[int]) -> dict[int, set[int]]:
    """Per student, the companies they are never sent to again (NEVER_AGAIN): the engine
    input of a round, a move's and a re-placement's options leave them out."""
    rows = (
        Placement.objects.filter(NEVER_AGAIN, student_id__in=list(student_ids))
        .values_list("student_id", "company_id")
        .distinct()
    )
    out: dict[int, set[int]] = {}
    for student_id, company_id in rows:
        out.setdefault(student_id, set()).add(company_id)
    return out


def excluded_input(pairs: Iterable[tuple[int, int]]) -> dict[str, list[str]]:
    """The engine's `excluded` input for (profile id, student id) pairs: profile id to the
    ids of the companies its student is never sent to again."""
    pairs = list(pairs)
    never = never_again(student for _profile, student in pairs)
    return {
        str(profile): sorted(str(c) for c in never[student])
        for profile, student in pairs
        if student in never
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
        "refused_before": Q(
            Exists(
                Placement.objects.filter(NEVER_AGAIN).filter(
                    student_id=OuterRef("profile__student_id"),
                    company_id=OuterRef("offer__company_id"),
                )
            )
        ),
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
