"""The figures after the match (cockpit.selectors.figures.life_figures): contact moments per
placement against the Stagepact rule (at least 3 held, at least 1 on site)."""

from __future__ import annotations

import datetime as dt

import pytest

from cockpit.selectors.figures import life_figures, placements_of_year
from followup.models import ContactKind, ContactMoment
from placements.models import Placement

from .helpers import YEAR, released, school

pytestmark = pytest.mark.django_db


def test_contact_moments_count_per_placement() -> None:
    world = school(n_students=6)
    released(world, at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1))
    placements = list(Placement.objects.order_by("pk"))
    assert len(placements) >= 4
    first, second, third = placements[:3]
    day = dt.date(YEAR, 10, 1)

    def moment(placement: Placement, kind: str, held: bool = True) -> None:
        ContactMoment.objects.create(
            placement=placement, date=day, kind=kind, held=held, by=world.coordinator
        )

    for kind in (ContactKind.ON_SITE, ContactKind.ONLINE, ContactKind.PHONE):
        moment(first, kind)  # enough, one on site
    for _ in range(3):
        moment(second, ContactKind.PHONE)  # enough, none on site
    moment(second, ContactKind.ON_SITE, held=False)  # planned: does not count
    moment(third, ContactKind.ON_SITE, held=False)  # only planned: none held
    life = life_figures(placements_of_year(world.round.institution_id, YEAR))
    assert life["placements"] == len(placements)
    assert life["contacts"]["enough"] == 2
    assert life["contacts"]["on_site"] == 1
    assert life["contacts"]["none"] == len(placements) - 2
    again = life_figures(Placement.objects.all(), total=len(placements))
    assert again["contacts"] == life["contacts"]
