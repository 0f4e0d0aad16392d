"""The charts page: placement per programme and round, a round's scores and travel times,
places against students on a drawn map of the region, and the years side by side."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import institution_of, staff_only
from cockpit.selectors import charts
from matching.selectors.coverage import offered_places

from .common import year_choices, year_of

MAP_WIDTH, MAP_HEIGHT = 600, 480
MAP_LABELS = 8  # the places with the most students and places get their name on the map


@staff_only
def charts_page(request: HttpRequest) -> HttpResponse:
    institution_id = institution_of(request).pk
    year = year_of(request)
    rounds = charts.rounds_of_year(institution_id, year)
    chosen = [r for r in rounds if r.chosen_run_id is not None]
    asked = request.GET.get("ronde", "")
    rnd = next((r for r in rounds if str(r.pk) == asked), chosen[-1] if chosen else None)
    offered = offered_places(institution_id)  # read once for the programmes and the map
    shown = [charts.placement_by_programme(institution_id, timezone.localdate(), offered)]
    if rounds:
        shown.append(charts.placement_by_round(rounds))
    shown.append(charts.after_the_match(institution_id, year))
    round_charts = []
    if rnd is not None:
        round_charts.append(charts.score_distribution(rnd))
        travel = charts.travel_distribution(rnd)
        if travel is not None:
            round_charts.append(travel)
        gaps = charts.fairness_gaps(rnd)
        if gaps is not None:
            round_charts.append(gaps)
    dots = charts.region_dots(institution_id, MAP_WIDTH, MAP_HEIGHT, offered)
    context = {
        "year": year,
        "years": year_choices(year),
        "charts": shown,
        "rounds": rounds,
        "round": rnd,
        "round_charts": round_charts,
        "trend": charts.trends(institution_id),
        "dots": dots,
        "labelled": dots[:MAP_LABELS],
        "map_width": MAP_WIDTH,
        "map_height": MAP_HEIGHT,
    }
    return render(request, "cockpit/charts.html", context)
