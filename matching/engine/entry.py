"""The engine's entry points. Everything that can change a run's output sits behind `run_round`
and is covered by `ENGINE_VERSION`.

All three take a snapshot: the JSON-ready engine input a run freezes (see README.md),
`{"students": [...], "offers": [...], "settings": {...}, "objective": "score" | "rank",
"ranks": {student: [offer, ...]}, "shortlists": {student: [offer, ...]}}`; only
`students` and `offers` are required.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from .allocate import allocate, shortlists
from .io import offer_from_dict, settings_from_dict, student_from_dict
from .pairs import PairTable, ScoredPair
from .scoring import score_pairs
from .types import OfferProfile, RoundSettings, StudentProfile

# How many of a student's best eligible offers a run keeps (for the review page).
CANDIDATES_KEPT = 10

Snapshot = Mapping[str, Any]
Progress = Callable[[int], None]


def _profiles(
    snapshot: Snapshot,
) -> tuple[list[StudentProfile], list[OfferProfile], RoundSettings]:
    students = [student_from_dict(d) for d in snapshot["students"]]
    offers = [offer_from_dict(d) for d in snapshot["offers"]]
    return students, offers, settings_from_dict(snapshot.get("settings"))


def _only_shortlisted(table: PairTable, allowed: Mapping[str, list[str]]) -> PairTable:
    """Variant 2: only the offers on a student's shortlist count as eligible."""
    lists = {sid: set(oids) for sid, oids in allowed.items()}
    keep = np.array(
        [
            table.offers[o].id in lists.get(table.students[s].id, set())
            for s, o in zip(table.student_idx, table.offer_idx, strict=True)
        ],
        dtype=bool,
    )
    return table.subset(keep)


def run_round(snapshot: Snapshot, seed: int, *, progress: Progress | None = None) -> dict[str, Any]:
    """A run's output: the allocation with its reasons, shortages and quality, the explanation
    of every assignment and each student's best candidates.

    The same snapshot and seed always give the same output (byte for byte as JSON). With
    `shortlists` in the snapshot only shortlisted offers are eligible. `progress`, when given,
    is called with a percentage as the work goes on. Raises ValueError on bad input.
    """
    students, offers, settings = _profiles(snapshot)
    if progress:
        progress(20)
    table = score_pairs(students, offers, settings)
    if progress:
        progress(60)
    allowed = snapshot.get("shortlists")
    if allowed is not None:
        table = _only_shortlisted(table, allowed)
    alloc, table = allocate(
        students,
        offers,
        settings,
        seed=seed,
        objective=snapshot.get("objective", "score"),
        ranks=snapshot.get("ranks"),
        table=table,
    )
    if progress:
        progress(90)
    out = alloc.as_dict()
    pair = {
        (table.students[int(table.student_idx[k])].id, table.offers[int(table.offer_idx[k])].id): k
        for k in range(len(table))
    }
    out["explanations"] = {s: table.explain(pair[(s, o)]).as_dict() for s, o in alloc.assignments}
    candidates: dict[str, list[list[Any]]] = {}
    for k in range(len(table)):
        sid = table.students[int(table.student_idx[k])].id
        candidates.setdefault(sid, []).append(
            [table.offers[int(table.offer_idx[k])].id, round(float(table.score[k]), 2)]
        )
    out["candidates"] = {
        s: sorted(c, key=lambda x: (-x[1], x[0]))[:CANDIDATES_KEPT] for s, c in candidates.items()
    }
    return out


def student_options(snapshot: Snapshot, student_id: str) -> list[ScoredPair]:
    """One student's eligible offers in `snapshot`, each scored and explained, best first
    (ties by offer id). Shortlists are not applied: these are all offers the hard rules allow.

    Used for the live reach hint, the alternatives when a reviewer moves a student, and
    re-placement. Raises KeyError when the student is not in the snapshot.
    """
    student = next(
        (student_from_dict(d) for d in snapshot["students"] if str(d["id"]) == student_id), None
    )
    if student is None:
        raise KeyError(student_id)
    offers = [offer_from_dict(d) for d in snapshot["offers"]]
    table = score_pairs([student], offers, settings_from_dict(snapshot.get("settings")))
    return sorted(table.explained(), key=lambda p: (-p.score, p.offer))


def make_shortlists(snapshot: Snapshot, seed: int, k: int) -> dict[str, list[str]]:
    """Variant 2: up to `k` offers per student, starting with the one the score optimum gives
    them (see `allocate.shortlists`). Students without any eligible offer are left out."""
    students, offers, settings = _profiles(snapshot)
    alloc, table = allocate(students, offers, settings, seed=seed)
    return shortlists(table, alloc, k=k, seed=seed)
