"""Quality figures of an allocation: placed, score distribution, choice shares, waste."""

from __future__ import annotations

from typing import Any

import numpy as np


def allocation_quality(
    placed: int,
    s_idx: np.ndarray,
    o_idx: np.ndarray,
    units: np.ndarray,
    ranks: np.ndarray,
    chosen: np.ndarray,
    capacities: np.ndarray,
    n_students: int,
    objective: str,
    score_units: int,
) -> dict[str, Any]:
    eligible = int(len(np.unique(s_idx))) if len(s_idx) else 0
    scores = units[chosen] / score_units
    q: dict[str, Any] = {
        "students": n_students,
        "eligible": eligible,
        "placed": placed,
        "placed_of_eligible": round(placed / eligible, 4) if eligible else None,
        "score": distribution(scores),
    }
    used = np.bincount(o_idx[chosen], minlength=len(capacities))
    free = capacities - used
    if objective == "rank":
        placed_rank = ranks[chosen]
        q["first_choice_share"] = round(float((placed_rank == 1).mean()), 4) if placed else None
        q["top3_share"] = round(float((placed_rank <= 3).mean()), 4) if placed else None
    # Waste: a student placed lower than (or not at) an offer they rank higher that has room.
    rank_of_choice = np.full(n_students, np.iinfo(np.int64).max)
    rank_of_choice[s_idx[chosen]] = ranks[chosen] if objective == "rank" else 0
    if objective == "rank":
        better_free = (ranks < rank_of_choice[s_idx]) & (free[o_idx] > 0)
    else:
        better_free = (rank_of_choice[s_idx] == np.iinfo(np.int64).max) & (free[o_idx] > 0)
    q["waste"] = int(len(np.unique(s_idx[better_free])))
    return q


def distribution(values: np.ndarray) -> dict[str, float] | None:
    if values.size == 0:
        return None
    p = np.percentile(values, [0, 25, 50, 75, 100])
    return {
        "mean": round(float(values.mean()), 2),
        "min": round(float(p[0]), 2),
        "p25": round(float(p[1]), 2),
        "median": round(float(p[2]), 2),
        "p75": round(float(p[3]), 2),
        "max": round(float(p[4]), 2),
    }
