"""The engine on arrays end to end (issue 13): the shape of the fast path, not its speed.

- the sparse candidate search finds exactly the pairs the dense hard rules allow;
- the array allocation gives what the explicit-graph (tuple) form gives, hash included;
- explanations, candidates and rounding built column-wise equal the per-pair versions, and
  the input hash fed a chunk at a time is the canonical one;
- a run's Python work grows with the students, not with the pairs;
- the command line imports only what its command needs.
"""

from __future__ import annotations

import hashlib
import json
import math
import subprocess
import sys
from collections.abc import Callable
from dataclasses import fields, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.engine import (
    Location,
    OfferProfile,
    RoundSettings,
    StudentProfile,
    Transport,
    offer_to_dict,
    run_round,
    student_to_dict,
)
from matching.engine.allocate import allocate_table, input_sha256, profiles_payload
from matching.engine.entry import CANDIDATES_KEPT, best_candidates
from matching.engine.flow import allocate_edges
from matching.engine.hashing import canonical_json, canonical_sha256, update_with_list
from matching.engine.pairs import round_exact
from matching.engine.reach import GroupOffers, Students, dense_rules
from matching.engine.scoring import score_pairs

ROOT = Path(__file__).resolve().parents[2]
PLACES = ("p1", "p2", "p3")


@st.composite
def cohorts(draw: Any) -> tuple[list[StudentProfile], list[OfferProfile], RoundSettings]:
    """Small random cohorts around a random latitude (up to the far north, where the
    longitude band is widest), with every rule in play."""
    lat0 = draw(st.floats(-70, 70))
    lon0 = draw(st.floats(-179, 179))
    spread = draw(st.sampled_from([0.02, 0.2, 1.0]))

    def loc() -> Location:
        return Location(
            lat0 + draw(st.floats(-spread, spread)), lon0 + draw(st.floats(-spread, spread))
        )

    n_s, n_o = draw(st.integers(1, 14)), draw(st.integers(1, 14))
    wps = ("W1", "W2", "W3", "W4")
    students = [
        StudentProfile(
            id=f"s{i:02d}",
            crebo=draw(st.sampled_from(["c1", "c1", "c2"])),
            level=4,
            location=loc(),
            transport=draw(st.sampled_from(list(Transport))),
            max_travel_minutes=draw(st.sampled_from([5, 10, 30, 90, 600])),
            work_processes=tuple(draw(st.lists(st.sampled_from(wps), max_size=3))),
            organisation_types=frozenset(draw(st.lists(st.sampled_from("ab"), max_size=2))),
            electives=frozenset(draw(st.lists(st.sampled_from("xyz"), max_size=2))),
            extra_places=frozenset(draw(st.lists(st.sampled_from(PLACES), max_size=1))),
            unavailable_days=frozenset(draw(st.lists(st.integers(0, 6), max_size=4))),
            hours_per_week=draw(st.sampled_from([None, 16, 32])),
            needs_step_free_access=draw(st.booleans()),
            needs_extra_supervision=draw(st.booleans()),
            priority=draw(st.booleans()),
        )
        for i in range(n_s)
    ]
    offers = [
        OfferProfile(
            id=f"o{j:02d}",
            company_id=f"c{j}",
            crebo=draw(st.sampled_from(["c1", "c2", "c3"])),
            level=4,
            capacity=draw(st.integers(0, 2)),
            location=loc(),
            place=draw(st.sampled_from(("",) + PLACES)),
            work_processes=frozenset(draw(st.lists(st.sampled_from(wps), max_size=4))),
            organisation_type=draw(st.sampled_from("ab")),
            electives=frozenset(draw(st.lists(st.sampled_from("xyz"), max_size=2))),
            working_days=frozenset(draw(st.lists(st.integers(0, 6), max_size=5))),
            hours_per_week=draw(st.sampled_from([None, 24, 32])),
            step_free_access=draw(st.booleans()),
            extra_supervision_possible=draw(st.booleans()),
        )
        for j in range(n_o)
    ]
    round_settings = RoundSettings(priority=draw(st.booleans()))
    return students, offers, round_settings


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts())
def test_sparse_candidates_are_exactly_the_dense_eligible_pairs(cohort: Any) -> None:
    students, offers, round_settings = cohort
    table = score_pairs(students, offers, round_settings)
    studs, offs = table.students, table.offers
    found = set(zip(table.student_idx.tolist(), table.offer_idx.tolist(), strict=True))
    expected: set[tuple[int, int]] = set()
    for i, s in enumerate(studs):
        group = [j for j, o in enumerate(offs) if (o.crebo, o.level) == (s.crebo, s.level)]
        if not group:
            continue
        rules = dense_rules(
            Students([s], round_settings),
            GroupOffers([offs[j] for j in group], round_settings),
            round_settings,
        )
        ok = np.logical_and.reduce([r[0] for r in rules])
        expected |= {(i, group[g]) for g in np.flatnonzero(ok).tolist()}
        assert (i in table.exclusions) == (not ok.any())
    assert found == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts(), st.integers(0, 2**31), st.sampled_from(["score", "rank"]))
def test_array_allocation_equals_the_explicit_graph_form(cohort: Any, seed: int, obj: Any) -> None:
    students, offers, round_settings = cohort
    table = score_pairs(students, offers, round_settings)
    sids = [s.id for s in table.students]
    oids = [o.id for o in table.offers]
    ranks = {sids[0]: oids[::-1][:3]} if obj == "rank" else None
    alloc, chosen = allocate_table(table, seed=seed, objective=obj, ranks=ranks)
    rank_of = {(sids[0], o): r for r, o in enumerate(oids[::-1][:3], start=1)} if ranks else {}
    edges = [
        (sids[a], oids[b], float(sc), rank_of.get((sids[a], oids[b])))
        for a, b, sc in zip(table.student_idx, table.offer_idx, table.score, strict=True)
    ]
    prio = (
        frozenset(s.id for s in table.students if s.priority) if round_settings.priority else None
    )
    graph = allocate_edges(
        students=sids,
        offers={o.id: o.capacity for o in table.offers},
        edges=edges[::-1],  # any order: the graph form sorts
        seed=seed,
        objective=obj,
        priority=prio or frozenset(),
    )
    assert alloc.assignments == graph.assignments
    assert alloc.input_sha256 == graph.input_sha256
    assert (alloc.total_score_units, alloc.total_rank) == (
        graph.total_score_units,
        graph.total_rank,
    )
    assert alloc.quality == {**graph.quality, "travel_minutes": alloc.quality["travel_minutes"]}
    chosen_pairs = [
        (sids[a], oids[b])
        for a, b in zip(
            table.student_idx[chosen].tolist(), table.offer_idx[chosen].tolist(), strict=True
        )
    ]
    assert chosen_pairs == alloc.assignments


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts(), st.integers(1, 5))
def test_the_streamed_input_hash_is_the_canonical_one(cohort: Any, chunk: int) -> None:
    students, offers, round_settings = cohort
    table = score_pairs(students, offers, round_settings)
    payload = profiles_payload(table.students, table.offers, round_settings)
    assert input_sha256(table, "graph") == canonical_sha256(
        {"profiles": payload, "edges_sha256": "graph"}
    )
    digest = hashlib.sha256()
    update_with_list(digest, table.students, student_to_dict, chunk=chunk)
    assert (
        digest.hexdigest()
        == hashlib.sha256(canonical_json(payload["students"]).encode()).hexdigest()
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts())
def test_column_wise_explanations_and_candidates_equal_the_per_pair_ones(cohort: Any) -> None:
    students, offers, round_settings = cohort
    table = score_pairs(students, offers, round_settings)
    rows = np.arange(len(table))
    assert table.explain_dicts(rows) == [table.explain(k).as_dict() for k in range(len(table))]
    by_student: dict[str, list[list[Any]]] = {}
    for k in range(len(table)):
        sid = table.students[int(table.student_idx[k])].id
        oid = table.offers[int(table.offer_idx[k])].id
        by_student.setdefault(sid, []).append([oid, round(float(table.score[k]), 2)])
    expected = {
        s: sorted(c, key=lambda x: (-x[1], x[0]))[:CANDIDATES_KEPT] for s, c in by_student.items()
    }
    assert best_candidates(table, CANDIDATES_KEPT) == expected


@given(
    st.lists(st.floats(0, 1e4, allow_nan=False), max_size=30),
    st.lists(st.integers(0, 10**6), max_size=30),
    st.sampled_from([1, 2, 4, 6]),
)
def test_round_exact_rounds_as_python_does(
    floats: list[float], ints: list[int], digits: int
) -> None:
    # With the values that end in (about) a 5 just after the last digit kept.
    values = floats + [n / 10**digits + 5 / 10 ** (digits + 1) for n in ints]
    got = round_exact(np.array(values, dtype=np.float64), digits).tolist()
    assert got == [round(v, digits) for v in values]


def _calls_during_run(snapshot: dict[str, Any]) -> tuple[int, int]:
    calls = 0

    def count(_frame: Any, event: str, _arg: Any) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        out = run_round(snapshot, 7)
    finally:
        sys.setprofile(None)
    return calls, out["placed"]


def test_a_runs_python_work_grows_with_students_not_with_pairs() -> None:
    """Ten times the eligible pairs, the same students, offers and placements: the number of
    Python and C function calls in a run stays about the same (per-pair Python objects, like a
    dict of all pairs or a list of edge tuples, would multiply it)."""
    here = Location(52.0, 5.0)

    def snapshot(reach: int) -> dict[str, Any]:
        students = [
            StudentProfile(
                id=f"s{i:03d}",
                crebo="c",
                level=4,
                location=here,
                max_travel_minutes=reach,
                work_processes=("W1",),
            )
            for i in range(60)
        ]
        # Offers on a line eastwards, 1 km apart: a 5-minute reach (bike) sees a handful.
        offers = [
            OfferProfile(
                id=f"o{j:03d}",
                company_id=f"c{j}",
                crebo="c",
                level=4,
                capacity=20,
                location=Location(52.0, 5.0 + j / (111.3 * math.cos(math.radians(52.0)))),
                work_processes=frozenset({"W1"}),
            )
            for j in range(200)
        ]
        return {
            "students": [student_to_dict(s) for s in students],
            "offers": [offer_to_dict(o) for o in offers],
        }

    few, many = snapshot(12), snapshot(600)
    calls_few, placed_few = _calls_during_run(few)
    calls_many, placed_many = _calls_during_run(many)
    assert placed_few == placed_many == 60
    pairs_few = sum(len(c) for c in run_round(few, 7)["candidates"].values())
    assert pairs_few <= 60 * 10  # a handful each, so `many` (all 200 each) has >= 20 x the pairs
    assert calls_many < 1.3 * calls_few


def _imported_modules(args: list[str], tmp_path: Path, data: dict[str, Any]) -> set[str]:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "matching.engine", *args, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return {
        line.split("|")[-1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }


def test_the_cli_imports_only_what_its_command_needs(tmp_path: Path) -> None:
    graph = {
        "seed": 1,
        "students": [{"id": "s1"}],
        "offers": [{"id": "o1", "capacity": 1}],
        "edges": [["s1", "o1", 80.0, None]],
    }
    modules = _imported_modules(["allocate"], tmp_path, graph)
    assert "matching.engine.flow" in modules and "ortools.graph.python.min_cost_flow" in modules
    assert not {"sklearn", "scipy", "matching.engine.scoring", "matching.engine.entry"} & modules
    profiles = {
        "seed": 1,
        "students": [student_to_dict(StudentProfile("s1", "c", 4, Location(52.0, 5.0)))],
        "offers": [offer_to_dict(OfferProfile("o1", "c1", "c", 4, 1, Location(52.0, 5.01)))],
    }
    modules = _imported_modules(["allocate"], tmp_path, profiles)
    assert "matching.engine.scoring" in modules and "sklearn" not in modules
    with_text = {**profiles, "settings": {"weights": {"learning_text": 0.2}}}
    assert "sklearn" in _imported_modules(["allocate"], tmp_path, with_text)


def _generic_plain(value: Any) -> Any:
    """The JSON form of any profile value, by a walk over its type (the reference the
    field-by-field serialisers must equal)."""
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple):
        return [_generic_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Location):
        return {"lat": value.lat, "lon": value.lon}
    if isinstance(value, Transport):
        return str(value)
    return value


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts(), st.sampled_from([None, date(2027, 2, 1)]))
def test_profiles_serialise_every_field_as_the_generic_walk_does(cohort: Any, day: Any) -> None:
    students, offers, _ = cohort
    cases: list[tuple[Any, Callable[[Any], dict[str, Any]]]] = [
        *(
            (replace(s, available_from=day, learning_wishes=("x", "y")), student_to_dict)
            for s in students
        ),
        *((replace(o, period_end=day, learning_text="tekst"), offer_to_dict) for o in offers),
    ]
    for profile, to_dict in cases:
        expected = {f.name: _generic_plain(getattr(profile, f.name)) for f in fields(profile)}
        made = to_dict(profile)
        assert list(made) == list(expected)  # every field, in field order
        assert canonical_json(made) == canonical_json(expected)
