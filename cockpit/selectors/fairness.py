"""The fairness figures per group (`matching.selectors.fairness`, stored with each run) as the
cockpit shows them: the gap in placement rate against the whole cohort, with groups under the
one small-count rule of `catalog.public` suppressed (their count as that rule shows it, no
rate, no gap).

Only counts are read from a run's quality summary, never its snapshot or output."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from catalog.public import is_small, public_count
from matching.models import Round, RoundStatus, Run
from matching.selectors.fairness import dimension_label, group_label

from .figures import year_bounds

COHORT = "cohort"


@dataclass(frozen=True)
class GroupRow:
    group: str
    students: int
    placed: int

    @property
    def suppressed(self) -> bool:
        """A small group, or one whose placed or unplaced count is small: its rate would give
        that count away (18 students at 44.4 % is 8 placed), so it is not shown either."""
        return any(is_small(n) for n in (self.students, self.placed, self.students - self.placed))

    @property
    def students_shown(self) -> str:
        return public_count(self.students)

    @property
    def placed_shown(self) -> str:
        # 25 students of whom 22 placed would give away the 3 not placed.
        if self.suppressed and not is_small(self.placed):
            return "–"
        return public_count(self.placed)

    @property
    def rate(self) -> float | None:
        if self.suppressed or not self.students:
            return None
        return round(100 * self.placed / self.students, 1)


def _name(dimension: str, label: str) -> str:
    if dimension == COHORT:
        return str(dimension_label(COHORT))
    return f"{dimension_label(dimension)}: {group_label(dimension, label)}"


def combine(tables: Iterable[dict[str, Any]]) -> list[tuple[GroupRow, float | None]]:
    """The stored fairness tables of one or more runs as rows with their gap (percentage
    points against the cohort; None when suppressed). Counts of several runs are added up."""
    students: Counter[tuple[str, str]] = Counter()
    placed: Counter[tuple[str, str]] = Counter()
    order: list[tuple[str, str]] = []
    for table in tables:
        rows = [{"dimension": COHORT, "label": "", **table["cohort"]}, *table["groups"]]
        for row in rows:
            key = (row["dimension"], row["label"])
            if key not in students:
                order.append(key)
            students[key] += row["students"] or 0
            placed[key] += row["placed"] or 0
    groups = [GroupRow(_name(*key), students[key], placed[key]) for key in order]
    if not groups:
        return []
    cohort = groups[0].rate
    return [
        (g, None if g.rate is None or cohort is None or i == 0 else round(g.rate - cohort, 1))
        for i, g in enumerate(groups)
    ]


def of_run(run_id: int | None) -> dict[str, Any] | None:
    if run_id is None:
        return None
    quality = Run.objects.filter(pk=run_id).values_list("quality", flat=True).first()
    return (quality or {}).get("fairness") or None


def of_year(institution_id: int, year: int) -> list[tuple[GroupRow, float | None]]:
    """The school year's released first rounds (a follow-up round's students were in its first
    round already) added up: what the Stagepact report shows."""
    start, end = year_bounds(year)
    runs = Run.objects.filter(
        pk__in=Round.objects.filter(
            institution=institution_id,
            created_at__gte=start,
            created_at__lt=end,
            status__in=[RoundStatus.RELEASED, RoundStatus.CLOSED],
            follow_up_of__isnull=True,
        ).values("chosen_run_id")
    ).values_list("quality", flat=True)
    tables = [q["fairness"] for q in runs if q and q.get("fairness")]
    return combine(tables)
