"""Allocation of objective profiles: score, allocate exactly, then explain who is unplaced.

`allocate` scores the pairs (unless given a table), allocates them on the graph with
`flow.allocate_edges`, and adds the reasons for unplaced students, the shortages per crebo and
home place, and the travel-time figures. `shortlists` makes variant 2's option lists.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from .flow import Allocation, Objective, allocate_edges
from .hashing import canonical_sha256
from .io import offer_to_dict, settings_to_dict, student_to_dict
from .lottery import lottery
from .pairs import PairTable
from .quality import distribution
from .scoring import score_pairs
from .types import OfferProfile, RoundSettings, StudentProfile
from .version import ENGINE_VERSION


def allocate(
    students: Sequence[StudentProfile],
    offers: Sequence[OfferProfile],
    settings: RoundSettings,
    *,
    seed: int,
    objective: Objective = "score",
    ranks: dict[str, Sequence[str]] | None = None,
    table: PairTable | None = None,
) -> tuple[Allocation, PairTable]:
    """Score (unless `table` is given) and allocate; adds reasons, shortages and travel figures.

    `ranks` maps a student id to the offer ids they ranked, best first (variants 2-3); offers
    they ranked that are not eligible are ignored.
    """
    table = table if table is not None else score_pairs(students, offers, settings)
    ranks = ranks or {}
    sids = [s.id for s in table.students]
    offer_caps = {o.id: o.capacity for o in table.offers}
    rank_pos = {sid: {oid: r for r, oid in enumerate(lst, start=1)} for sid, lst in ranks.items()}
    edges = []
    for k in range(len(table)):
        sid = sids[int(table.student_idx[k])]
        oid = table.offers[int(table.offer_idx[k])].id
        edges.append((sid, oid, float(table.score[k]), rank_pos.get(sid, {}).get(oid)))
    alloc = allocate_edges(
        students=sids,
        offers=offer_caps,
        edges=edges,
        seed=seed,
        objective=objective,
        engine_version=ENGINE_VERSION,
        priority=(
            frozenset(s.id for s in table.students if s.priority)
            if settings.priority
            else frozenset()
        ),
    )
    alloc.input_sha256 = canonical_sha256(
        {
            "profiles": profiles_payload(table.students, table.offers, settings),
            "edges_sha256": alloc.input_sha256,
        }
    )
    # Reasons for students without any eligible offer: the rule that excluded the most offers.
    for i, counter in table.exclusions.items():
        sid = sids[i]
        rule = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        alloc.unplaced_reasons[sid] = {
            "reason": "unplaced_no_eligible",
            "params": {"rule": rule},
            "excluded_by": dict(counter),
        }
    # Shortages: unplaced students per crebo and home place.
    by_id = {s.id: s for s in table.students}
    short: Counter[tuple[str, str]] = Counter(
        (by_id[sid].crebo, by_id[sid].home_place) for sid in alloc.unplaced
    )
    alloc.shortages = [
        {"crebo": c, "place": p, "unplaced": n}
        for (c, p), n in sorted(short.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    pair_pos = {
        (sids[int(table.student_idx[k])], table.offers[int(table.offer_idx[k])].id): k
        for k in range(len(table))
    }
    minutes = np.array([table.travel_minutes[pair_pos[a]] for a in alloc.assignments])
    alloc.quality["travel_minutes"] = distribution(minutes)
    return alloc, table


def profiles_payload(
    students: Sequence[StudentProfile], offers: Sequence[OfferProfile], settings: RoundSettings
) -> dict[str, Any]:
    return {
        "students": [student_to_dict(s) for s in sorted(students, key=lambda s: s.id)],
        "offers": [offer_to_dict(o) for o in sorted(offers, key=lambda o: o.id)],
        "settings": settings_to_dict(settings),
    }


def shortlists(
    table: PairTable, allocation: Allocation, *, k: int = 3, max_per_place: int = 3, seed: int
) -> dict[str, list[str]]:
    """Variant 2: up to k options per student, best score first.

    Each shortlist starts with the offer the score optimum gave the student, so whatever
    order the students then rank their shortlists in, the final allocation can still place
    every student the optimum places (the optimal assignment stays feasible). The other options
    are the student's best-scoring eligible offers, but an offer is put on at most
    `max_per_place` x capacity shortlists (optimal assignments always fit: each offer holds at
    most `capacity` of them), so no offer is promised to far more students than it has places.
    Students are served in lottery order.
    """
    sids = [s.id for s in table.students]
    oids = [o.id for o in table.offers]
    caps = {o.id: o.capacity for o in table.offers}
    appearances: Counter[str] = Counter()
    lists: dict[str, list[str]] = {sid: [] for sid in sids}
    for sid, oid in allocation.assignments:
        lists[sid].append(oid)
        appearances[oid] += 1
    candidates: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for n in range(len(table)):
        candidates[sids[int(table.student_idx[n])]].append(
            (-float(table.score[n]), oids[int(table.offer_idx[n])])
        )
    s_arr = np.arange(len(sids))
    order_key = lottery(
        seed, sids, ["shortlist"], s_arr, np.zeros(len(sids), dtype=np.int64), 1 << 30
    )
    for i in np.argsort(order_key, kind="stable"):
        sid = sids[int(i)]
        for _, oid in sorted(candidates[sid]):
            if len(lists[sid]) >= k:
                break
            if oid in lists[sid] or appearances[oid] >= max_per_place * caps[oid]:
                continue
            lists[sid].append(oid)
            appearances[oid] += 1
    return {sid: lst for sid, lst in lists.items() if lst}
