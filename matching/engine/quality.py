"""Quality figures of an allocation: placed, score distribution, choice shares, waste."""

from __future__ import annotations

from typing import Any

import numpy as np


def allocation_quality(
    placed: int,
    eligible: int,
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
    """The figures of an allocation: `placed` of the `eligible` students (those with an
    edge) are placed; `chosen` holds the positions of the chosen edges, ascending."""
    scores = units[chosen] / score_units
    q: dict[str, Any] = {
        "students": n_students,
        "eligible": eligible,
        "placed": placed,
        "placed_of_eligible": round(placed / eligible, 4) if eligible else None,
        "score": distribution(scores),
    }
    used = np.bincount(o_idx[chosen], minlength=len(capacities))
    has_room = capacities - used > 0
    if objective == "rank":
        placed_rank = ranks[chosen]
        q["first_choice_share"] = round(float((placed_rank == 1).mean()), 4) if placed else None
        q["top3_share"] = round(float((placed_rank <= 3).mean()), 4) if placed else None
    # Waste: a student placed lower than (or not at) an offer they rank higher that has room.
    if objective == "rank":
        rank_of_choice = np.full(n_students, np.iinfo(np.int64).max)
        rank_of_choice[s_idx[chosen]] = placed_rank
        better_free = (ranks < rank_of_choice[s_idx]) & has_room[o_idx]
        wasted = np.zeros(n_students, dtype=bool)
        wasted[s_idx[better_free]] = True
        q["waste"] = int(np.count_nonzero(wasted))
    elif placed == eligible:  # (only an unplaced student can be wasted)
        q["waste"] = 0
    else:
        unplaced = np.ones(n_students, dtype=bool)
        unplaced[s_idx[chosen]] = False
        better_free = unplaced[s_idx] & has_room[o_idx]
        wasted = np.zeros(n_students, dtype=bool)
        wasted[s_idx[better_free]] = True
        q["waste"] = int(np.count_nonzero(wasted))
    return q


def distribution(values: np.ndarray) -> dict[str, float] | None:
    if values.size == 0:
        return None
    p = _quartiles(values)
    return {
        "mean": round(float(values.mean()), 2),
        "min": round(p[0], 2),
        "p25": round(p[1], 2),
        "median": round(p[2], 2),
        "p75": round(p[3], 2),
        "max": round(p[4], 2),
    }


def _quartiles(values: np.ndarray) -> list[float]:
    """`np.percentile(values, [0, 25, 50, 75, 100])` (its default linear method, the same
    arithmetic on the same doubles) from one sort, without its general machinery."""
    ordered = np.sort(values)
    if ordered.dtype != np.float64 or np.isnan(ordered[-1]):
        return [float(x) for x in np.percentile(values, [0, 25, 50, 75, 100])]
    last = len(ordered) - 1
    out = []
    for q in (0.0, 0.25, 0.5, 0.75, 1.0):
        virtual = last * q
        below = min(int(virtual), last)  # (virtual >= 0: floor)
        a, b = float(ordered[below]), float(ordered[min(below + 1, last)])
        t = virtual - below
        diff = b - a
        out.append(b - diff * (1 - t) if t >= 0.5 else a + diff * t)
    return out
