from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from accounts.tests.factories import PASSWORD, UserFactory
from students.tests.factories import StudentFactory

WRITES = ("INSERT", "UPDATE", "DELETE")


def _writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)
    ]


@pytest.mark.django_db
def test_a_login_stamps_the_last_seen_time() -> None:
    user = UserFactory.create(email="student@example.nl", role=Role.STUDENT)
    assert user.last_seen_at is None
    before = timezone.now()
    login = {"username": "student@example.nl", "password": PASSWORD}
    assert Client().post(reverse("accounts:login"), login).status_code == 302
    user.refresh_from_db()
    assert user.last_seen_at is not None and user.last_seen_at >= before


@pytest.mark.django_db
def test_reading_pages_writes_nothing_not_even_the_last_seen_time() -> None:
    student = StudentFactory.create()
    two_hours_ago = timezone.now() - dt.timedelta(hours=2)
    User.objects.filter(pk=student.user.pk).update(last_seen_at=two_hours_ago)
    client = Client()
    client.force_login(student.user)
    with CaptureQueriesContext(connection) as queries:
        for url in ("home", "students:home", "students:profile-edit", "students:my-data"):
            assert client.get(reverse(url), follow=True).status_code == 200
    assert _writes(queries) == []
    student.user.refresh_from_db()
    assert student.user.last_seen_at == two_hours_ago


@pytest.mark.django_db
def test_a_post_stamps_the_last_seen_time_at_most_once_an_hour() -> None:
    student = StudentFactory.create()
    two_hours_ago = timezone.now() - dt.timedelta(hours=2)
    User.objects.filter(pk=student.user.pk).update(last_seen_at=two_hours_ago)
    client = Client()
    client.force_login(student.user)
    switch = reverse("set_language")
    client.post(switch, {"language": "nl", "next": "/"})
    student.user.refresh_from_db()
    first = student.user.last_seen_at
    assert first is not None and first > two_hours_ago
    # A second POST within the hour: the loaded value is recent, so no write at all.
    with CaptureQueriesContext(connection) as queries:
        client.post(switch, {"language": "nl", "next": "/"})
    assert not any("last_seen_at" in sql for sql in _writes(queries))
    student.user.refresh_from_db()
    assert student.user.last_seen_at == first
