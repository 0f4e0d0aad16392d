"""Fairness figures per run and group, computed after the allocation, shown to coordinators
(with a warning when a group is more than 10 points behind) and, with small counts hidden
by the one public rule, on the public page."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from catalog.public import SMALL_COUNT, public_count, public_share
from matching.models import Round
from matching.selectors.fairness import fairness_figures
from matching.services import review, rounds_release
from matching.tests.conftest import World, to_review

ROOT = Path(__file__).resolve().parents[2]


def _student(sid: str, support: bool = False, level: int = 3) -> dict[str, object]:
    return {"id": sid, "crebo": "25655", "level": level, "needs_extra_supervision": support}


def test_figures_per_group_with_gaps_warnings_and_reasons() -> None:
    students: list[dict[str, object]] = [_student(f"s{i}", support=i < 4) for i in range(10)]
    # Of the 4 with a support need 1 is placed, of the other 6 all are.
    placed = ["s3", "s4", "s5", "s6", "s7", "s8", "s9"]
    output = {
        "assignments": [{"student": s, "offer": f"o{s}"} for s in placed],
        "explanations": {s: {"score": 80.0, "travel_minutes": 20.0} for s in placed},
        "unplaced_reasons": {
            "s0": {"reason": "unplaced_all_full", "params": {"n": 2}},
            "s1": {"reason": "unplaced_all_full", "params": {"n": 1}},
            "s2": {"reason": "unplaced_no_eligible", "params": {"rule": "supervision"}},
        },
    }
    labels = {
        str(s["id"]): {"programme": "Verzorgende IG", "pathway": "BOL", "municipality": "Nijmegen"}
        for s in students
    }
    fig = fairness_figures({"students": students, "objective": "score"}, output, labels, (3, 2))
    assert fig["cohort"] == {
        "students": 10,
        "placed": 7,
        "rate": 0.7,
        "mean_score": 80.0,
        "mean_travel": 20.0,
        "first_choice": None,
    }
    rows = {(r["dimension"], r["label"]): r for r in fig["groups"]}
    support = rows[("support", "yes")]
    assert support["students"] == 4 and support["placed"] == 1 and support["rate"] == 0.25
    assert support["gap_rate"] == -45.0 and support["warn"] is True
    assert support["reasons"] == [
        ["unplaced_all_full", "", 2],
        ["unplaced_no_eligible", "supervision", 1],
    ]
    other = rows[("support", "no")]
    assert other["rate"] == 1.0 and other["gap_rate"] == 30.0 and not other["warn"]
    assert rows[("programme", "Verzorgende IG")]["gap_rate"] == 0.0
    assert rows[("own", "own")]["students"] == 3 and rows[("own", "own")]["placed"] == 2


def test_first_choice_share_per_group_in_a_ranked_round() -> None:
    students = [_student("a", support=True), _student("b")]
    snapshot = {
        "students": students,
        "objective": "rank",
        "ranks": {"a": ["o1", "o2"], "b": ["o1", "o2"]},
    }
    output = {
        "assignments": [{"student": "a", "offer": "o1"}, {"student": "b", "offer": "o2"}],
        "explanations": {
            "a": {"score": 70.0, "travel_minutes": 10.0},
            "b": {"score": 60.0, "travel_minutes": 30.0},
        },
    }
    fig = fairness_figures(snapshot, output, {})
    rows = {(r["dimension"], r["label"]): r for r in fig["groups"]}
    assert fig["cohort"]["first_choice"] == 0.5
    assert rows[("support", "yes")]["first_choice"] == 1.0
    assert rows[("support", "yes")]["gap_first"] == 50.0
    assert rows[("support", "no")]["gap_travel"] == 10.0


def test_a_run_stores_its_figures_and_the_round_page_shows_them(reviewed: World) -> None:
    run = reviewed.round.chosen_run
    assert run is not None
    fig = run.quality["fairness"]
    assert fig["cohort"]["students"] == len(run.snapshot["students"])
    dims = {r["dimension"] for r in fig["groups"]}
    assert {"support", "programme", "level", "pathway", "municipality"} <= dims
    client = Client()
    client.force_login(reviewed.coordinator)
    page = client.get(
        reverse("matching:round-detail", kwargs={"pk": reviewed.round.pk})
    ).content.decode()
    assert "Hele cohort" in page and "Woongemeente" in page and "cijfers per groep" in page
    # Group labels never enter the engine: the snapshot has no municipality or pathway.
    assert all("municipality" not in s and "pathway" not in s for s in run.snapshot["students"])


def test_the_public_page_hides_small_counts_and_shows_the_round_as_used(world: World) -> None:
    world.round.weights = {
        "work_processes": 0.5,
        "learning_text": 0.2,
        "organisation_type": 0.1,
        "travel": 0.1,
        "electives": 0.1,
    }
    world.round.save()
    to_review(world)
    rnd = world.refresh()
    review.match_bulk_approve(qs=rnd.matches.all(), by=world.coordinator)
    review.match_bulk_approve(qs=rnd.matches.all(), by=world.reviewer)
    rounds_release.round_approve(round=rnd, by=world.coordinator)
    rounds_release.round_release(round=rnd, at=timezone.now(), by=world.coordinator, confirmed=True)
    url = reverse("matching:transparency", kwargs={"institution": rnd.institution.slug})
    html = Client().get(url).content.decode()
    for field in (
        "Naam",
        "Doel",
        "Verantwoordelijke",
        "Wettelijke basis",
        "Gegevens",
        "Werking",
        "Menselijke tussenkomst",
        "Risicobeheer",
        "Versie en datum",
        "Contact",
    ):
        assert f">{field}</dt>" in html, field
    # Six students: every count is small, so no count below 10 and no percentage of a group.
    assert "&lt; 10 studenten, &lt; 10 met een plek" in html
    table = html[html.index("Per groep: hoeveel studenten") :]
    assert not re.search(r">\d%<|>\d\d%<|>100%<", table)
    # The weights as used by this round (text similarity 20 %, with the warning).
    assert "Leerwens en wat je er leert 20%" in html and "vlot schrijven" in html


def test_one_public_count_rule() -> None:
    assert [public_count(n) for n in (0, 9, SMALL_COUNT, 250)] == ["< 10", "< 10", "10", "250"]
    assert public_share(0.5, 9) == "–" and public_share(0.5, 10) == "50%"
    # The rule lives in one place: no other module or template spells out the threshold.
    spelled = [
        str(p.relative_to(ROOT))
        for folder in (
            "accounts",
            "companies",
            "students",
            "placements",
            "followup",
            "matching",
            "cockpit",
            "templates",
        )
        for p in (ROOT / folder).rglob("*")
        if p.suffix in (".py", ".html")
        and "tests" not in p.parts
        and ("< 10" in p.read_text(encoding="utf-8") or "&lt; 10" in p.read_text(encoding="utf-8"))
    ]
    assert spelled == []


def test_the_fairness_report_compares_priority_and_stores_nothing(world: World) -> None:
    with scopes_disabled():
        rounds_before = Round.objects.count()
    out = StringIO()
    call_command("fairness_report", stdout=out)
    lines = out.getvalue().splitlines()
    assert "zonder voorrang" in lines[1] and "met voorrang" in lines[1]
    cohort = lines[2].split()
    assert cohort[:2] == ["cohort", "6"] and cohort[2] == "83.3"  # 5 seats for 6 students
    with scopes_disabled():
        assert Round.objects.count() == rounds_before
