"""The engine's entry points. Everything that can change a run's output sits behind `run_round`
and is covered by `ENGINE_VERSION`.

All three take a snapshot: the JSON-ready engine input a run freezes (see README.md),
`{"students": [...], "offers": [...], "settings": {...}, "objective": "score" | "rank",
"ranks": {student: [offer, ...]}, "shortlists": {student: [offer, ...]},
"excluded": {student: [company, ...]}}`; only
`students` and `offers` are required.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

from .allocate import allocate_table, input_sha256, shortlists
from .io import offer_from_dict, settings_from_dict, student_from_dict
from .pairs import PairTable, ScoredPair, round_exact
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
    n_o = max(1, len(table.offers))
    s_pos = {s.id: i for i, s in enumerate(table.students)}
    o_pos = {o.id: j for j, o in enumerate(table.offers)}
    codes = [
        s_pos[sid] * n_o + o_pos[oid]
        for sid, oids in allowed.items()
        if sid in s_pos
        for oid in oids
        if oid in o_pos
    ]
    keep = np.isin(table.student_idx * n_o + table.offer_idx, np.array(codes, dtype=np.int64))
    return table.subset(keep)


def _without_excluded(table: PairTable, excluded: Mapping[str, list[str]]) -> PairTable:
    """No pair of a student with a company they are never sent to again (`excluded`: student
    id to company ids, e.g. a company that refused them after an introductory meeting)."""
    if not excluded or not len(table):
        return table
    n_o = max(1, len(table.offers))
    s_pos = {s.id: i for i, s in enumerate(table.students)}
    by_company: dict[str, list[int]] = {}
    for j, o in enumerate(table.offers):
        by_company.setdefault(o.company_id, []).append(j)
    codes = [
        s_pos[sid] * n_o + j
        for sid, companies in excluded.items()
        if sid in s_pos
        for cid in companies
        for j in by_company.get(str(cid), ())
    ]
    if not codes:
        return table
    drop = np.isin(table.student_idx * n_o + table.offer_idx, np.array(codes, dtype=np.int64))
    return table.subset(~drop)


def _eligible(snapshot: Snapshot, table: PairTable) -> PairTable:
    """The pairs a run may use: without excluded companies and, in variant 2, only the
    shortlisted offers."""
    table = _without_excluded(table, snapshot.get("excluded") or {})
    allowed = snapshot.get("shortlists")
    return table if allowed is None else _only_shortlisted(table, allowed)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector: a run allocates millions of small objects that
    hold no cycles, and each generation-2 pass would walk all of them (and the snapshot)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def run_round(snapshot: Snapshot, seed: int, *, progress: Progress | None = None) -> dict[str, Any]:
    """A run's output: the allocation with its reasons, shortages and quality, the explanation
    of every assignment and each student's best candidates.

    The same snapshot and seed always give the same output (byte for byte as JSON). With
    `shortlists` in the snapshot only shortlisted offers are eligible; with `excluded` a
    student's pairs with those companies are not. `progress`, when given,
    is called with a percentage as the work goes on. Raises ValueError on bad input.

    The pairs stay arrays all the way: the solver gets them as arrays and gives back the mask
    of the chosen pairs; only the chosen pairs are explained, and the candidates are selected
    with numpy before they become lists.
    """
    with collector_paused():
        return _run_round(snapshot, seed, progress)


def _run_round(snapshot: Snapshot, seed: int, progress: Progress | None) -> dict[str, Any]:
    students, offers, settings = _profiles(snapshot)
    if progress:
        progress(20)
    table = score_pairs(students, offers, settings)
    if progress:
        progress(60)
    table = _eligible(snapshot, table)
    alloc, chosen = allocate_table(
        table, seed=seed, objective=snapshot.get("objective", "score"), ranks=snapshot.get("ranks")
    )
    alloc.input_sha256 = input_sha256(table, alloc.input_sha256)
    if progress:
        progress(90)
    out = alloc.as_dict()
    # Take from the pair table what the output needs (the chosen pairs, the candidates'
    # arrays) and let it go before the output's many small objects are made.
    picked, kept = table.subset(chosen), _candidate_arrays(table, CANDIDATES_KEPT)
    del table
    out["explanations"] = {e["student"]: e for e in picked.explain_dicts(np.arange(len(picked)))}
    out["candidates"] = _candidate_lists(picked, *kept)
    return out


def best_candidates(table: PairTable, keep: int) -> dict[str, list[list[Any]]]:
    """Each student's `keep` best pairs as [offer id, score rounded to 0.01], best first (ties by
    offer id), for the students with at least one pair, in student order."""
    return _candidate_lists(table, *_candidate_arrays(table, keep))


def _candidate_arrays(table: PairTable, keep: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(student, offer, rounded score) of the kept candidates, by student then rank."""
    rounded = round_exact(table.score, 2)
    s_idx, o_idx = table.student_idx, table.offer_idx
    # One sort on one integer key: (student, -score in hundredths, offer = offer id order).
    units = np.rint(rounded * 100).astype(np.int64)  # 0-10000
    n_o = max(1, len(table.offers))
    by = np.argsort((s_idx * 10_001 + (10_000 - units)) * n_o + o_idx)
    first = np.r_[True, s_idx[by][1:] != s_idx[by][:-1]] if by.size else np.zeros(0, bool)
    group_start = np.maximum.accumulate(np.where(first, np.arange(by.size), 0))
    kept = by[np.arange(by.size) - group_start < keep]
    return s_idx[kept], o_idx[kept], rounded[kept]


def _candidate_lists(
    table: PairTable, s_kept: np.ndarray, o_kept: np.ndarray, rounded: np.ndarray
) -> dict[str, list[list[Any]]]:
    if not s_kept.size:
        return {}
    starts = np.flatnonzero(np.r_[True, s_kept[1:] != s_kept[:-1]])
    ends = np.r_[starts[1:], s_kept.size]
    oids = np.array([o.id for o in table.offers], dtype=object)
    entries = list(map(list, zip(oids[o_kept].tolist(), rounded.tolist(), strict=True)))
    return {
        table.students[s].id: entries[a:b]
        for s, a, b in zip(s_kept[starts].tolist(), starts.tolist(), ends.tolist(), strict=True)
    }


def student_options(snapshot: Snapshot, student_id: str) -> list[ScoredPair]:
    """One student's eligible offers in `snapshot`, each scored and explained, best first
    (ties by offer id). Shortlists are not applied: these are all offers the hard rules allow
    (and the student's `excluded` companies do not).

    Used for the live reach hint, the alternatives when a reviewer moves a student, and
    re-placement. Raises KeyError when the student is not in the snapshot.
    """
    student = next(
        (student_from_dict(d) for d in snapshot["students"] if str(d["id"]) == student_id), None
    )
    if student is None:
        raise KeyError(student_id)
    never = {str(c) for c in (snapshot.get("excluded") or {}).get(student_id, ())}
    offers = [offer_from_dict(d) for d in snapshot["offers"]]
    return profile_options(student, offers, settings_from_dict(snapshot.get("settings")), never)


def profile_options(
    student: StudentProfile,
    offers: Sequence[OfferProfile],
    settings: RoundSettings,
    excluded: Collection[str] = (),
) -> list[ScoredPair]:
    """`student_options` for a caller that holds the profiles (no snapshot to write and read
    back: for a page that scores one student against a thousand offers). `excluded`: company
    ids the student may not be placed at."""
    kept = [o for o in offers if o.company_id not in excluded]
    table = score_pairs([student], kept, settings)
    return sorted(table.explained(), key=lambda p: (-p.score, p.offer))


def make_shortlists(snapshot: Snapshot, seed: int, k: int) -> dict[str, list[str]]:
    """Variant 2: up to `k` offers per student, starting with the one the score optimum gives
    them (see `allocate.shortlists`). Students without any eligible offer are left out."""
    with collector_paused():
        students, offers, settings = _profiles(snapshot)
        table = _without_excluded(
            score_pairs(students, offers, settings), snapshot.get("excluded") or {}
        )
        alloc, _ = allocate_table(table, seed=seed)  # (no input hash needed here)
        return shortlists(table, alloc, k=k, seed=seed)
