"""Charts: drawn by the vendored Chart.js from json_script data, each with its table; the map
of the region is SVG drawn from the stored coordinates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from cockpit.selectors import charts, fairness
from matching.models import Match, Round
from matching.tests.conftest import to_review

from .helpers import YEAR, client_for, school

pytestmark = pytest.mark.django_db
VENDOR = Path(settings.BASE_DIR) / "static" / "vendor" / "chartjs"


def test_chartjs_is_vendored_with_its_licence() -> None:
    script = (VENDOR / "chart.umd.min.js").read_text(encoding="utf-8")
    assert script.startswith("/*!\n * Chart.js v4.6.1")
    assert "sourceMappingURL" not in script
    assert "MIT License" in (VENDOR / "LICENSE.md").read_text(encoding="utf-8")


def test_the_page_has_charts_tables_and_no_inline_script() -> None:
    world = school()
    to_review(world)
    html = client_for(world.coordinator).get(reverse("cockpit:charts") + f"?jaar={YEAR}").content
    page = html.decode()
    assert "/static/vendor/chartjs/chart.umd.min.js" in page
    assert "cdn" not in page.lower()
    for tag in re.findall(r"<script[^>]*>", page):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    keys = re.findall(r'<canvas data-chart="([a-z-]+)"', page)
    assert keys == [
        "plaatsing-opleiding",
        "plaatsing-ronde",
        "na-de-match",
        "scores",
        "reistijd",
        "eerlijkheid",
        "trend",
    ]
    for key in keys:
        data = re.search(rf'<script id="{key}-data" type="application/json">(.*?)</script>', page)
        assert data is not None
        spec = json.loads(data.group(1))
        assert spec["labels"] and spec["series"]
        assert f'id="{key}-titel"' in page
    assert page.count("<table") == len(keys) + 1  # one per chart, and the map's


def test_scores_are_counted_in_bands() -> None:
    world = school()
    to_review(world)
    rnd = Round.objects.get(pk=world.round.pk)
    Match.objects.filter(round=rnd, offer__isnull=False).update(score=55.5)
    Match.objects.filter(pk=Match.objects.filter(round=rnd, offer__isnull=False)[0].pk).update(
        score=100.0
    )
    chart = charts.score_distribution(rnd)
    data = dict(zip(chart.labels, chart.series[0][1], strict=True))
    placed = Match.objects.filter(round=rnd, offer__isnull=False).count()
    assert data["90–100"] == 1 and data["50–59"] == placed - 1
    assert chart.rows()[5] == ["50–59", placed - 1]


def test_the_map_counts_students_and_places_per_place() -> None:
    world = school(n_students=6, capacities=(2, 2, 1))
    [nijmegen] = charts.region_dots(world.round.institution_id)
    assert (nijmegen.name, nijmegen.students, nijmegen.places) == ("Nijmegen", 6, 5)
    assert 0 <= nijmegen.x <= 600 and 0 <= nijmegen.y <= 480


def test_placement_per_programme_and_the_years_trend() -> None:
    world = school()
    to_review(world)
    chart = charts.placement_by_programme(world.round.institution_id, world.round.created_at.date())
    assert chart.header() == ["Opleiding", "Geplaatst", "Nog zonder plek", "Geplaatst (%)"]
    assert chart.rows()[0][0] == world.programme.name
    trend = charts.trends(world.round.institution_id)
    assert trend.labels == [f"{YEAR}-{YEAR + 1}"] and trend.series[0][1] == [1]


def test_another_school_sees_none_of_it() -> None:
    world = school()
    other = school(n_students=2, capacities=(1,))
    page = client_for(other.coordinator).get(reverse("cockpit:charts")).content.decode()
    assert world.round.name not in page or "Ronde 1" in page  # both schools name it "Ronde 1"
    assert ">6</td>" not in page


def test_fairness_gaps_per_group_with_small_groups_suppressed() -> None:
    table = {
        "cohort": {"students": 40, "placed": 30},
        "groups": [
            {"dimension": "support", "label": "yes", "students": 4, "placed": 1},
            {"dimension": "support", "label": "no", "students": 36, "placed": 29},
            {"dimension": "level", "label": "4", "students": 40, "placed": 30},
        ],
    }
    rows = fairness.combine([table, table])  # two runs add up
    assert [(g.group, g.students_shown, g.rate, gap) for g, gap in rows] == [
        ("Hele cohort", "80", 75.0, None),
        ("Extra begeleiding: met extra begeleiding", "< 10", None, None),
        ("Extra begeleiding: zonder extra begeleiding", "72", 80.6, 5.6),
        ("Niveau: niveau 4", "80", 75.0, 0.0),
    ]


def test_the_fairness_chart_of_a_round_has_its_table() -> None:
    # 12 of 24 placed: no count under 10, so the rate and gap are shown.
    world = school(n_students=24, capacities=(4, 4, 4))
    to_review(world)
    chart = charts.fairness_gaps(Round.objects.get(pk=world.round.pk))
    assert chart is not None and chart.config()["horizontal"] is True
    assert chart.header() == [
        "Groep",
        "Verschil met het cohort (procentpunt)",
        "Studenten",
        "Geplaatst",
        "Geplaatst (%)",
    ]
    row = chart.rows()[0]
    assert row[0].startswith("Extra begeleiding") and row[1] == 0.0 and row[2] == "24"
