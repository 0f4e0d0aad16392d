"""Benchmark: the app's engine path on seeded synthetic cohorts, beside a raw OR-Tools solve.

Run with `make bench` (or `python -m matching.engine.bench [sizes...]`). Each size runs in its
own process; its peak memory is the process's peak RSS while it runs the app path (reset just
before, on Linux), with the snapshot in memory as in a worker. Per size it times:

- app: `run_round(snapshot, seed)`, exactly what a run calls, from the JSON-ready snapshot
  (profiles as dicts) to the output (assignments, reasons, quality, explanations, candidates);
  wall seconds and, steadier on a shared machine, the process's CPU seconds;
- alloc: the allocation step inside it (`allocate_table`: pair arrays to the chosen-pair mask,
  with the graph's hash, the reasons, shortages and quality figures) on the same pair table;
- hash: the run's input hash over the canonical JSON of all profiles (part of app, not of
  alloc);
- raw: OR-Tools' min-cost flow called directly on the same whole graph (arrays in, flows
  out; plain score costs, no lottery, no splitting): its objective is the exact optimum ours
  must equal (`diff` must be 0).

Times are medians of `REPS` runs (`REPS_LARGE` from 50,000 students). A last line compares
the `allocate` command line on a 4,000-student graph with a bare Python process that loads
the same JSON and solves it with OR-Tools (`BARE`), both started afresh, median of `REPS`.
"""

from __future__ import annotations

import gc
import json
import math
import multiprocessing as mp
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from ortools.graph.python import min_cost_flow

from .allocate import allocate_table, input_sha256
from .entry import collector_paused, run_round
from .flow import MAX_SCORE_UNITS, SCORE_UNITS
from .io import offer_to_dict, student_to_dict
from .scoring import score_pairs
from .types import Location, OfferProfile, RoundSettings, StudentProfile, Transport

SIZES = (1_000, 5_000, 20_000, 100_000)
REPS = 5
REPS_LARGE = 3  # from 50,000 students: each app run takes seconds
CLI_STUDENTS = 4_000
TARGET_REACHABLE = 40  # offers within reach per student, on average (20-60)
WORDS = (
    "webapplicatie testen ontwerpen database scrum klant presenteren zorgplan ouderen dementie "
    "wondzorg peuters ontwikkeling activiteiten ouders veiligheid installatie storing onderhoud"
).split()
# The bare process of the command-line comparison: json, numpy and OR-Tools, nothing else.
BARE = """
import json, sys
import numpy as np
from ortools.graph.python import min_cost_flow
with open(sys.argv[1], encoding="utf-8") as fh:
    data = json.load(fh)
sids = [str(s["id"]) for s in data["students"]]
oids = [str(o["id"]) for o in data["offers"]]
s_pos = {x: i for i, x in enumerate(sids)}
o_pos = {x: j for j, x in enumerate(oids)}
edges = data["edges"]
n_s, n_o, n_e = len(sids), len(oids), len(edges)
s = np.fromiter((s_pos[e[0]] for e in edges), np.int64, n_e)
o = np.fromiter((o_pos[e[1]] for e in edges), np.int64, n_e)
units = np.fromiter((round(e[2] * 100) for e in edges), np.int64, n_e)
caps = np.array([int(x["capacity"]) for x in data["offers"]], dtype=np.int64)
sink = 1 + n_s + n_o
f = min_cost_flow.SimpleMinCostFlow()
f.add_arcs_with_capacity_and_unit_cost(
    np.concatenate([np.zeros(n_s, np.int64), 1 + s, 1 + n_s + np.arange(n_o)]),
    np.concatenate([1 + np.arange(n_s), 1 + n_s + o, np.full(n_o, sink)]),
    np.concatenate([np.ones(n_s + n_e, np.int64), caps]),
    np.concatenate([np.zeros(n_s, np.int64), 10000 - units, np.zeros(n_o, np.int64)]),
)
f.set_node_supply(0, n_s)
f.set_node_supply(sink, -n_s)
assert f.solve_max_flow_with_min_cost() == f.OPTIMAL
chosen = np.flatnonzero(np.asarray(f.flows(np.arange(n_s, n_s + n_e))) > 0)
pairs = zip(s[chosen].tolist(), o[chosen].tolist())
out = {"assignments": [{"student": sids[a], "offer": oids[b]} for a, b in pairs]}
sys.stdout.write(json.dumps(out) + "\\n")
"""


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


def snapshot(n: int) -> dict[str, Any]:
    """The cohort as a run stores it: JSON (profiles as dicts), objective score."""
    students, offers = cohort(n)
    snap = {
        "students": [student_to_dict(s) for s in students],
        "offers": [offer_to_dict(o) for o in offers],
        "objective": "score",
    }
    loaded: dict[str, Any] = json.loads(json.dumps(snap))
    return loaded


def reference(
    s: np.ndarray, o: np.ndarray, units: np.ndarray, caps: np.ndarray, n_s: int
) -> tuple[float, int, int]:
    """OR-Tools min-cost flow on the whole graph from arrays, costs = max - score, no lottery:
    (seconds, placed, score units)."""
    t0 = time.perf_counter()
    n_o = len(caps)
    sink = 1 + n_s + n_o
    f = min_cost_flow.SimpleMinCostFlow()
    f.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([np.zeros(n_s, dtype=np.int64), 1 + s, 1 + n_s + np.arange(n_o)]),
        np.concatenate([1 + np.arange(n_s), 1 + n_s + o, np.full(n_o, sink)]),
        np.concatenate([np.ones(n_s + len(s), dtype=np.int64), caps]),
        np.concatenate(
            [np.zeros(n_s, dtype=np.int64), MAX_SCORE_UNITS - units, np.zeros(n_o, dtype=np.int64)]
        ),
    )
    f.set_node_supply(0, n_s)
    f.set_node_supply(sink, -n_s)
    if f.solve_max_flow_with_min_cost() != f.OPTIMAL:
        raise RuntimeError("reference solve failed")
    flows = np.asarray(f.flows(np.arange(n_s, n_s + len(s)))) > 0
    return time.perf_counter() - t0, int(flows.sum()), int(units[flows].sum())


def _median_time(fn: Any, reps: int, cpu: list[float] | None = None) -> tuple[float, Any]:
    """Median wall seconds of `reps` calls (and the median CPU seconds into `cpu`)."""
    times, cpu_times, result = [], [], None
    for _ in range(reps):
        result = None  # (not held while the next call runs)
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - t0)
        cpu_times.append(time.process_time() - c0)
    if cpu is not None:
        cpu.append(statistics.median(cpu_times))
    return statistics.median(times), result


def _reset_peak_rss() -> bool:
    """Reset the process's peak RSS (Linux), so the peak is that of the app path alone."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _peak_rss_mib() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_size(n: int) -> dict[str, Any]:
    snap = snapshot(n)
    reps = REPS if n < 50_000 else REPS_LARGE
    gc.collect()
    reset_peak = _reset_peak_rss()
    run_round(snap, 42)  # warm: imports and first-call costs are not part of a run
    app_cpu: list[float] = []
    t_app, out = _median_time(lambda: run_round(snap, 42), reps, app_cpu)
    peak = _peak_rss_mib()
    students, offers = cohort(n)
    table = score_pairs(students, offers, RoundSettings())
    units = np.rint(table.score * SCORE_UNITS).astype(np.int64)
    caps = np.array([o.capacity for o in table.offers], dtype=np.int64)
    # As inside a run: with the garbage collector paused (see `entry.run_round`). The
    # allocation and the raw solve alternate, so both see the same load on a shared machine.
    alloc_wall, alloc_cpu, ref_wall, ref_cpu, refs = [], [], [], [], []
    with collector_paused():
        for _ in range(reps):
            t0, c0 = time.perf_counter(), time.process_time()
            alloc, _ = allocate_table(table, seed=42)
            alloc_wall.append(time.perf_counter() - t0)
            alloc_cpu.append(time.process_time() - c0)
            c0 = time.process_time()
            refs.append(
                reference(table.student_idx, table.offer_idx, units, caps, len(table.students))
            )
            ref_wall.append(refs[-1][0])
            ref_cpu.append(time.process_time() - c0)
        t_hash, _ = _median_time(lambda: input_sha256(table, alloc.input_sha256), reps)
    return {
        "n": n,
        "reps": reps,
        "offers": len(offers),
        "pairs": len(table),
        "t_app": t_app,
        "cpu_app": app_cpu[0],
        "t_alloc": statistics.median(alloc_wall),
        "cpu_ratio": statistics.median(alloc_cpu) / statistics.median(ref_cpu),
        "t_hash": t_hash,
        "t_ref": statistics.median(ref_wall),
        "placed": out["placed"],
        "units": alloc.total_score_units,
        "same_as_app": alloc.placed == out["placed"],
        "ref_placed": refs[0][1],
        "ref_units": refs[0][2],
        "peak_mib": peak,
        "peak_app_only": reset_peak,
    }


def cli_line(n: int = CLI_STUDENTS) -> str:
    """The `allocate` command on an n-student graph beside the bare process (wall seconds)."""
    students, offers = cohort(n)
    table = score_pairs(students, offers, RoundSettings())
    sids = [s.id for s in table.students]
    oids = [o.id for o in table.offers]
    data = {
        "seed": 42,
        "objective": "score",
        "students": [{"id": s} for s in sids],
        "offers": [{"id": o.id, "capacity": o.capacity} for o in table.offers],
        "edges": [
            [sids[a], oids[b], round(sc, 2), None]
            for a, b, sc in zip(
                table.student_idx.tolist(),
                table.offer_idx.tolist(),
                table.score.tolist(),
                strict=True,
            )
        ],
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        root = str(Path(__file__).resolve().parents[2])
        commands = {
            "cli": [sys.executable, "-m", "matching.engine", "allocate", str(path)],
            "bare": [sys.executable, "-c", BARE, str(path)],
        }
        times: dict[str, list[float]] = {k: [] for k in commands}
        for _ in range(REPS):
            for name, cmd in commands.items():
                t0 = time.perf_counter()
                subprocess.run(cmd, check=True, cwd=root, stdout=subprocess.DEVNULL)
                times[name].append(time.perf_counter() - t0)
    cli, bare = statistics.median(times["cli"]), statistics.median(times["bare"])
    return (
        f"allocate CLI, {n:,} students ({len(table):,} edges): {cli:.2f} s, bare Python + "
        f"OR-Tools on the same JSON: {bare:.2f} s, ratio {cli / bare:.2f} (median of {REPS})"
    )


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or list(SIZES)
    ctx = mp.get_context("spawn")
    print("load average (1, 5, 15 min) at the start: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    print(
        f"{'students':>9} {'offers':>7} {'pairs':>9} {'reps':>4} {'app s':>7} {'app cpu':>7} "
        f"{'alloc s':>8} {'hash s':>7} {'raw s':>7} {'ratio':>6} {'cpu ratio':>9} "
        f"{'placed':>8} {'objective':>13} {'diff':>5} {'peak MiB':>9}"
    )
    for n in sizes:
        with ctx.Pool(1) as pool:
            r = pool.apply(run_size, (n,))
        same = (r["placed"], r["units"]) == (r["ref_placed"], r["ref_units"])
        print(
            f"{r['n']:>9} {r['offers']:>7} {r['pairs']:>9} {r['reps']:>4} {r['t_app']:>7.2f} "
            f"{r['cpu_app']:>7.2f} "
            f"{r['t_alloc']:>8.2f} {r['t_hash']:>7.2f} {r['t_ref']:>7.2f} "
            f"{r['t_alloc'] / r['t_ref']:>6.2f} {r['cpu_ratio']:>9.2f} "
            f"{r['placed']:>8} {r['units'] / SCORE_UNITS:>13.2f} "
            f"{(r['units'] - r['ref_units']) / SCORE_UNITS:>5.1f} {r['peak_mib']:>9.0f}"
            f"{'' if r['peak_app_only'] else ' (whole process)'}"
            f"{'' if same and r['same_as_app'] else '  OBJECTIVE DIFFERS'}",
            flush=True,
        )
    print(cli_line(), flush=True)
    print("load average (1, 5, 15 min) at the end: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main(sys.argv[1:])
