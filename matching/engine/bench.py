"""Benchmark: seeded synthetic cohorts, scored and allocated, against a reference solve.

Run with `make bench` (or `python -m matching.engine.bench [sizes...]`). Each size runs in its
own process so the peak memory (max RSS) belongs to that size alone. The reference is
OR-Tools' min-cost flow called directly on the same graph with plain score costs (no
lottery, no splitting): its objective is the exact optimum ours must equal.
"""

from __future__ import annotations

import math
import multiprocessing as mp
import random
import resource
import sys
import time
from datetime import date
from typing import Any

import numpy as np
from ortools.graph.python import min_cost_flow

from .flow import MAX_SCORE_UNITS, SCORE_UNITS, allocate_edges
from .scoring import score_pairs
from .types import Location, OfferProfile, RoundSettings, StudentProfile, Transport

SIZES = (1_000, 5_000, 20_000, 100_000)
TARGET_REACHABLE = 40  # offers within reach per student, on average (20-60)
WORDS = (
    "webapplicatie testen ontwerpen database scrum klant presenteren zorgplan ouderen dementie "
    "wondzorg peuters ontwikkeling activiteiten ouders veiligheid installatie storing onderhoud"
).split()


def cohort(n: int, seed: int = 1) -> tuple[list[StudentProfile], list[OfferProfile]]:
    rng = random.Random(seed)
    n_crebo = max(3, n // 2000)
    crebos = [f"{25000 + c:05d}" for c in range(n_crebo)]
    wps = [f"B1-K{k}-W{w}" for k in (1, 2) for w in range(1, 6)]
    types = ["zorg", "ict", "kinderopvang", "retail", "gemeente", "horeca"]
    seats = int(1.2 * n)
    n_offers = seats // 2  # capacity 1-3, mean 2
    per_crebo = n_offers / n_crebo
    reach_km = 15.0 * 0.5 / 1.3  # bike, 30 minutes, detour 1.3
    side_km = math.sqrt(per_crebo * math.pi * reach_km**2 / TARGET_REACHABLE)
    deg_lat, deg_lon = side_km / 111.0, side_km / 69.0
    base = (51.5, 5.0)

    def loc() -> Location:
        return Location(base[0] + rng.random() * deg_lat, base[1] + rng.random() * deg_lon)

    offers = [
        OfferProfile(
            id=f"o{j:07d}",
            company_id=f"c{j:07d}",
            crebo=crebos[j % n_crebo],
            level=4,
            capacity=rng.choice((1, 2, 3)),
            location=loc(),
            work_processes=frozenset(rng.sample(wps, rng.randint(3, 8))),
            organisation_type=rng.choice(types),
            learning_text=" ".join(rng.sample(WORDS, 6)),
            extra_supervision_possible=rng.random() < 0.3,
            period_start=date(2027, 2, 1),
            period_end=date(2027, 6, 30),
            hours_per_week=rng.choice((24, 32, 36)),
        )
        for j in range(n_offers)
    ]
    students = [
        StudentProfile(
            id=f"s{i:07d}",
            crebo=crebos[i % n_crebo],
            level=4,
            location=loc(),
            transport=rng.choice((Transport.BIKE, Transport.BIKE, Transport.PUBLIC_TRANSPORT)),
            max_travel_minutes=rng.choice((25, 30, 35)),
            work_processes=tuple(rng.sample(wps, rng.randint(1, 5))),
            organisation_types=frozenset(rng.sample(types, rng.randint(0, 2))),
            learning_wishes=(" ".join(rng.sample(WORDS, 5)),),
            needs_extra_supervision=rng.random() < 0.1,
            available_from=date(2027, 2, 1),
            available_until=date(2027, 6, 30),
            hours_per_week=rng.choice((24, 32, 36)),
        )
        for i in range(n)
    ]
    return students, offers


def reference(
    edges: list[tuple[str, str, float, None]], caps: dict[str, int], student_ids: list[str]
) -> tuple[float, int, int]:
    """OR-Tools min-cost flow on the whole graph, costs = -score, no lottery: (secs, placed, "
    "units)."""
    t0 = time.perf_counter()
    s_pos = {s: i for i, s in enumerate(student_ids)}
    o_ids = sorted(caps)
    o_pos = {o: j for j, o in enumerate(o_ids)}
    n_s, n_o = len(student_ids), len(o_ids)
    s = np.fromiter((s_pos[e[0]] for e in edges), dtype=np.int64, count=len(edges))
    o = np.fromiter((o_pos[e[1]] for e in edges), dtype=np.int64, count=len(edges))
    units = np.fromiter(
        (round(e[2] * SCORE_UNITS) for e in edges), dtype=np.int64, count=len(edges)
    )
    sink = 1 + n_s + n_o
    f = min_cost_flow.SimpleMinCostFlow()
    f.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([np.zeros(n_s, dtype=np.int64), 1 + s, 1 + n_s + np.arange(n_o)]),
        np.concatenate([1 + np.arange(n_s), 1 + n_s + o, np.full(n_o, sink)]),
        np.concatenate([np.ones(n_s + len(s), dtype=np.int64), np.array([caps[x] for x in o_ids])]),
        np.concatenate(
            [np.zeros(n_s, dtype=np.int64), MAX_SCORE_UNITS - units, np.zeros(n_o, dtype=np.int64)]
        ),
    )
    f.set_node_supply(0, n_s)
    f.set_node_supply(sink, -n_s)
    assert f.solve_max_flow_with_min_cost() == f.OPTIMAL
    flows = np.asarray(f.flows(np.arange(n_s, n_s + len(s)))) > 0
    return time.perf_counter() - t0, int(flows.sum()), int(units[flows].sum())


def run_size(n: int) -> dict[str, Any]:
    students, offers = cohort(n)
    t0 = time.perf_counter()
    table = score_pairs(students, offers, RoundSettings())
    t_score = time.perf_counter() - t0
    sids = [s.id for s in table.students]
    oids = [o.id for o in table.offers]
    edges = [
        (sids[int(a)], oids[int(b)], float(sc), None)
        for a, b, sc in zip(table.student_idx, table.offer_idx, table.score, strict=True)
    ]
    caps = {o.id: o.capacity for o in offers}
    t1 = time.perf_counter()
    alloc = allocate_edges(students=sids, offers=caps, edges=edges, seed=42)
    t_alloc = time.perf_counter() - t1
    t_ref, ref_placed, ref_units = reference(edges, caps, sids)
    per_student = np.bincount(table.student_idx, minlength=len(sids))
    return {
        "n": n,
        "offers": len(offers),
        "seats": sum(caps.values()),
        "pairs": len(table),
        "reach_mean": float(per_student.mean()),
        "t_score": t_score,
        "t_alloc": t_alloc,
        "t_ref": t_ref,
        "placed": alloc.placed,
        "units": alloc.total_score_units,
        "ref_placed": ref_placed,
        "ref_units": ref_units,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or list(SIZES)
    ctx = mp.get_context("spawn")
    print(
        f"{'students':>9} {'offers':>7} {'pairs':>9} {'reach':>6} {'score s':>8} {'alloc s':>8} "
        f"{'total s':>8} {'ref s':>7} {'ratio':>6} {'placed':>8} {'objective':>14} "
        f"{'diff':>5} {'peak MiB':>9}"
    )
    for n in sizes:
        with ctx.Pool(1) as pool:
            r = pool.apply(run_size, (n,))
        same = (r["placed"], r["units"]) == (r["ref_placed"], r["ref_units"])
        print(
            f"{r['n']:>9} {r['offers']:>7} {r['pairs']:>9} {r['reach_mean']:>6.1f} "
            f"{r['t_score']:>8.2f} {r['t_alloc']:>8.2f} {r['t_score'] + r['t_alloc']:>8.2f} "
            f"{r['t_ref']:>7.2f} {r['t_alloc'] / r['t_ref']:>6.2f} {r['placed']:>8} "
            f"{r['units'] / SCORE_UNITS:>14.2f} "
            f"{(r['units'] - r['ref_units']) / SCORE_UNITS:>5.1f} "
            f"{r['peak_mib']:>9.0f}{'' if same else '  OBJECTIVE DIFFERS'}",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
