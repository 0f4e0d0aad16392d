"""Eligibility (hard rules) and the explained 0-100 score of every eligible pair.

Candidate generation is vectorised: students are only compared with offers of their own
crebo and level, in chunks, with numpy; the per-pair Python work is only for explanations.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .reasons import render
from .text import tfidf_matrices
from .types import OfferProfile, RoundSettings, StudentProfile

CHUNK = 1024
EARTH_KM = 6371.0
RULES = ("reachable", "period", "hours", "supervision", "capacity")
CRITERIA = ("work_processes", "learning_text", "organisation_type", "travel", "electives")


@dataclass(frozen=True, slots=True)
class Criterion:
    key: str
    value: float  # 0-1
    weight: float  # share of the total weight (weights are normalised to sum to 1)
    contribution: float  # 100 x weight x value; the contributions add up to the score
    reason: str
    params: dict[str, Any]

    def text(self, language: str = "nl") -> str:
        return render(self.reason, self.params, language)


@dataclass(frozen=True, slots=True)
class ScoredPair:
    student: str
    offer: str
    score: float
    travel_minutes: float
    criteria: tuple[Criterion, ...]

    def criterion(self, key: str) -> Criterion:
        return next(c for c in self.criteria if c.key == key)

    def as_dict(self) -> dict[str, Any]:
        return {
            "student": self.student,
            "offer": self.offer,
            "score": round(self.score, 4),
            "travel_minutes": round(self.travel_minutes, 1),
            "criteria": [
                {
                    "key": c.key,
                    "value": round(c.value, 6),
                    "weight": round(c.weight, 6),
                    "contribution": round(c.contribution, 6),
                    "reason": c.reason,
                    "params": c.params,
                    "text_nl": c.text("nl"),
                    "text_en": c.text("en"),
                }
                for c in self.criteria
            ],
        }


@dataclass
class PairTable:
    """All eligible pairs, as parallel arrays (row k is one student-offer pair)."""

    students: list[StudentProfile]
    offers: list[OfferProfile]
    settings: RoundSettings
    student_idx: np.ndarray
    offer_idx: np.ndarray
    score: np.ndarray
    travel_minutes: np.ndarray
    values: dict[str, np.ndarray]
    wp_covered: np.ndarray
    electives_covered: np.ndarray
    extra_place_only: np.ndarray
    # For students without any eligible offer: how many offers each hard rule excluded.
    exclusions: dict[int, Counter[str]] = field(default_factory=dict)

    def __len__(self) -> int:
        return int(self.student_idx.shape[0])

    def subset(self, keep: np.ndarray) -> PairTable:
        """The same table restricted to the pairs at `keep` (indices or a boolean mask)."""
        return PairTable(
            students=self.students,
            offers=self.offers,
            settings=self.settings,
            student_idx=self.student_idx[keep],
            offer_idx=self.offer_idx[keep],
            score=self.score[keep],
            travel_minutes=self.travel_minutes[keep],
            values={k: v[keep] for k, v in self.values.items()},
            wp_covered=self.wp_covered[keep],
            electives_covered=self.electives_covered[keep],
            extra_place_only=self.extra_place_only[keep],
            exclusions=self.exclusions,
        )

    def explain(self, k: int) -> ScoredPair:
        s = self.students[int(self.student_idx[k])]
        o = self.offers[int(self.offer_idx[k])]
        weights = _normalised_weights(self.settings)
        minutes = float(self.travel_minutes[k])
        crits = []
        for key in CRITERIA:
            value = float(self.values[key][k])
            reason, params = _reason(self, k, key, s, o, minutes)
            crits.append(
                Criterion(key, value, weights[key], 100.0 * weights[key] * value, reason, params)
            )
        return ScoredPair(s.id, o.id, float(self.score[k]), minutes, tuple(crits))

    def explained(self) -> list[ScoredPair]:
        return [self.explain(k) for k in range(len(self))]


def _reason(
    t: PairTable, k: int, key: str, s: StudentProfile, o: OfferProfile, minutes: float
) -> tuple[str, dict[str, Any]]:
    if key == "work_processes":
        if not s.work_processes:
            return "wp_none_wished", {}
        return "wp_covered", {"covered": int(t.wp_covered[k]), "wished": len(s.work_processes)}
    if key == "learning_text":
        return "text_similarity", {"pct": int(round(100 * float(t.values[key][k])))}
    if key == "organisation_type":
        if not s.organisation_types:
            return "org_no_preference", {}
        preferred = o.organisation_type in s.organisation_types
        return ("org_preferred" if preferred else "org_other"), {"type": o.organisation_type}
    if key == "travel":
        params = {"minutes": int(round(minutes)), "mode": str(s.transport)}
        return ("travel_extra_place" if t.extra_place_only[k] else "travel_minutes"), params
    if not s.electives:
        return "electives_none", {}
    return "electives_match", {"covered": int(t.electives_covered[k]), "total": len(s.electives)}


def _normalised_weights(settings: RoundSettings) -> dict[str, float]:
    raw = settings.weights.as_dict()
    total = sum(raw.values())
    if total <= 0:
        raise ValueError("the criteria weights must add up to more than 0")
    return {k: v / total for k, v in raw.items()}


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
    weights = _normalised_weights(settings)
    travel = settings.travel
    s_text, o_text = tfidf_matrices(
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
        o_arr = np.array(o_ids, dtype=np.int64)
        o_lat = np.radians([o.location.lat for o in og])
        o_lon = np.radians([o.location.lon for o in og])
        o_cap = np.array([o.capacity > 0 for o in og])
        o_extra = np.array([o.extra_supervision_possible for o in og])
        o_hours = np.array([np.nan if o.hours_per_week is None else o.hours_per_week for o in og])
        o_start = np.array([_ordinal(o.period_start) for o in og])
        o_end = np.array([_ordinal(o.period_end) for o in og])
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
            needs = np.array([s.needs_extra_supervision for s in sg])[:, None]
            supervision_ok = ~needs | o_extra[None, :]
            capacity_ok = np.broadcast_to(o_cap[None, :], reachable.shape)

            eligible = reachable & period_ok & hours_ok & supervision_ok & capacity_ok
            none = ~eligible.any(axis=1)
            for r in (int(x) for x in np.nonzero(none)[0]):
                exclusions[chunk[r]] = Counter(
                    {
                        rule: int((~ok[r]).sum())
                        for rule, ok in zip(
                            RULES,
                            (reachable, period_ok, hours_ok, supervision_ok, capacity_ok),
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
            # Organisation type.
            o_type = [o.organisation_type for o in og]
            org_match = np.array(
                [o_type[c] in sg[r].organisation_types for r, c in zip(rows, cols, strict=True)],
                dtype=bool,
            )
            has_pref = np.array([bool(s.organisation_types) for s in sg])[rows]
            org_value = np.where(has_pref, org_match.astype(np.float64), settings.neutral_value)
            # Electives.
            s_el = _vocab_matrix([sorted(s.electives) for s in sg], el_vocab)
            n_el = np.array([len(s.electives) for s in sg], dtype=np.float64)[rows]
            el_count = (s_el @ o_el.T)[rows, cols]
            el_value = np.where(n_el > 0, el_count / np.maximum(n_el, 1), settings.neutral_value)
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
