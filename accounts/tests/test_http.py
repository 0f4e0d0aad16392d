"""HTTP semantics on every page: GET never writes; a POST-only view answers 405 to GET."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role, User
from accounts.tests.test_access import _kwargs, _round_objects, life_objects
from accounts.tests.urlconf import is_post_only, named_patterns, post_only_url_names
from companies.tests.factories import OfferFactory
from programmes.models import Programme
from spreadsheets.models import ImportBatch
from students.models import OwnPlacement
from students.tests.factories import StudentFactory

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
# The only writes a GET may cause: the session machinery (Django saves a session whose expiry
# the staff idle timeout renews on every request).
ALLOWED_WRITE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?django_session"?\s', re.I)


def _objects(users_by_role: dict[Role, User], programme: Programme) -> dict[str, Any]:
    contact = users_by_role[Role.COMPANY_CONTACT].company_contact
    objects: dict[str, Any] = {
        "programme": programme,
        "student": users_by_role[Role.STUDENT].student,
        "placement": OwnPlacement.objects.create(
            student=StudentFactory.create(
                user__institution=programme.institution, programme=programme
            ),
            company=contact.company,
            period_start=date(2027, 2, 1),
            period_end=date(2027, 6, 30),
        ),
        "offer": OfferFactory.create(company=contact.company, programme=programme),
        "batch": ImportBatch.objects.create(
            institution=programme.institution,
            kind="companies",
            filename="x.csv",
            created_by=users_by_role[Role.COORDINATOR],
        ),
    }
    objects.update(_round_objects(programme, users_by_role, objects["offer"]))
    objects.update(life_objects(objects["student"], objects["offer"]))
    return objects


def _clients(users_by_role: dict[Role, User]) -> dict[Role | None, Client]:
    clients: dict[Role | None, Client] = {None: Client()}
    for role, user in users_by_role.items():
        clients[role] = Client()
        clients[role].force_login(user)
    return clients


@pytest.mark.django_db
def test_get_never_writes(users_by_role, programme) -> None:
    objects = _objects(users_by_role, programme)
    clients = _clients(users_by_role)
    writes = []
    for name, _pattern in named_patterns():
        url = reverse(name, kwargs=_kwargs(name, objects))
        for role, client in clients.items():
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            writes += [
                (name, role, q["sql"][:80])
                for q in queries.captured_queries
                if WRITE.match(q["sql"]) and not ALLOWED_WRITE.match(q["sql"])
            ]
    assert writes == []


def test_the_write_detector_sees_writes() -> None:
    assert WRITE.match('UPDATE "matching_notification" SET "read_at" = 1')
    assert WRITE.match('INSERT INTO "students_learningprofile" ("student_id") VALUES (1)')
    assert not WRITE.match('SELECT "id" FROM "students_learningprofile"')
    assert ALLOWED_WRITE.match('UPDATE "django_session" SET "expire_date" = 1')
    assert not ALLOWED_WRITE.match('UPDATE "matching_notification" SET "read_at" = 1')


@pytest.mark.django_db
def test_every_post_only_view_answers_405_to_get(users_by_role, programme) -> None:
    objects = _objects(users_by_role, programme)
    clients = _clients(users_by_role)
    answers = {}
    for name, pattern in named_patterns():
        if not is_post_only(pattern.callback):
            continue
        allowed = getattr(pattern.callback, "allowed_roles", frozenset(Role))
        role = next(r for r in Role if r in allowed)
        url = reverse(name, kwargs=_kwargs(name, objects))
        answers[name] = clients[role].get(url).status_code
    assert answers and set(answers.values()) == {405}, answers


def test_post_only_views_are_found_from_their_marker() -> None:
    names = post_only_url_names()
    assert {"matching:run-start", "spreadsheets:apply", "accounts:logout"} <= names
    assert "matching:notification-read" in names and "students:home" not in names
