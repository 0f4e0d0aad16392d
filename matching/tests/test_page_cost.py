"""Pages load only what they show: every page of every role, walked on a small and a larger
school. No page reads a run's input or output (megabytes in a large round), and no page's
query count grows with the number of students, companies or matches."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from accounts.tests.factories import UserFactory
from accounts.tests.test_access import _kwargs, _round_objects, life_objects
from accounts.tests.urlconf import is_post_only, named_patterns
from cockpit.models import PlanningStep, current_school_year
from matching.models import Match, Objection, Round, RoundStatus, Run
from matching.tests.conftest import build_world, to_review
from spreadsheets.models import ImportBatch
from students.models import OwnPlacement

# A column of the run's whole input or output in any SQL statement (also inside a JSON path).
LARGE_RUN_COLUMN = re.compile(
    r'"matching_run"\."(%s)"|\b[A-Z]\d*\."(%s)"' % (("|".join(Run.LARGE_FIELDS),) * 2)
)


def _school(n_students: int, capacities: tuple[int, ...]) -> tuple[dict[Role, User], Any]:
    world = build_world(n_students=n_students, capacities=capacities)
    run = to_review(world)
    rnd = world.round
    match = Match.objects.filter(round=rnd, offer__isnull=False).first()
    assert match is not None
    users = {
        Role.COORDINATOR: world.coordinator,
        Role.REVIEWER: world.reviewer,
        Role.STUDENT: world.students[0].user,
        Role.COMPANY_CONTACT: world.contacts[0].user,
        **{
            role: UserFactory.create(role=role, institution=rnd.institution)
            for role in (Role.CARE_COORDINATOR, Role.INSTITUTION_ADMIN)
        },
    }
    objects = {
        "programme": world.programme,
        "student": world.students[0],
        "placement": OwnPlacement.objects.create(
            student=world.students[1],
            company=world.contacts[0].company,
            period_start=date(2027, 2, 1),
            period_end=date(2027, 6, 30),
        ),
        "offer": world.offers[0],
        "batch": ImportBatch.objects.create(
            institution=rnd.institution,
            kind="companies",
            filename="a.csv",
            created_by=world.coordinator,
        ),
        "round": rnd,
        "run": run,
        "match": match,
        "objection": Objection.objects.create(match=match, reason="Te ver"),
        "step": PlanningStep.objects.create(
            institution=rnd.institution,
            school_year=current_school_year(),
            kind="run",
            due_on=date(2027, 1, 1),
            programme=world.programme,
            owner=world.coordinator,
        ),
        **life_objects(world.students[0], world.offers[0]),
    }
    # Whatever else the URL walk needs (e.g. a planning step), as the access walk makes it;
    # the round, run and match stay this school's reviewed round.
    return users, {**_round_objects(world.programme, users, world.offers[0]), **objects}


def _walk(users: dict[Role, User], objects: dict[str, Any]) -> dict[tuple[str, Role], list[str]]:
    """The SQL of every GET page as every role, by (url name, role)."""
    clients = {}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    found = {}
    for name, pattern in named_patterns():
        if is_post_only(pattern.callback):
            continue
        url = reverse(name, kwargs=_kwargs(name, objects))
        for role, client in clients.items():
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            found[(name, role)] = [q["sql"] for q in queries.captured_queries]
    return found


def _released(objects: dict[str, Any]) -> None:
    Round.objects.filter(pk=objects["round"].pk).update(
        status=RoundStatus.RELEASED, release_at=timezone.now()
    )


def test_the_detector_sees_the_large_columns() -> None:
    assert LARGE_RUN_COLUMN.search('SELECT "matching_run"."snapshot" FROM "matching_run"')
    assert LARGE_RUN_COLUMN.search('SELECT T3."output" -> \'shortages\' FROM "matching_round"')
    assert not LARGE_RUN_COLUMN.search('SELECT "matching_run"."shortages" FROM "matching_run"')
    assert not LARGE_RUN_COLUMN.search('SELECT "matching_match"."objective" FROM "x"')


@pytest.mark.django_db
def test_no_page_reads_a_runs_whole_input_or_output() -> None:
    users, objects = _school(6, (2, 2))
    reads = []
    for phase in ("review", "released"):
        if phase == "released":
            _released(objects)
        for (name, role), sqls in _walk(users, objects).items():
            reads += [(phase, name, role, s[:120]) for s in sqls if LARGE_RUN_COLUMN.search(s)]
    assert reads == []


@pytest.mark.django_db
def test_no_page_queries_more_for_a_larger_school() -> None:
    """The same pages, with the same roles, on a school of 6 students and 2 offers and on one
    of 40 students and 6 offers (each with a chosen run, matches and unplaced students)."""
    counts = []
    for size in ((6, (2, 2)), (40, (5,) * 6)):
        users, objects = _school(*size)
        walked = {key: len(sqls) for key, sqls in _walk(users, objects).items()}
        _released(objects)
        walked.update(
            {
                (f"{name} (released)", role): len(sqls)
                for (name, role), sqls in _walk(users, objects).items()
            }
        )
        counts.append(walked)
    small, large = counts
    grown = {key: (small[key], large[key]) for key in small if large[key] > small[key]}
    assert grown == {}
    assert len(small) > 100  # the walk reached every page
