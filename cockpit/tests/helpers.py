"""A school with students, companies and a planning for the cockpit's tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from cockpit.models import PlanningStep, current_school_year
from matching.models import Round
from matching.services import review, rounds_release
from matching.tests.conftest import World, build_world, to_review

# Rounds made in a test are of today's school year.
YEAR = current_school_year()


def school(n_students: int = 6, capacities: tuple[int, ...] = (2, 2, 1)) -> World:
    return build_world(n_students=n_students, capacities=capacities)


def step(world: World, kind: str, due_on: dt.date, **extra: Any) -> PlanningStep:
    return PlanningStep.objects.create(
        institution=world.round.institution,
        school_year=YEAR,
        programme=extra.pop("programme", world.programme),
        kind=kind,
        due_on=due_on,
        owner=extra.pop("owner", world.coordinator),
        **extra,
    )


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def queries_of(client: Client, url: str) -> int:
    """How many queries one GET of `url` makes (after a first GET warmed the session)."""
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def released(world: World, at: dt.datetime | None = None) -> Round:
    """The world's round run, approved by two people and released (`at`: now)."""
    to_review(world)
    rnd = Round.objects.get(pk=world.round.pk)
    for match in rnd.matches.filter(offer__isnull=False):
        review.match_approve(match=match, by=world.reviewer2, opened=True)
        review.match_approve(match=match, by=world.coordinator, opened=True)
    rounds_release.round_approve(round=rnd, by=world.coordinator)
    rounds_release.round_release(
        round=rnd, at=at or timezone.now(), by=world.coordinator, confirmed=True
    )
    return Round.objects.get(pk=rnd.pk)
