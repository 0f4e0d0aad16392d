"""The table of eligible pairs and the explanation of a pair (criterion by criterion)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .reasons import render
from .types import OfferProfile, RoundSettings, StudentProfile

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
        weights = normalised_weights(self.settings)
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

    def explain_dicts(self, rows: np.ndarray) -> list[dict[str, Any]]:
        """`self.explain(k).as_dict()` for every k in `rows`, built column by column: the
        numbers are computed and rounded with numpy, the texts rendered once per distinct
        reason and parameters."""
        rows = np.asarray(rows, dtype=np.int64)
        weights = normalised_weights(self.settings)
        minutes = self.travel_minutes[rows]
        columns = []
        for key in CRITERIA:
            values = self.values[key][rows]
            columns.append(
                (
                    key,
                    round_exact(values, 6).tolist(),
                    round(weights[key], 6),
                    round_exact(100.0 * weights[key] * values, 6).tolist(),
                )
            )
        texts: dict[tuple[Any, ...], tuple[str, str]] = {}
        out = []
        for n, (k, s, o, minute, score, rounded_minutes) in enumerate(
            zip(
                rows.tolist(),
                self.student_idx[rows].tolist(),
                self.offer_idx[rows].tolist(),
                minutes.tolist(),
                round_exact(self.score[rows], 4).tolist(),
                round_exact(minutes, 1).tolist(),
                strict=True,
            )
        ):
            student, offer = self.students[s], self.offers[o]
            criteria = []
            for key, values, weight, contributions in columns:
                reason, params = _reason(self, k, key, student, offer, minute)
                text_key = (reason, *((p, _hashable(v)) for p, v in params.items()))
                text = texts.get(text_key)
                if text is None:
                    text = texts[text_key] = (
                        render(reason, params, "nl"),
                        render(reason, params, "en"),
                    )
                criteria.append(
                    {
                        "key": key,
                        "value": values[n],
                        "weight": weight,
                        "contribution": contributions[n],
                        "reason": reason,
                        "params": params,
                        "text_nl": text[0],
                        "text_en": text[1],
                    }
                )
            out.append(
                {
                    "student": student.id,
                    "offer": offer.id,
                    "score": score,
                    "travel_minutes": rounded_minutes,
                    "criteria": criteria,
                }
            )
        return out


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def round_exact(values: np.ndarray, digits: int) -> np.ndarray:
    """`round(v, digits)` for every value, exactly as Python rounds a float (from its binary
    value, ties to even). numpy's multiply-round-divide gives the same result except within
    rounding error of a half; those few values are rounded by Python."""
    out: np.ndarray = np.round(values, digits)
    scaled = np.abs(values * 10.0**digits)
    near_half = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    for k in np.flatnonzero(near_half | ~np.isfinite(values)).tolist():
        out[k] = round(float(values[k]), digits)
    return out


def _reason(
    t: PairTable, k: int, key: str, s: StudentProfile, o: OfferProfile, minutes: float
) -> tuple[str, dict[str, Any]]:
    if key == "work_processes":
        if not s.work_processes:
            return "wp_none_wished", {}
        codes = [w for w in s.work_processes if w in o.work_processes]
        return "wp_covered", {
            "covered": int(t.wp_covered[k]),
            "wished": len(s.work_processes),
            "codes": codes,
        }
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
    codes = sorted(s.electives & o.electives)
    return "electives_match", {
        "covered": int(t.electives_covered[k]),
        "total": len(s.electives),
        "codes": codes,
    }


def normalised_weights(settings: RoundSettings) -> dict[str, float]:
    raw = settings.weights.as_dict()
    total = sum(raw.values())
    if total <= 0:
        raise ValueError("the criteria weights must add up to more than 0")
    return {k: v / total for k, v in raw.items()}
