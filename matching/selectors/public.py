"""What the public page of an institution shows: per released round the weights and settings
as used, the figures and the fairness figures per group (through the one small-count rule,
`catalog.public`), the lottery of every round, and the Algoritmeregister facts."""

from __future__ import annotations

from typing import Any

from django.db.models import Avg, Count, Q

from accounts.models import Institution
from catalog.public import public_count, public_share
from matching.engine import ENGINE_VERSION, Weights
from matching.models import Objection, ObjectionStatus, Round, RoundStatus, Run

from .fairness import dimension_label, group_label
from .lottery import lottery_published


def _public_groups(fairness: dict[str, Any] | None) -> list[dict[str, str]]:
    """The fairness rows as they may be published: small counts through the one public rule,
    and no rates of a small group."""
    if not fairness:
        return []
    rows = [{"dimension": "cohort", "label": "", **fairness["cohort"]}, *fairness["groups"]]
    return [
        {
            "group": dimension_label(r["dimension"])
            if r["dimension"] == "cohort"
            else f"{dimension_label(r['dimension'])}: {group_label(r['dimension'], r['label'])}",
            "students": public_count(r["students"]),
            "placed": public_count(r["placed"]),
            "rate": public_share(r["rate"], r["students"]),
            "first_choice": public_share(r["first_choice"], r["placed"]),
        }
        for r in rows
    ]


def released_rounds(institution: Institution) -> list[dict[str, Any]]:
    """Per released round: figures, objections and their outcomes, weights and settings as
    used, fairness per group."""
    rounds = Round.objects.filter(
        institution=institution, status__in=[RoundStatus.RELEASED, RoundStatus.CLOSED]
    )
    out = []
    for rnd in (r for r in rounds if r.is_released()):
        agg = rnd.matches.aggregate(
            total=Count("id"),
            placed=Count("id", filter=Q(offer__isnull=False)),
            mean=Avg("score"),
            changed=Count("id", filter=Q(changed_by__isnull=False)),
        )
        run = (
            Run.objects.filter(pk=rnd.chosen_run_id)
            .values("engine_settings", "quality", "engine_version")
            .first()
        ) or {}
        settings = run.get("engine_settings") or {}
        weights = settings.get("weights") or rnd.weights or Weights().as_dict()
        total_weight = sum(float(v) for v in weights.values()) or 1.0
        out.append(
            {
                "round": rnd,
                "total": public_count(agg["total"]),
                "placed": public_count(agg["placed"]),
                "mean": agg["mean"],
                "changed": public_count(agg["changed"]),
                **{k: public_count(v) for k, v in objection_figures(rnd).items()},
                "weights": {k: float(v) / total_weight for k, v in weights.items()},
                "text_weighted": float(weights.get("learning_text") or 0) > 0,
                "priority": bool(settings.get("priority", rnd.priority)),
                "engine_version": run.get("engine_version", ""),
                "groups": _public_groups((run.get("quality") or {}).get("fairness")),
            }
        )
    return out


def objection_figures(rnd: Round) -> dict[str, int]:
    """The students' objections of a round and their outcomes."""
    row = Objection.objects.filter(match__round=rnd).aggregate(
        objections=Count("id"),
        upheld=Count("id", filter=Q(status=ObjectionStatus.UPHELD)),
        rejected=Count("id", filter=Q(status=ObjectionStatus.REJECTED)),
        replaced=Count("id", filter=Q(replacement__isnull=False)),
    )
    row["undecided"] = row["objections"] - row["upheld"] - row["rejected"]
    return row


def lotteries(institution: Institution) -> list[tuple[Round, dict[str, object] | None]]:
    """Every round with a committed lottery: its commitment, and from the release its seeds."""
    rounds = Round.objects.filter(institution=institution).exclude(seed_commitment="")
    return [(r, lottery_published(r)) for r in rounds]


def algorithm_facts(institution: Institution) -> dict[str, Any]:
    """Version and the date it was first used at this institution (Algoritmeregister)."""
    first = (
        Run.objects.filter(round__institution=institution, engine_version=ENGINE_VERSION)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return {"version": ENGINE_VERSION, "since": first}
