"""The figures after the match (cockpit.selectors.figures.life_figures): contact moments per
placement against the Stagepact rule (at least 3 held, at least 1 on site), the POK, the
introductory meeting and refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from cockpit.selectors.figures import life_figures, placements_of_year
from followup.models import (
    Agreement,
    AgreementStatus,
    ContactKind,
    ContactMoment,
    Ending,
    EndReason,
    IntroMeeting,
    IntroStatus,
)
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


def test_pok_meeting_and_refusals_are_counted_once_per_placement() -> None:
    world = school(n_students=6)
    released(world, at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1))
    first, second, third = list(Placement.objects.order_by("pk"))[:3]
    texts = {"assessment": "a", "guidance": "b", "early_end": "c"}
    hours = {"total_hours": 400, "hours_per_week": 32, "days_per_week": 4}
    by = world.coordinator
    for placement, status in (
        (first, AgreementStatus.COMPLETE),
        (second, AgreementStatus.SENT),
        (third, AgreementStatus.DRAFT),
    ):
        Agreement.objects.create(
            placement=placement, status=status, created_by=by, **hours, **texts
        )
    IntroMeeting.objects.create(placement=first, status=IntroStatus.HELD)
    IntroMeeting.objects.create(placement=second, status=IntroStatus.PROPOSED)
    Ending.objects.create(placement=second, reason=EndReason.REFUSAL, text="Geweigerd", by=by)
    Ending.objects.create(placement=third, reason=EndReason.OTHER, text="Verhuisd", by=by)
    life = life_figures(placements_of_year(world.round.institution_id, YEAR))
    assert life["pok"] == {"draft": 1, "sent": 1, "complete": 1}
    assert life["intro_held"] == 1
    assert life["refusals"] == 1
    assert life["placements"] == Placement.objects.count()
