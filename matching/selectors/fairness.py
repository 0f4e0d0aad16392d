"""Fairness figures of a run, per group, computed after the allocation and outside the engine
(group labels never enter it).

Per group (support need yes/no, programme, level, leerweg, home municipality) and for the
whole cohort of the run: students, placed, placement rate, mean score and mean travel time of
the placed, and the first-choice share (variants 2-3); each with its gap to the cohort. The
students of the round who look for a placement themselves (own placement / opt-out) are a
group of their own: they are not in the run, so only their number and how many have an
approved own placement are given. A group whose placement rate is more than `WARN_POINTS`
below the cohort's gets a warning with its main unplaced reasons.

Runs store their figures in `quality` when they are computed (`matching.services.runs`), so a
page never reads a run's (large) input or output for them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from catalog.models import Place
from matching.engine import render_reason
from matching.models import Round, Run, RunStatus
from students.models import LearningProfile, OwnPlacementStatus, ProfileStatus, Student

WARN_POINTS = 10.0
DIMENSIONS = ("support", "programme", "level", "pathway", "municipality", "own")


def dimension_label(key: str) -> str:
    return {
        "cohort": _("Hele cohort"),
        "support": _("Extra begeleiding"),
        "programme": _("Opleiding"),
        "level": _("Niveau"),
        "pathway": _("Leerweg"),
        "municipality": _("Woongemeente"),
        "own": _("Zelf een stage gezocht"),
    }[key]


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _figures(
    ids: list[str],
    placed: Mapping[str, str],
    explanations: Mapping[str, Any],
    first: set[str] | None,
) -> dict[str, Any]:
    got = [s for s in ids if s in placed]
    scores = [float(explanations[s]["score"]) for s in got if s in explanations]
    travel = [float(explanations[s]["travel_minutes"]) for s in got if s in explanations]
    return {
        "students": len(ids),
        "placed": len(got),
        "rate": _share(len(got), len(ids)),
        "mean_score": _mean(scores),
        "mean_travel": _mean(travel),
        "first_choice": None if first is None else _share(len(first & set(got)), len(got)),
    }


def _gap(value: float | None, cohort: float | None, scale: float = 1.0) -> float | None:
    if value is None or cohort is None:
        return None
    return round((value - cohort) * scale, 1)


def fairness_figures(
    snapshot: Mapping[str, Any],
    output: Mapping[str, Any],
    labels: Mapping[str, Mapping[str, str]],
    own: tuple[int, int] = (0, 0),
) -> dict[str, Any]:
    """The figures of one run from its snapshot and output; `labels` gives per student id the
    group labels the engine never saw (programme, pathway, municipality), `own` the number of
    the round's students who look for a placement themselves and how many have one approved."""
    students = list(snapshot.get("students", []))
    placed = {a["student"]: a["offer"] for a in output.get("assignments", [])}
    explanations = output.get("explanations", {})
    ranks = snapshot.get("ranks") or {}
    first: set[str] | None = None
    if snapshot.get("objective") == "rank":
        first = {s for s, o in placed.items() if ranks.get(s) and ranks[s][0] == o}
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for s in students:
        sid = str(s["id"])
        lab = labels.get(sid, {})
        groups[("support", "yes" if s.get("needs_extra_supervision") else "no")].append(sid)
        groups[("programme", lab.get("programme", s.get("crebo", "")))].append(sid)
        groups[("level", str(s.get("level", "")))].append(sid)
        groups[("pathway", lab.get("pathway", ""))].append(sid)
        groups[("municipality", lab.get("municipality", "") or "–")].append(sid)
    all_ids = [str(s["id"]) for s in students]
    cohort = _figures(all_ids, placed, explanations, first)
    reasons = output.get("unplaced_reasons", {})
    rows = []
    order = sorted(groups.items(), key=lambda kv: (DIMENSIONS.index(kv[0][0]), kv[0][1]))
    for (dim, label), ids in order:
        row = {"dimension": dim, "label": label, **_figures(ids, placed, explanations, first)}
        row["gap_rate"] = _gap(row["rate"], cohort["rate"], 100.0)
        row["gap_score"] = _gap(row["mean_score"], cohort["mean_score"])
        row["gap_travel"] = _gap(row["mean_travel"], cohort["mean_travel"])
        row["gap_first"] = _gap(row["first_choice"], cohort["first_choice"], 100.0)
        row["warn"] = row["gap_rate"] is not None and row["gap_rate"] < -WARN_POINTS
        counter: Counter[tuple[str, str]] = Counter(
            (reasons[s].get("reason", ""), str(reasons[s].get("params", {}).get("rule", "")))
            for s in ids
            if s not in placed and s in reasons
        )
        row["reasons"] = [[key, rule, n] for (key, rule), n in counter.most_common(3)]
        rows.append(row)
    n_own, n_own_placed = own
    if n_own:
        row = {
            "dimension": "own",
            "label": "own",
            "students": n_own,
            "placed": n_own_placed,
            "rate": _share(n_own_placed, n_own),
            "mean_score": None,
            "mean_travel": None,
            "first_choice": None,
            "gap_score": None,
            "gap_travel": None,
            "gap_first": None,
            "reasons": [],
        }
        row["gap_rate"] = _gap(row["rate"], cohort["rate"], 100.0)
        row["warn"] = False  # they are not placed by the round; shown for completeness
        rows.append(row)
    return {"cohort": cohort, "groups": rows}


def group_label(dimension: str, label: str) -> str:
    """A group's label as shown (labels are stored as data, not as translated text)."""
    if dimension == "support":
        return _("met extra begeleiding") if label == "yes" else _("zonder extra begeleiding")
    if dimension == "own":
        return _("eigen stageplek of zelf zoeken")
    if dimension == "level":
        return _("niveau %(n)s") % {"n": label}
    return label


def reason_text(key: str, rule: str, language: str = "nl") -> str:
    """A stored unplaced reason as a sentence."""
    if key == "unplaced_no_eligible":
        return render_reason(key, {"rule": rule or "crebo"}, language)
    if key == "unplaced_all_full":
        return _("passende plaatsen al bezet")
    return key


def group_labels(profile_ids: Iterable[str]) -> dict[str, dict[str, str]]:
    """Per learning-profile id the labels of its groups: programme (name), leerweg and home
    municipality. Never a name or any other personal field."""
    rows = list(
        LearningProfile.objects.filter(pk__in=[int(p) for p in profile_ids]).values_list(
            "pk", "student__programme__name", "student__programme__pathway", "home_place_id"
        )
    )
    places = dict(
        Place.objects.filter(pk__in={r[3] for r in rows if r[3]}).values_list("pk", "municipality")
    )
    return {
        str(pk): {"programme": name, "pathway": pathway, "municipality": places.get(place, "")}
        for pk, name, pathway, place in rows
    }


def own_placements(rnd: Round) -> tuple[int, int]:
    """How many students of the round's programmes and cohort look for a placement themselves,
    and how many of them have an approved own placement."""
    students = Student.objects.filter(
        programme__in=rnd.programmes.all(),
        cohort=rnd.cohort,
        profile__status=ProfileStatus.OPTED_OUT,
    )
    approved = students.filter(own_placement__status=OwnPlacementStatus.APPROVED).count()
    return students.count(), approved


def run_fairness(run: Run) -> dict[str, Any] | None:
    """The stored figures of a finished run (None for a run made before they were kept)."""
    if run.status != RunStatus.DONE:
        return None
    stored = (run.quality or {}).get("fairness")
    return stored or None
