from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tasks import housekeeping_task
from accounts.tests.factories import PASSWORD, UserFactory
from accounts.tests.test_settings import _manage


def _session(expires: dt.datetime) -> str:
    store = SessionStore()
    store["x"] = 1
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=expires)
    return str(store.session_key)


@pytest.mark.django_db
def test_housekeeping_removes_expired_sessions_and_old_login_log_and_can_run_twice(
    settings,
) -> None:
    settings.LOGIN_LOG_RETENTION_DAYS = 90
    now = timezone.now()
    expired = _session(now - dt.timedelta(minutes=1))
    valid = _session(now + dt.timedelta(days=1))
    # Real logins write the access log; two of them are then dated back.
    for email in ("oud@example.nl", "grens@example.nl", "nieuw@example.nl"):
        UserFactory.create(email=email, role=Role.STUDENT)
        login = {"username": email, "password": PASSWORD}
        assert Client().post(reverse("accounts:login"), login).status_code == 302
    AccessLog.objects.filter(username="oud@example.nl").update(
        attempt_time=now - dt.timedelta(days=91)
    )
    AccessLog.objects.filter(username="grens@example.nl").update(
        attempt_time=now - dt.timedelta(days=89)
    )

    housekeeping_task()
    after_first = (
        set(Session.objects.values_list("session_key", flat=True)),
        set(AccessLog.objects.values_list("username", flat=True)),
    )
    housekeeping_task()
    after_second = (
        set(Session.objects.values_list("session_key", flat=True)),
        set(AccessLog.objects.values_list("username", flat=True)),
    )

    sessions, logged = after_first
    assert expired not in sessions
    assert valid in sessions
    assert logged == {"grens@example.nl", "nieuw@example.nl"}
    assert after_second == after_first


@pytest.mark.django_db
def test_the_retention_period_is_a_setting(settings) -> None:
    settings.LOGIN_LOG_RETENTION_DAYS = 30
    UserFactory.create(email="maand@example.nl", role=Role.STUDENT)
    login = {"username": "maand@example.nl", "password": PASSWORD}
    assert Client().post(reverse("accounts:login"), login).status_code == 302
    AccessLog.objects.update(attempt_time=timezone.now() - dt.timedelta(days=31))
    housekeeping_task()
    assert not AccessLog.objects.exists()


def test_an_unusable_retention_period_stops_startup_with_a_clear_message() -> None:
    for value, says in [("0", "must be at least 1"), ("drie", "is not a whole number")]:
        result = _manage("check", DJANGO_LOGIN_LOG_RETENTION_DAYS=value)
        assert result.returncode != 0, value
        assert f"DJANGO_LOGIN_LOG_RETENTION_DAYS={value!r} {says}" in result.stderr
    assert _manage("check", DJANGO_LOGIN_LOG_RETENTION_DAYS="365").returncode == 0
