"""Students against places: one computation for the dashboard, the coverage page and a round."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from companies.models import Offer, OfferStatus
from demo import companies as companies_demo
from demo import students as students_demo
from demo.school import demo_load
from matching.selectors.coverage import supply_and_demand
from matching.tests.conftest import World


@pytest.mark.django_db
def test_coverage_shows_shortage_per_programme() -> None:
    school = demo_load()
    students_demo.demo_load(school)
    companies_demo.demo_load(school)
    rows = {r["programme"].crebo: r for r in supply_and_demand(school.institution.pk)}
    assert set(rows) == {"25604", "25655", "25698"}
    for r in rows.values():
        assert r["places"] == sum(d["places"] for d in r["regions"])
        assert r["short"] == max(0, r["students"] - r["places"])
    assert any(r["short"] > 0 for r in rows.values())


def _shortage_on(html: str) -> str:
    match = re.search(r'<span class="badge text-bg-danger">(\d+)</span>', html)
    return match.group(1) if match else "0"


def test_only_offers_that_take_part_count_and_every_page_agrees(world: World) -> None:
    # 6 students against 5 places (2 + 2 + 1); one company's offer stops counting when its
    # agreement is unsigned, even though the offer stays published.
    unsigned = world.offers[0]
    unsigned.company.signatures.all().delete()
    Offer.objects.create(
        company=unsigned.company,
        programme=world.programme,
        status=OfferStatus.DRAFT,
        period_start=unsigned.period_start,
        period_end=unsigned.period_end,
        capacity=10,
        learning_text="Concept: telt niet mee.",
        hours_per_week=32,
    )
    (row,) = supply_and_demand(world.programme.institution_id)
    assert (row["students"], row["places"], row["short"]) == (6, 3, 3)
    client = Client()
    client.force_login(world.coordinator)
    dashboard = client.get(reverse("matching:dashboard")).content.decode()
    coverage = client.get(reverse("matching:coverage")).content.decode()
    round_page = client.get(
        reverse("matching:round-detail", kwargs={"pk": world.round.pk})
    ).content.decode()
    assert _shortage_on(dashboard) == "3"
    assert "3 plaatsen te weinig" in coverage
    assert _shortage_on(round_page) == "3"
