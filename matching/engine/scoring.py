"""Eligibility (hard rules) and the explained 0-100 score of every eligible pair.

Candidate generation is vectorised: students are only compared with offers of their own
crebo and level, in chunks, with numpy; the per-pair Python work is only for explanations.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from .pairs import CRITERIA, Criterion, PairTable, ScoredPair, normalised_weights
from .text import tfidf_matrices
from .types import OfferProfile, RoundSettings, StudentProfile

__all__ = ["CRITERIA", "Criterion", "PairTable", "ScoredPair", "score_pairs"]

CHUNK = 1024
EARTH_KM = 6371.0
RULES = ("reachable", "period", "hours", "days", "access", "supervision", "capacity")


def _days_needed(o: OfferProfile, hours_per_day: int) -> int:
    """Working days a student must be free on: the offer's hours over `hours_per_day`
    (rounded up), at most its working days; all of them when it states no hours."""
    if not o.hours_per_week:
        return len(o.working_days)
    return min(-(-o.hours_per_week // max(1, hours_per_day)), len(o.working_days))


def _ordinal(d: Any) -> float:
    return float(d.toordinal()) if d is not None else np.nan


def _vocab_matrix(
    rows: Sequence[Sequence[str] | frozenset[str]], vocab: dict[str, int], weighted: bool = False
) -> np.ndarray:
    m = np.zeros((len(rows), max(1, len(vocab))), dtype=np.float64)
    for i, items in enumerate(rows):
        n = len(items)
        for r, item in enumerate(items):
            j = vocab.get(item)
            if j is not None:
                m[i, j] = (n - r) if weighted else 1.0
    return m


def score_pairs(
    students: Sequence[StudentProfile], offers: Sequence[OfferProfile], settings: RoundSettings
) -> PairTable:
    """Every eligible (student, offer) pair with its score and per-criterion values.

    Eligible: same crebo and level, reachable (estimated travel time within the student's
    maximum, or the offer's place is one of the student's extra places), periods overlap
    enough, hours fit, extra supervision available when needed, and capacity > 0.
    Output order is canonical (sorted by student id, then offer id), whatever the input order.
    """
    studs = sorted(students, key=lambda s: s.id)
    offs = sorted(offers, key=lambda o: o.id)
    if len({s.id for s in studs}) != len(studs) or len({o.id for o in offs}) != len(offs):
        raise ValueError("student and offer ids must be unique")
    weights = normalised_weights(settings)
    travel = settings.travel
    # Text similarity only when the round gives it a weight: by default wording never counts.
    use_text = weights["learning_text"] > 0
    s_text, o_text = tfidf_matrices(
        [" ".join(s.learning_wishes) if use_text else "" for s in studs],
        [o.learning_text if use_text else "" for o in offs],
    )

    groups: dict[tuple[str, int], list[int]] = defaultdict(list)
    for j, o in enumerate(offs):
        groups[(o.crebo, o.level)].append(j)
    by_group: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, s in enumerate(studs):
        by_group[(s.crebo, s.level)].append(i)

    parts: dict[str, list[np.ndarray]] = defaultdict(list)
    exclusions: dict[int, Counter[str]] = {}
    for key, s_ids in by_group.items():
        o_ids = groups.get(key, [])
        if not o_ids:
            for i in s_ids:
                exclusions[i] = Counter({"crebo": 1})
            continue
        og = [offs[j] for j in o_ids]
        o_arr = np.array(o_ids, dtype=np.int64)
        o_lat = np.radians([o.location.lat for o in og])
        o_lon = np.radians([o.location.lon for o in og])
        o_cap = np.array([o.capacity > 0 for o in og])
        o_extra = np.array([o.extra_supervision_possible for o in og])
        o_hours = np.array([np.nan if o.hours_per_week is None else o.hours_per_week for o in og])
        o_start = np.array([_ordinal(o.period_start) for o in og])
        o_end = np.array([_ordinal(o.period_end) for o in og])
        o_access = np.array([o.step_free_access for o in og])
        o_days = np.array([[d in o.working_days for d in range(7)] for o in og], dtype=bool)
        o_stated: np.ndarray = np.asarray(o_days.any(axis=1))
        # Working days needed: the offer's hours over `hours_per_day`, or all its days.
        o_need = np.array([_days_needed(o, settings.hours_per_day) for o in og], dtype=np.int64)
        place_index: dict[str, list[int]] = defaultdict(list)
        for jj, o in enumerate(og):
            if o.place:
                place_index[o.place].append(jj)
        wp_vocab = {w: n for n, w in enumerate(sorted({w for o in og for w in o.work_processes}))}
        o_wp = _vocab_matrix([sorted(o.work_processes) for o in og], wp_vocab)
        el_vocab = {e: n for n, e in enumerate(sorted({e for o in og for e in o.electives}))}
        o_el = _vocab_matrix([sorted(o.electives) for o in og], el_vocab)
        o_txt = o_text[o_arr]

        for c0 in range(0, len(s_ids), CHUNK):
            chunk = s_ids[c0 : c0 + CHUNK]
            sg = [studs[i] for i in chunk]
            s_lat = np.radians([s.location.lat for s in sg])[:, None]
            s_lon = np.radians([s.location.lon for s in sg])[:, None]
            a = (
                np.sin((o_lat - s_lat) / 2) ** 2
                + np.cos(s_lat) * np.cos(o_lat) * np.sin((o_lon - s_lon) / 2) ** 2
            )
            km = 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
            speed = np.array([travel.speed(str(s.transport)) for s in sg])[:, None]
            wait = np.array(
                [
                    travel.public_transport_wait_minutes if s.transport == "public_transport" else 0
                    for s in sg
                ]
            )[:, None]
            minutes = km * travel.detour_factor / speed * 60.0 + wait
            max_min = np.array([s.max_travel_minutes for s in sg], dtype=np.float64)[:, None]
            within = minutes <= max_min
            extra_place = np.zeros_like(within)
            for r, s in enumerate(sg):
                for p in s.extra_places:
                    for jj in place_index.get(p, ()):
                        extra_place[r, jj] = True
            reachable = within | extra_place

            s_start = np.array([_ordinal(s.available_from) for s in sg])[:, None]
            s_end = np.array([_ordinal(s.available_until) for s in sg])[:, None]
            overlap = np.minimum(s_end, o_end) - np.maximum(s_start, o_start) + 1
            shorter = np.minimum(s_end - s_start + 1, o_end - o_start + 1)
            with np.errstate(invalid="ignore"):
                period_ok = overlap >= settings.min_period_overlap * shorter
            period_ok |= np.isnan(overlap)  # no period given on either side: no constraint
            s_hours = np.array(
                [np.nan if s.hours_per_week is None else s.hours_per_week for s in sg]
            )[:, None]
            with np.errstate(invalid="ignore"):
                hours_ok = np.abs(s_hours - o_hours) <= settings.hours_tolerance
            hours_ok |= np.isnan(s_hours - o_hours)
            s_free = np.array(
                [[d not in s.unavailable_days for d in range(7)] for s in sg], dtype=bool
            )
            days_left: np.ndarray = s_free.astype(np.int64) @ o_days.T.astype(np.int64)
            days_ok: np.ndarray = ~o_stated[None, :] | (days_left >= o_need[None, :])
            access = np.array([s.needs_step_free_access for s in sg])[:, None]
            access_ok = ~access | o_access[None, :]
            needs = np.array([s.needs_extra_supervision for s in sg])[:, None]
            supervision_ok = ~needs | o_extra[None, :]
            capacity_ok = np.broadcast_to(o_cap[None, :], reachable.shape)

            eligible = (
                reachable
                & period_ok
                & hours_ok
                & days_ok
                & access_ok
                & supervision_ok
                & capacity_ok
            )
            none = ~eligible.any(axis=1)
            for r in (int(x) for x in np.nonzero(none)[0]):
                exclusions[chunk[r]] = Counter(
                    {
                        rule: int((~ok[r]).sum())
                        for rule, ok in zip(
                            RULES,
                            (
                                reachable,
                                period_ok,
                                hours_ok,
                                days_ok,
                                access_ok,
                                supervision_ok,
                                capacity_ok,
                            ),
                            strict=True,
                        )
                        if (~ok[r]).any()
                    }
                )

            rows, cols = np.nonzero(eligible)
            if rows.size == 0:
                continue
            # Work processes, weighted by their order of importance.
            s_wp = _vocab_matrix([s.work_processes for s in sg], wp_vocab, weighted=True)
            s_wp_total = np.array(
                [sum(range(1, len(s.work_processes) + 1)) for s in sg], dtype=np.float64
            )
            wp_weight = (s_wp @ o_wp.T)[rows, cols]
            wp_value = np.divide(
                wp_weight,
                s_wp_total[rows],
                out=np.zeros_like(wp_weight),
                where=s_wp_total[rows] > 0,
            )
            wp_count = ((s_wp > 0).astype(np.float64) @ o_wp.T)[rows, cols]
            # Organisation type: 1 when the offer's type is one the student asked for, else the
            # neutral value (so asking for a type never lowers a score).
            o_type = [o.organisation_type for o in og]
            org_match = np.array(
                [o_type[c] in sg[r].organisation_types for r, c in zip(rows, cols, strict=True)],
                dtype=bool,
            )
            neutral = settings.neutral_value
            org_value = np.where(org_match, 1.0, neutral)
            # Electives: the neutral value, plus half the rest for each one the offer supports
            # (at most two count), so listing another elective never lowers a score.
            s_el = _vocab_matrix([sorted(s.electives) for s in sg], el_vocab)
            el_count = (s_el @ o_el.T)[rows, cols]
            el_value = neutral + (1.0 - neutral) * np.minimum(el_count, 2.0) / 2.0
            # Learning-wish text similarity (cosine of L2-normalised TF-IDF rows).
            sims = (s_text[np.array(chunk)] @ o_txt.T).toarray()[rows, cols]
            txt_value = np.clip(sims, 0.0, 1.0)
            # Travel: shorter is better; an extra place beyond the estimate scores 0.
            pair_min = minutes[rows, cols]
            pair_max = max_min[rows, 0]
            travel_value = np.clip(1.0 - pair_min / pair_max, 0.0, 1.0)

            score = 100.0 * (
                weights["work_processes"] * wp_value
                + weights["learning_text"] * txt_value
                + weights["organisation_type"] * org_value
                + weights["travel"] * travel_value
                + weights["electives"] * el_value
            )
            parts["student_idx"].append(np.array(chunk, dtype=np.int64)[rows])
            parts["offer_idx"].append(o_arr[cols])
            parts["score"].append(score)
            parts["travel_minutes"].append(pair_min)
            parts["work_processes"].append(wp_value)
            parts["learning_text"].append(txt_value)
            parts["organisation_type"].append(org_value)
            parts["travel"].append(travel_value)
            parts["electives"].append(el_value)
            parts["wp_covered"].append(wp_count)
            parts["electives_covered"].append(el_count)
            parts["extra_place_only"].append(extra_place[rows, cols] & ~within[rows, cols])

    def cat(name: str, dtype: Any = np.float64) -> np.ndarray:
        return np.concatenate(parts[name]) if parts[name] else np.zeros(0, dtype=dtype)

    s_idx, o_idx = cat("student_idx", np.int64), cat("offer_idx", np.int64)
    order = np.lexsort((o_idx, s_idx))
    return PairTable(
        students=studs,
        offers=offs,
        settings=settings,
        student_idx=s_idx[order],
        offer_idx=o_idx[order],
        score=cat("score")[order],
        travel_minutes=cat("travel_minutes")[order],
        values={k: cat(k)[order] for k in CRITERIA},
        wp_covered=cat("wp_covered")[order],
        electives_covered=cat("electives_covered")[order],
        extra_place_only=cat("extra_place_only", bool)[order],
        exclusions=exclusions,
    )
