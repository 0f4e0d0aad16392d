"""Every cockpit page makes as many queries for a large school as for a small one: figures are
aggregates, lists are paginated or bounded, no page reads a run's snapshot or output."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cockpit.models import StepKind
from matching.tests.conftest import to_review

from .helpers import YEAR, client_for, queries_of, school, step

pytestmark = pytest.mark.django_db

PAGES = [
    reverse("cockpit:dashboard") + f"?jaar={YEAR}",
    reverse("cockpit:planning") + f"?jaar={YEAR}",
    reverse("cockpit:charts") + f"?jaar={YEAR}",
    reverse("cockpit:exports") + f"?jaar={YEAR}",
    reverse("cockpit:stagepact") + f"?jaar={YEAR}",
]


def _counts(n_students: int, capacities: tuple[int, ...]) -> dict[str, int]:
    world = school(n_students=n_students, capacities=capacities)
    to_review(world)  # a round with a chosen run: the charts of one round show too
    for kind in (StepKind.RUN, StepKind.RELEASE, StepKind.INTAKE_CLOSE):
        step(world, kind, dt.date(2026, 12, 1))
    client = client_for(world.coordinator)
    return {url: queries_of(client, url) for url in PAGES}


def test_query_count_is_flat_with_school_size() -> None:
    small = _counts(3, (1, 2))
    large = _counts(24, (2, 2, 3, 1, 4, 2))
    print({url: (small[url], large[url]) for url in PAGES})
    assert small == large
