"""The data behind the charts. Each chart is a `Chart`: labels, one or more series and the same
figures as a table (for screen readers and for copying). Every figure is an aggregate query;
a run is read for its small quality summary only, never its snapshot or output."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractMonth, ExtractYear, Floor
from django.utils.translation import gettext as _

from catalog.models import Place
from cockpit.models import school_year_of
from matching.models import Match, Round, Run
from matching.selectors.coverage import offered_places, supply_and_demand
from placements.models import Placement
from students.models import LearningProfile, ProfileStatus

from . import fairness
from .figures import life_figures, placed_by_programme, placements_of_year, year_bounds

Number = int | float


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # "bar" or "line"
    label_header: str
    labels: list[str]
    series: list[tuple[str, list[Any]]]
    stacked: bool = False
    horizontal: bool = False  # bars along the x axis: long group names stay readable
    extra: list[tuple[str, list[Any]]] = field(default_factory=list)  # table-only columns

    @property
    def data_id(self) -> str:
        return f"{self.key}-data"

    def config(self) -> dict[str, Any]:
        """What static/js/charts.js hands to Chart.js."""
        return {
            "kind": self.kind,
            "stacked": self.stacked,
            "horizontal": self.horizontal,
            "labels": self.labels,
            "series": [{"label": name, "data": data} for name, data in self.series],
        }

    def header(self) -> list[str]:
        return [self.label_header, *(n for n, _d in self.series), *(n for n, _d in self.extra)]

    def rows(self) -> list[list[Any]]:
        columns = [data for _n, data in self.series] + [data for _n, data in self.extra]
        return [[label, *(c[i] for c in columns)] for i, label in enumerate(self.labels)]


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def placement_by_programme(
    institution_id: int, today: dt.date, offered: Counter[tuple[int, int]] | None = None
) -> Chart:
    """`offered`: `coverage.offered_places` of the school, when the caller has it."""
    coverage = supply_and_demand(institution_id, offered=offered)
    placed = placed_by_programme(today)
    labels = [row["programme"].name for row in coverage]
    done = [placed.get(row["programme"].pk, 0) for row in coverage]
    open_ = [max(0, row["students"] - n) for row, n in zip(coverage, done, strict=True)]
    rate = [_percent(n, row["students"]) for row, n in zip(coverage, done, strict=True)]
    return Chart(
        "plaatsing-opleiding",
        _("Geplaatst per opleiding"),
        "bar",
        _("Opleiding"),
        labels,
        [(_("Geplaatst"), done), (_("Nog zonder plek"), open_)],
        stacked=True,
        extra=[(_("Geplaatst (%)"), rate)],
    )


def rounds_of_year(institution_id: int, year: int) -> list[Round]:
    start, end = year_bounds(year)
    return list(
        Round.objects.filter(institution=institution_id, created_at__gte=start, created_at__lt=end)
        .annotate(
            n_matches=Count("matches", distinct=True),
            n_placed=Count("matches", filter=Q(matches__offer__isnull=False), distinct=True),
        )
        .only("pk", "name", "chosen_run_id", "status", "created_at")
        .order_by("created_at", "pk")
    )


def placement_by_round(rounds: list[Round]) -> Chart:
    placed = [int(vars(r)["n_placed"]) for r in rounds]  # annotated by the round query
    unplaced = [int(vars(r)["n_matches"]) - p for r, p in zip(rounds, placed, strict=True)]
    rate = [_percent(p, p + u) for p, u in zip(placed, unplaced, strict=True)]
    return Chart(
        "plaatsing-ronde",
        _("Geplaatst per ronde"),
        "bar",
        _("Ronde"),
        [r.name for r in rounds],
        [(_("Met plek"), placed), (_("Zonder plek"), unplaced)],
        stacked=True,
        extra=[(_("Geplaatst (%)"), rate)],
    )


def score_distribution(rnd: Round) -> Chart:
    """The round's matches by score, in bands of 10 (100 counts in the top band)."""
    rows = (
        Match.objects.filter(round=rnd, offer__isnull=False, score__isnull=False)
        .annotate(band=Floor(F("score") / 10))
        .values("band")
        .annotate(n=Count("id"))
    )
    bands: Counter[int] = Counter()
    for row in rows:
        bands[min(9, max(0, int(row["band"])))] += row["n"]
    labels = [f"{10 * b}–{10 * b + 9}" if b < 9 else "90–100" for b in range(10)]
    return Chart(
        "scores",
        _("Scores van de matches"),
        "bar",
        _("Score"),
        labels,
        [(_("Matches"), [bands[b] for b in range(10)])],
    )


def travel_distribution(rnd: Round) -> Chart | None:
    """The chosen run's travel times (its quality summary: minimum, quartiles, maximum)."""
    if rnd.chosen_run_id is None:
        return None
    quality = Run.objects.filter(pk=rnd.chosen_run_id).values_list("quality", flat=True).first()
    summary = (quality or {}).get("travel_minutes")
    if not summary:
        return None
    keys = [
        ("min", _("Kortste")),
        ("p25", _("25%")),
        ("median", _("Mediaan")),
        ("p75", _("75%")),
        ("max", _("Langste")),
    ]
    return Chart(
        "reistijd",
        _("Reistijd naar de stage (minuten)"),
        "bar",
        _("Deel van de studenten"),
        [str(label) for _k, label in keys],
        [(_("Minuten"), [summary.get(k) for k, _label in keys])],
    )


def fairness_gaps(rnd: Round) -> Chart | None:
    """Per group of the chosen run: how far its placement rate lies above or below the whole
    cohort's, in percentage points. Small groups are suppressed (no bar; their count as
    `catalog.public` shows it)."""
    rows = fairness.combine(t for t in [fairness.of_run(rnd.chosen_run_id)] if t)
    if not rows:
        return None
    groups = rows[1:]  # the cohort itself is the zero line
    return Chart(
        "eerlijkheid",
        _("Eerlijkheid: verschil in plaatsing per groep"),
        "bar",
        _("Groep"),
        [g.group for g, _gap in groups],
        [(_("Verschil met het cohort (procentpunt)"), [gap for _g, gap in groups])],
        extra=[
            (_("Studenten"), [g.students_shown for g, _gap in groups]),
            (_("Geplaatst"), [g.placed_shown for g, _gap in groups]),
            (_("Geplaatst (%)"), [g.rate for g, _gap in groups]),
        ],
        horizontal=True,
    )


def trends(institution_id: int) -> Chart:
    """Per school year: rounds and placements made (year on year)."""

    def by_year(qs: Any) -> Counter[int]:
        rows = (
            qs.annotate(y=ExtractYear("created_at"), m=ExtractMonth("created_at"))
            .values("y", "m")
            .annotate(n=Count("id"))
        )
        counts: Counter[int] = Counter()
        for r in rows:
            counts[school_year_of(dt.date(r["y"], r["m"], 1))] += r["n"]
        return counts

    rounds = by_year(Round.objects.filter(institution=institution_id))
    placements = by_year(Placement.objects.filter(student__programme__institution=institution_id))
    years = sorted({*rounds, *placements})
    return Chart(
        "trend",
        _("Per schooljaar"),
        "line",
        _("Schooljaar"),
        [f"{y}-{y + 1}" for y in years],
        [
            (_("Rondes"), [rounds[y] for y in years]),
            (_("Plaatsingen"), [placements[y] for y in years]),
        ],
    )


def after_the_match(institution_id: int, year: int) -> Chart:
    """Of the school year's placements: introductory meeting held, POK signed by everyone,
    the Stagepact's contact moments (at least 3, at least 1 on site)."""
    life = life_figures(placements_of_year(institution_id, year))
    total = life["placements"]
    counts = [
        life["intro_held"],
        life["pok"]["complete"],
        life["contacts"]["enough"],
        life["contacts"]["on_site"],
    ]
    return Chart(
        "na-de-match",
        _("Na de match: %(n)s stages") % {"n": total},
        "bar",
        _("Stap"),
        [
            _("Kennismaking gehouden"),
            _("POK volledig ondertekend"),
            _("Minstens 3 contactmomenten"),
            _("Minstens 1 contactmoment op locatie"),
        ],
        [(_("Stages"), counts)],
        extra=[(_("Van alle stages (%)"), [_percent(n, total) for n in counts])],
    )


@dataclass
class Dot:
    name: str
    municipality: str
    students: int
    places: int
    x: float = 0.0
    y: float = 0.0

    @property
    def label_y(self) -> float:
        return round(self.y - max(self.r_students, self.r_places) - 4, 1)

    @property
    def r_students(self) -> float:
        return round(3 + 2.5 * math.sqrt(self.students), 1)

    @property
    def r_places(self) -> float:
        return round(3 + 2.5 * math.sqrt(self.places), 1)


def region_dots(
    institution_id: int,
    width: int = 600,
    height: int = 480,
    offered: Counter[tuple[int, int]] | None = None,
) -> list[Dot]:
    """Per place: students taking part who live there and matching places offered there, with
    the place's position projected onto a `width` x `height` drawing (no map data needed).
    `offered`: `coverage.offered_places` of the school, when the caller has it."""
    students = Counter(
        {
            r["home_place_id"]: r["n"]
            for r in LearningProfile.objects.filter(student__programme__institution=institution_id)
            .exclude(status=ProfileStatus.OPTED_OUT)
            .exclude(home_place__isnull=True)
            .values("home_place_id")
            .annotate(n=Count("id"))
        }
    )
    places: Counter[int] = Counter()
    if offered is None:
        offered = offered_places(institution_id)
    for (_programme, place_id), n in offered.items():
        places[place_id] += n
    where = Place.objects.filter(pk__in={*students, *places}).values(
        "pk", "name", "municipality", "latitude", "longitude"
    )
    dots = [
        (p, Dot(p["name"], p["municipality"], students[p["pk"]], places[p["pk"]])) for p in where
    ]
    if not dots:
        return []
    lats = [p["latitude"] for p, _d in dots]
    lons = [p["longitude"] for p, _d in dots]
    # Degrees of longitude are shorter than degrees of latitude here (cos 52° ≈ 0.62).
    squeeze = 0.62
    span = max(max(lats) - min(lats), (max(lons) - min(lons)) * squeeze, 0.02)
    margin = 30
    scale = min(width, height) - 2 * margin
    for p, dot in dots:
        dot.x = round(margin + (p["longitude"] - min(lons)) * squeeze / span * scale, 1)
        dot.y = round(margin + (max(lats) - p["latitude"]) / span * scale, 1)
    return sorted((d for _p, d in dots), key=lambda d: (-d.students - d.places, d.name))
