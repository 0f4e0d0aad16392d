"""Allocation of objective profiles: score, allocate exactly, then explain who is unplaced.

`allocate` scores the pairs (unless given a table), allocates them on the graph with
`flow.allocate_edges`, and adds the reasons for unplaced students, the shortages per crebo and
home place, and the travel-time figures. `shortlists` makes variant 2's option lists.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .flow import Allocation, Objective, allocate_arrays
from .hashing import canonical_json, update_with_list
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
    ranks: Mapping[str, Sequence[str]] | None = None,
    table: PairTable | None = None,
) -> tuple[Allocation, PairTable]:
    """Score (unless `table` is given) and allocate; adds reasons, shortages and travel figures.

    `ranks` maps a student id to the offer ids they ranked, best first (variants 2-3); offers
    they ranked that are not eligible are ignored.
    """
    table = table if table is not None else score_pairs(students, offers, settings)
    alloc, _ = allocate_table(table, seed=seed, objective=objective, ranks=ranks)
    alloc.input_sha256 = input_sha256(table, alloc.input_sha256)
    return alloc, table


def input_sha256(table: PairTable, graph_sha256: str) -> str:
    """The input hash of a run: the SHA-256 of the canonical JSON of
    `{"profiles": profiles_payload(...), "edges_sha256": graph_sha256}` (the graph's hash covers
    ids, capacities, seed, objective and the edge arrays the solver got). Fed to the hash a
    chunk of profiles at a time, so the whole payload is never held."""
    digest = hashlib.sha256()
    digest.update(
        f'{{"edges_sha256":{canonical_json(graph_sha256)},"profiles":{{"offers":'.encode()
    )
    update_with_list(digest, sorted(table.offers, key=lambda o: o.id), offer_to_dict)
    settings = canonical_json(settings_to_dict(table.settings))
    digest.update(f',"settings":{settings},"students":'.encode())
    update_with_list(digest, sorted(table.students, key=lambda s: s.id), student_to_dict)
    digest.update(b"}}")
    return digest.hexdigest()


def rank_array(table: PairTable, ranks: Mapping[str, Sequence[str]] | None) -> np.ndarray:
    """Per pair of `table`, the position the student gave the offer (1 = first), 0 when they
    did not rank it (an offer listed twice counts at its last place)."""
    out = np.zeros(len(table), dtype=np.int64)
    if not ranks or not len(table):
        return out
    n_o = max(1, len(table.offers))
    s_pos = {s.id: i for i, s in enumerate(table.students)}
    o_pos = {o.id: j for j, o in enumerate(table.offers)}
    given: dict[int, int] = {}
    for sid, lst in ranks.items():
        i = s_pos.get(sid)
        if i is None:
            continue
        for r, oid in enumerate(lst, start=1):
            j = o_pos.get(oid)
            if j is not None:
                given[i * n_o + j] = r
    if not given:
        return out
    codes = np.fromiter(given.keys(), dtype=np.int64, count=len(given))
    key = table.student_idx * n_o + table.offer_idx  # sorted: the table is in canonical order
    at = np.minimum(np.searchsorted(key, codes), len(key) - 1)
    hit = key[at] == codes
    out[at[hit]] = np.fromiter(given.values(), dtype=np.int64, count=len(given))[hit]
    return out


def allocate_table(
    table: PairTable,
    *,
    seed: int,
    objective: Objective = "score",
    ranks: Mapping[str, Sequence[str]] | None = None,
) -> tuple[Allocation, np.ndarray]:
    """Allocate the pairs of `table` on arrays; returns the allocation (with reasons,
    shortages and travel figures) and the mask of the chosen pairs (rows of `table`).

    Its `input_sha256` is the graph's hash; `input_sha256(table, it)` is the run's."""
    settings = table.settings
    sids = [s.id for s in table.students]
    alloc, chosen = allocate_arrays(
        student_ids=sids,
        offer_ids=[o.id for o in table.offers],
        capacities=np.array([int(o.capacity) for o in table.offers], dtype=np.int64),
        s_idx=table.student_idx,
        o_idx=table.offer_idx,
        scores=table.score,
        ranks=rank_array(table, ranks),
        seed=seed,
        objective=objective,
        engine_version=ENGINE_VERSION,
        priority=(
            np.array([s.priority for s in table.students], dtype=bool)
            if settings.priority
            else None
        ),
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
    unplaced = [table.students[bisect_left(sids, sid)] for sid in alloc.unplaced]  # (sorted)
    short: Counter[tuple[str, str]] = Counter((s.crebo, s.home_place) for s in unplaced)
    alloc.shortages = [
        {"crebo": c, "place": p, "unplaced": n}
        for (c, p), n in sorted(short.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    # The chosen rows are in student order, as the assignments are.
    alloc.quality["travel_minutes"] = distribution(table.travel_minutes[chosen])
    return alloc, chosen


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
