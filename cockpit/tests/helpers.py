"""A school with students, companies and a planning for the cockpit's tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from cockpit.models import PlanningStep, current_school_year
from matching.tests.conftest import World, build_world

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
