"""Exact, reproducible allocation on an explicit sparse graph of eligible pairs.

Objective, lexicographic:
  0. only when asked (`priority`): place as many priority students as possible;
  1. place as many students as possible (max flow);
  2. then "score": maximise the total score (variant 1), or "rank": minimise the total rank
     of the students' own preferences, then maximise the total score (variants 2 and 3);
  3. then a seeded lottery breaks the remaining ties.
Each level is an integer cost and the levels are combined with multipliers so large that a
lower level can never outweigh one unit of a higher level, even summed over all students of a
component. OR-Tools' `solve_max_flow_with_min_cost` solves (1)+(2)+(3) exactly in one call.
Level 0 is solved as a cost level below the max flow, and that is exact: the sets of students
that some assignment places form a (transversal) matroid, so every set of placed priority
students extends to a maximum assignment; the most priority students any assignment places are
therefore also placed by a maximum one (tested against brute force).
Eligibility never crosses programmes, so the graph splits into independent components that are
solved one by one (each with its own, smaller cost range).

The lottery value of a pair is keyed on (seed, student id, offer id), never on input position,
so the output does not depend on input order; same input and seed give byte-identical output.
"""

from __future__ import annotations

import hashlib
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Literal

import numpy as np
from ortools.graph.python import min_cost_flow

from .components import Component, components
from .hashing import canonical_sha256
from .lottery import lottery
from .quality import allocation_quality
from .version import ENGINE_VERSION

Objective = Literal["score", "rank"]
SCORE_UNITS = 100  # scores are compared at 0.01 resolution
MAX_SCORE_UNITS = 100 * SCORE_UNITS
LOTTERY_RANGE = 1024
# OR-Tools refuses cost ranges where max |cost| x nodes overflows; stay well below.
COST_BUDGET = 4 * 10**17


@dataclass
class Allocation:
    assignments: list[tuple[str, str]]
    unplaced: list[str]
    seed: int
    objective: str
    total_score_units: int
    total_rank: int | None
    input_sha256: str
    engine_version: str
    unplaced_reasons: dict[str, dict[str, Any]] = field(default_factory=dict)
    shortages: list[dict[str, Any]] = field(default_factory=list)
    quality: dict[str, Any] = field(default_factory=dict)

    @property
    def placed(self) -> int:
        return len(self.assignments)

    @property
    def total_score(self) -> float:
        return self.total_score_units / SCORE_UNITS

    def as_dict(self) -> dict[str, Any]:
        return {
            "engine_version": self.engine_version,
            "input_sha256": self.input_sha256,
            "seed": self.seed,
            "objective": self.objective,
            "placed": self.placed,
            "total_score": round(self.total_score, 2),
            "total_rank": self.total_rank,
            "assignments": [{"student": s, "offer": o} for s, o in self.assignments],
            "unplaced": self.unplaced,
            "unplaced_reasons": self.unplaced_reasons,
            "shortages": self.shortages,
            "quality": self.quality,
        }


def _weights(max_values: list[int], n_students: int) -> tuple[list[int], int]:
    """Multipliers for integer levels with these maxima (most important first) so that no
    lower level outweighs one unit of a higher one, even summed over all students; and the
    largest combined cost of an edge."""
    weights = []
    weight, span = 1, 0
    for max_value in reversed(max_values):
        weights.append(weight)
        span += max_value * weight
        weight = n_students * span + 1
    return weights[::-1], span


def _solve_component(part: Component, costs: np.ndarray, capacities: np.ndarray) -> np.ndarray:
    """Min-cost max-flow; returns the mask of the component's chosen edges.

    Nodes: the source 0, the students 1..n, the offers, the sink; arcs: source to each
    student, the edges, each offer to the sink (in this order)."""
    n_s, m, n_c = part.n_students, len(costs), len(capacities)
    sink = 1 + n_s + n_c
    n_arcs = n_s + m + n_c
    tails = np.empty(n_arcs, dtype=np.int64)
    tails[:n_s] = 0
    np.add(part.s_local, 1, out=tails[n_s : n_s + m])
    tails[n_s + m :] = np.arange(1 + n_s, sink)
    heads = np.empty(n_arcs, dtype=np.int64)
    heads[:n_s] = np.arange(1, 1 + n_s)
    np.add(part.o_local, 1 + n_s, out=heads[n_s : n_s + m])
    heads[n_s + m :] = sink
    caps = np.ones(n_arcs, dtype=np.int64)
    caps[n_s + m :] = capacities
    unit = np.zeros(n_arcs, dtype=np.int64)
    unit[n_s : n_s + m] = costs
    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, unit)
    smcf.set_node_supply(0, int(n_s))
    smcf.set_node_supply(sink, -int(n_s))
    status = smcf.solve_max_flow_with_min_cost()
    if status != smcf.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    flows = smcf.flows(np.arange(n_s, n_s + m))
    return np.asarray(flows) > 0


def allocate_edges(
    *,
    students: Sequence[str],
    offers: dict[str, int],
    edges: Sequence[tuple[str, str, float, int | None]],
    seed: int,
    objective: Objective = "score",
    engine_version: str = "",
    priority: frozenset[str] = frozenset(),
) -> Allocation:
    """Allocate on an explicit graph: (student, offer, score 0-100, rank or None) edges.

    The command line's graph form. It turns the ids and tuples into arrays and calls
    `allocate_arrays`, which does the rest (the run's path calls that directly).
    """
    student_ids = sorted(set(students))
    if len(student_ids) != len(students):
        raise ValueError("duplicate student id")
    if not priority <= set(student_ids):
        raise ValueError("priority names an unknown student")
    offer_ids = sorted(offers)
    s_pos = {sid: i for i, sid in enumerate(student_ids)}
    o_pos = {oid: j for j, oid in enumerate(offer_ids)}
    n_e = len(edges)
    s_idx = _positions(s_pos, (e[0] for e in edges), n_e)
    o_idx = _positions(o_pos, (e[1] for e in edges), n_e)
    alloc, _ = allocate_arrays(
        student_ids=student_ids,
        offer_ids=offer_ids,
        capacities=np.array([int(offers[o]) for o in offer_ids], dtype=np.int64),
        s_idx=s_idx,
        o_idx=o_idx,
        scores=np.fromiter((float(e[2]) for e in edges), dtype=np.float64, count=n_e),
        ranks=np.fromiter(
            (0 if len(e) < 4 or e[3] is None else int(e[3]) for e in edges),
            dtype=np.int64,
            count=n_e,
        ),
        seed=seed,
        objective=objective,
        engine_version=engine_version,
        priority=np.array([sid in priority for sid in student_ids], dtype=bool),
    )
    return alloc


def _positions(pos: dict[str, int], ids: Iterable[Any], n: int) -> np.ndarray:
    """The positions of `ids` (an id that is not a string counts as its text)."""
    ids = list(ids)
    try:
        try:
            return np.fromiter((pos[i] for i in ids), dtype=np.int64, count=n)
        except KeyError:
            return np.fromiter((pos[str(i)] for i in ids), dtype=np.int64, count=n)
    except KeyError as exc:
        raise ValueError(f"an edge names an unknown student or offer: {exc}") from None


def allocate_arrays(
    *,
    student_ids: Sequence[str],
    offer_ids: Sequence[str],
    capacities: np.ndarray,
    s_idx: np.ndarray,
    o_idx: np.ndarray,
    scores: np.ndarray,
    ranks: np.ndarray,
    seed: int,
    objective: Objective = "score",
    engine_version: str = "",
    priority: np.ndarray | None = None,
) -> tuple[Allocation, np.ndarray]:
    """Allocate on a graph given as arrays; returns the allocation and the chosen-edge mask
    (aligned with the given edges).

    `student_ids` and `offer_ids` are sorted and unique; edge k joins student `s_idx[k]` and
    offer `o_idx[k]` with a score 0-100 and a rank (0: not ranked). `priority` marks students
    (level 0). With objective "rank", a student who ranked nothing is treated as ranking their
    eligible offers by score (ties by lottery), so not ranking neither helps nor harms them;
    offers a student did not rank come after the ones they did. Raises ValueError on bad input.
    """
    if objective not in ("score", "rank"):
        raise ValueError("objective must be 'score' or 'rank'")
    for ids, what in ((student_ids, "student"), (offer_ids, "offer")):
        if not all(map(operator.lt, ids, islice(ids, 1, None))):
            raise ValueError(f"{what} ids must be sorted and unique")
    n_s, n_o, n_e = len(student_ids), len(offer_ids), len(s_idx)
    if (capacities < 0).any():
        raise ValueError("capacity must be 0 or more")

    def edge(k: int) -> str:
        return f"edge {k} ({student_ids[s_idx[k]]}-{offer_ids[o_idx[k]]})"

    if n_e and (s_idx.min() < 0 or s_idx.max() >= n_s or o_idx.min() < 0 or o_idx.max() >= n_o):
        raise ValueError("an edge names an unknown student or offer")
    if n_e and not (scores.min() >= 0 and scores.max() <= 100):  # (a NaN fails both)
        bad = (scores < 0) | (scores > 100) | np.isnan(scores)
        raise ValueError(f"{edge(int(np.flatnonzero(bad)[0]))}: score must be between 0 and 100")
    if n_e and ranks.min() < 0:
        raise ValueError(f"{edge(int(np.flatnonzero(ranks < 0)[0]))}: rank must be 1 or more")
    key = s_idx * max(1, n_o) + o_idx
    order: np.ndarray | None = None
    if n_e > 1 and not (np.diff(key) > 0).all():  # not yet in canonical (student, offer) order
        order = np.lexsort((o_idx, s_idx))
        s_idx, o_idx, ranks, scores = s_idx[order], o_idx[order], ranks[order], scores[order]
        dup = (np.diff(s_idx) == 0) & (np.diff(o_idx) == 0)
        if dup.any():
            k = int(np.flatnonzero(dup)[0])
            raise ValueError(f"edge {student_ids[s_idx[k]]}-{offer_ids[o_idx[k]]} appears twice")
    units = np.rint(scores * SCORE_UNITS).astype(np.int64)
    prio = priority if priority is not None and priority.any() else None
    # The input hash covers the sorted ids, capacities and the canonical edge arrays.
    header: dict[str, Any] = {
        "seed": seed,
        "objective": objective,
        "students": list(student_ids),
        "offers": [[o, c] for o, c in zip(offer_ids, capacities.tolist(), strict=True)],
    }
    if prio is not None:
        header["priority"] = [student_ids[i] for i in np.flatnonzero(prio).tolist()]
    digest = hashlib.sha256()
    digest.update(canonical_sha256(header).encode())
    for a in (s_idx, o_idx, units, ranks):
        digest.update(np.ascontiguousarray(a, dtype="<i8").data)
    sha = digest.hexdigest()
    lot_full = lottery(seed, student_ids, offer_ids, s_idx, o_idx, LOTTERY_RANGE)

    if objective == "rank":
        ranks = _effective_ranks(s_idx, units, ranks, lot_full)
    # Level 0 (only with priority): 1 for an edge of a student without priority, else 0.
    not_prio = None if prio is None else (~prio[s_idx]).astype(np.int64)

    chosen = np.zeros(n_e, dtype=bool)
    eligible = 0  # students with an edge
    if n_e:
        for part in components(s_idx, o_idx, n_s, n_o):
            eligible += part.n_students
            chosen[part.edges] = _solve_part(
                part, units, ranks, lot_full, not_prio, capacities, objective
            )
    picked = np.flatnonzero(chosen)
    placed_s = s_idx[picked]
    assignments = [
        (student_ids[a], offer_ids[b])
        for a, b in zip(placed_s.tolist(), o_idx[picked].tolist(), strict=True)
    ]
    is_placed = np.zeros(n_s, dtype=bool)
    is_placed[placed_s] = True
    unplaced = np.flatnonzero(~is_placed).tolist()
    alloc = Allocation(
        assignments=assignments,
        unplaced=[student_ids[i] for i in unplaced],
        seed=seed,
        objective=objective,
        total_score_units=int(units[picked].sum()),
        total_rank=int(ranks[picked].sum()) if objective == "rank" else None,
        input_sha256=sha,
        engine_version=engine_version or ENGINE_VERSION,
    )
    alloc.quality = allocation_quality(
        alloc.placed,
        eligible,
        s_idx,
        o_idx,
        units,
        ranks,
        picked,
        capacities,
        n_s,
        objective,
        SCORE_UNITS,
    )
    # Each unplaced student's run of edges (the edges are sorted by student).
    at = np.asarray(unplaced, dtype=np.int64)
    firsts = np.searchsorted(s_idx, at).tolist()
    ends = np.searchsorted(s_idx, at + 1).tolist()
    for i, first, end in zip(unplaced, firsts, ends, strict=True):
        sid = student_ids[i]
        if first == end:  # no edge
            alloc.unplaced_reasons[sid] = {
                "reason": "unplaced_no_eligible",
                "params": {"rule": "crebo"},
            }
        else:
            mine = [offer_ids[b] for b in o_idx[first:end].tolist()]
            alloc.unplaced_reasons[sid] = {
                "reason": "unplaced_all_full",
                "params": {"n": len(mine)},
                "offers": mine,
            }
    if order is not None:
        back = np.zeros(n_e, dtype=bool)
        back[order] = chosen
        chosen = back
    return alloc, chosen


def _effective_ranks(
    s_idx: np.ndarray, units: np.ndarray, ranks: np.ndarray, lot: np.ndarray
) -> np.ndarray:
    """Ranks with the gaps filled (edges sorted by student): a student who ranked nothing
    ranks their offers by score, then lottery (then edge order); offers a student did not rank
    come right after the last one they did."""
    out = ranks.copy()
    if not len(s_idx):
        return out
    starts = np.flatnonzero(np.r_[True, s_idx[1:] != s_idx[:-1]])
    lengths = np.diff(np.r_[starts, len(s_idx)])
    most = np.repeat(np.maximum.reduceat(ranks, starts), lengths)
    fill = (ranks == 0) & (most > 0)
    out[fill] = most[fill] + 1
    none = np.flatnonzero(most == 0)
    if none.size:
        by = none[np.lexsort((lot[none], -units[none], s_idx[none]))]  # stable: ties keep k order
        first = np.r_[True, s_idx[by][1:] != s_idx[by][:-1]]
        group_start = np.maximum.accumulate(np.where(first, np.arange(by.size), 0))
        out[by] = np.arange(by.size) - group_start + 1
    return out


def _solve_part(
    part: Component,
    units: np.ndarray,
    ranks: np.ndarray,
    lot_full: np.ndarray,
    not_prio: np.ndarray | None,
    capacities_all: np.ndarray,
    objective: str,
) -> np.ndarray:
    """Solve one component; the arrays are the whole graph's, per edge."""
    e = part.edges
    n_s = part.n_students
    n_nodes = n_s + len(part.offers) + 2
    levels: list[np.ndarray] = []  # most important first, the lottery last
    maxima: list[int] = []
    if not_prio is not None:
        levels.append(not_prio[e])
        maxima.append(1)
    if objective == "rank":
        levels.append(ranks[e].astype(np.int64, copy=False))
        maxima.append(int(levels[-1].max()))
    levels.append(MAX_SCORE_UNITS - units[e])
    maxima.append(MAX_SCORE_UNITS)
    k = LOTTERY_RANGE
    while True:
        weights, span = _weights([*maxima, k - 1], n_s)
        if span * n_nodes < COST_BUDGET or k == 1:
            break
        k = max(1, k // 4)
    if span * n_nodes >= COST_BUDGET:
        raise ValueError("component too large for an exact lexicographic solve")
    # The lottery values are below LOTTERY_RANGE, a multiple of k.
    costs = lot_full[e] if k == LOTTERY_RANGE else lot_full[e] % k
    for values, weight in zip(levels, weights, strict=False):
        costs += values * weight
    return _solve_component(part, costs, capacities_all[part.offers])
