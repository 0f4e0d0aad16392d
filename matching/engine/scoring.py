"""Eligibility (hard rules) and the explained 0-100 score of every eligible pair.

Candidate generation is vectorised and sparse: students are only compared with offers of their
own crebo and level, in chunks, and within a chunk only with the offers in the latitude band a
student could reach at all plus the offers in their extra places (`reach.py`). Every rule and
criterion is then computed on those candidate pairs only; only a student without any eligible
offer is looked at densely, to count how many offers each rule excluded. The per-pair Python
work is only for explanations, and only for the pairs that get explained.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from .pairs import CRITERIA, Criterion, PairTable, ScoredPair, normalised_weights
from .reach import GroupOffers, Students, dense_rules, reachable_pairs
from .types import OfferProfile, RoundSettings, StudentProfile

__all__ = ["CRITERIA", "Criterion", "PairTable", "ScoredPair", "score_pairs"]

CHUNK = 1024
RULES = ("reachable", "period", "hours", "days", "access", "supervision", "capacity")
# Number of set bits of a 7-bit weekday mask.
POPCOUNT = np.array([bin(b).count("1") for b in range(128)], dtype=np.int64)


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


def _pair_dot(s_m: np.ndarray, o_m: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """`(s_m @ o_m.T)[rows, cols]` without the dense product: per pair, the sum over the
    student's few nonzero entries. The entries are small whole numbers, so every sum is exact
    and equal to the dense product's, whatever the order of addition."""
    nz_r, nz_c = np.nonzero(s_m)
    per_row = np.bincount(nz_r, minlength=s_m.shape[0])
    width = int(per_row.max()) if per_row.size else 0
    out = np.zeros(rows.size, dtype=np.float64)
    if width == 0:
        return out
    starts = np.concatenate([[0], np.cumsum(per_row)[:-1]])
    idx = np.full((s_m.shape[0], width), o_m.shape[1], dtype=np.int64)  # a zero column
    val = np.zeros((s_m.shape[0], width), dtype=np.float64)
    slot = np.arange(nz_r.size) - starts[nz_r]
    idx[nz_r, slot] = nz_c
    val[nz_r, slot] = s_m[nz_r, nz_c]
    o_ext = np.concatenate([o_m, np.zeros((o_m.shape[0], 1))], axis=1)
    for k in range(width):
        out += val[rows, k] * o_ext[cols, idx[rows, k]]
    return out


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
    # Text similarity only when the round gives it a weight: by default wording never counts
    # (and scikit-learn is not even imported).
    text: Any = None
    if weights["learning_text"] > 0:
        from .text import tfidf_matrices

        text = tfidf_matrices(
            [" ".join(s.learning_wishes) for s in studs], [o.learning_text for o in offs]
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
        of = GroupOffers(og, settings)
        o_arr = np.array(o_ids, dtype=np.int64)
        wp_vocab = {w: n for n, w in enumerate(sorted({w for o in og for w in o.work_processes}))}
        o_wp = _vocab_matrix([sorted(o.work_processes) for o in og], wp_vocab)
        el_vocab = {e: n for n, e in enumerate(sorted({e for o in og for e in o.electives}))}
        o_el = _vocab_matrix([sorted(o.electives) for o in og], el_vocab)
        type_vocab = {t: n for n, t in enumerate(sorted({o.organisation_type for o in og}))}
        o_type = np.array([type_vocab[o.organisation_type] for o in og], dtype=np.int64)

        for c0 in range(0, len(s_ids), CHUNK):
            chunk = s_ids[c0 : c0 + CHUNK]
            sg = [studs[i] for i in chunk]
            st = Students(sg, settings)
            rows, cols, pair_min, within, extra = reachable_pairs(st, of, settings)
            # The other hard rules, on the reachable pairs only.
            s_start, s_end = st.start[rows, 0], st.end[rows, 0]
            o_start, o_end = of.start[cols], of.end[cols]
            overlap = np.minimum(s_end, o_end) - np.maximum(s_start, o_start) + 1
            shorter = np.minimum(s_end - s_start + 1, o_end - o_start + 1)
            hours_diff = st.hours[rows, 0] - of.hours[cols]
            with np.errstate(invalid="ignore"):
                period_ok = overlap >= settings.min_period_overlap * shorter
                hours_ok = np.abs(hours_diff) <= settings.hours_tolerance
            period_ok |= np.isnan(overlap)  # no period given on either side: no constraint
            hours_ok |= np.isnan(hours_diff)
            days_left = POPCOUNT[st.free_bits[rows] & of.day_bits[cols]]
            days_ok = ~of.stated[cols] | (days_left >= of.need[cols])
            eligible = (
                period_ok
                & hours_ok
                & days_ok
                & (~st.access[rows, 0] | of.access[cols])
                & (~st.needs[rows, 0] | of.extra[cols])
                & of.cap[cols]
            )
            has = np.zeros(len(sg), dtype=bool)
            has[rows[eligible]] = True
            none = np.flatnonzero(~has)
            if none.size:
                oks = dense_rules(st.take(none), of, settings)
                for n_r, r in enumerate(int(x) for x in none):
                    exclusions[chunk[r]] = Counter(
                        {
                            rule: int((~ok[n_r]).sum())
                            for rule, ok in zip(RULES, oks, strict=True)
                            if (~ok[n_r]).any()
                        }
                    )
            rows, cols = rows[eligible], cols[eligible]
            pair_min, within, extra = pair_min[eligible], within[eligible], extra[eligible]
            if rows.size == 0:
                continue
            # Work processes, weighted by their order of importance.
            s_wp = _vocab_matrix([s.work_processes for s in sg], wp_vocab, weighted=True)
            s_wp_total = np.array(
                [sum(range(1, len(s.work_processes) + 1)) for s in sg], dtype=np.float64
            )
            wp_weight = _pair_dot(s_wp, o_wp, rows, cols)
            wp_value = np.divide(
                wp_weight,
                s_wp_total[rows],
                out=np.zeros_like(wp_weight),
                where=s_wp_total[rows] > 0,
            )
            wp_count = _pair_dot((s_wp > 0).astype(np.float64), o_wp, rows, cols)
            # Organisation type: 1 when the offer's type is one the student asked for, else the
            # neutral value (so asking for a type never lowers a score).
            s_types = np.zeros((len(sg), len(type_vocab)), dtype=bool)
            for r, s in enumerate(sg):
                for t in s.organisation_types:
                    if t in type_vocab:
                        s_types[r, type_vocab[t]] = True
            org_match = s_types[rows, o_type[cols]]
            neutral = settings.neutral_value
            org_value = np.where(org_match, 1.0, neutral)
            # Electives: the neutral value, plus half the rest for each one the offer supports
            # (at most two count), so listing another elective never lowers a score.
            s_el = _vocab_matrix([sorted(s.electives) for s in sg], el_vocab)
            el_count = _pair_dot(s_el, o_el, rows, cols)
            el_value = neutral + (1.0 - neutral) * np.minimum(el_count, 2.0) / 2.0
            # Learning-wish text similarity (cosine of L2-normalised TF-IDF rows).
            if text is None:
                txt_value = np.zeros(rows.size, dtype=np.float64)
            else:
                sims = (text[0][np.array(chunk)] @ text[1][o_arr].T).toarray()[rows, cols]
                txt_value = np.clip(sims, 0.0, 1.0)
            # Travel: shorter is better; an extra place beyond the estimate scores 0.
            pair_max = st.max_min[rows, 0]
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
            parts["extra_place_only"].append(extra & ~within)

    def cat(name: str, dtype: Any = np.float64) -> np.ndarray:
        return np.concatenate(parts.pop(name)) if parts[name] else np.zeros(0, dtype=dtype)

    s_idx, o_idx = cat("student_idx", np.int64), cat("offer_idx", np.int64)
    order = np.argsort(s_idx * max(1, len(offs)) + o_idx)  # by student, then offer (unique)
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
