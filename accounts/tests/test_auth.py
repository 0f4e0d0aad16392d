from __future__ import annotations

import logging
import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.logging import RedactTokensFilter
from accounts.models import Role, User
from accounts.services import user_create_invited
from accounts.tests.factories import InstitutionFactory, UserFactory

PASSWORD = "geheim-wachtwoord-123"


def _login(client: Client, email: str, password: str, ip: str = "10.0.0.1"):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=ip
    )


@pytest.mark.django_db
def test_login_by_email_and_logout_ends_session() -> None:
    user = UserFactory.create(email="coord@example.nl", role=Role.COORDINATOR)
    client = Client()
    response = _login(client, "Coord@Example.nl", PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("matching:dashboard")).status_code == 200
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("matching:dashboard")).status_code == 302
    assert user.pk


@pytest.mark.django_db
def test_wrong_password_shows_dutch_error() -> None:
    UserFactory.create(email="coord@example.nl")
    response = _login(Client(), "coord@example.nl", "fout")
    assert response.status_code == 200
    assert "Voer een juiste e-mailadres en wachtwoord in" in response.content.decode()


@pytest.mark.django_db
def test_lockout_is_per_username_and_ip() -> None:
    UserFactory.create(email="victim@example.nl")
    UserFactory.create(email="other@example.nl")
    attacker = Client()
    for _ in range(5):
        _login(attacker, "victim@example.nl", "fout", ip="10.9.9.9")
    locked = _login(attacker, "victim@example.nl", PASSWORD, ip="10.9.9.9")
    assert locked.status_code == 429
    assert "Even geduld" in locked.content.decode()
    # The real user on another connection, and another user on the attacker's IP, still get in.
    assert _login(Client(), "victim@example.nl", PASSWORD, ip="10.1.1.1").status_code == 302
    assert _login(Client(), "other@example.nl", PASSWORD, ip="10.9.9.9").status_code == 302


@pytest.mark.django_db
def test_invitation_link_activates_once(django_capture_on_commit_callbacks) -> None:
    institution = InstitutionFactory.create()
    with django_capture_on_commit_callbacks(execute=True):
        user = user_create_invited(
            email="Nieuw@Example.nl",
            full_name="Noor Bakker",
            role=Role.STUDENT,
            institution=institution,
        )
    assert user.email == "nieuw@example.nl"
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    found = re.search(r"https?://\S+/account/activeren/\S+/", str(mail.outbox[0].body))
    assert found is not None
    link = found.group(0)
    path = urlparse(link).path

    client = Client()
    form_page = client.get(path, follow=True)
    assert "Kies een wachtwoord" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_url, {"new_password1": "Stagezoeker-2027!", "new_password2": "Stagezoeker-2027!"}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302  # logged in
    user.refresh_from_db()
    assert user.check_password("Stagezoeker-2027!")
    # The link is now spent.
    again = Client().get(path, follow=True)
    assert "werkt niet meer" in again.content.decode()


@pytest.mark.django_db
def test_inviting_an_existing_address_changes_nothing(django_capture_on_commit_callbacks) -> None:
    existing = UserFactory.create(email="al@example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        same = user_create_invited(
            email="AL@example.nl", full_name="X", role=Role.STUDENT, institution=None
        )
    assert same.pk == existing.pk
    assert mail.outbox == []
    assert User.objects.filter(email__iexact="al@example.nl").count() == 1


@pytest.mark.django_db
def test_password_reset_sends_link_only_for_known_address() -> None:
    UserFactory.create(email="bekend@example.nl")
    client = Client()
    client.post(reverse("accounts:password-reset"), {"email": "onbekend@example.nl"})
    assert mail.outbox == []
    response = client.post(reverse("accounts:password-reset"), {"email": "bekend@example.nl"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/account/wachtwoord/reset/" in mail.outbox[0].body


@pytest.mark.django_db
def test_staff_sessions_expire_when_idle_and_students_not(settings) -> None:
    settings.STAFF_SESSION_IDLE_SECONDS = 600
    staff = Client()
    staff.force_login(UserFactory.create(role=Role.REVIEWER))
    staff.get(reverse("matching:dashboard"))
    assert staff.session.get_expiry_age() == 600
    student = Client()
    student.force_login(UserFactory.create(role=Role.STUDENT))
    student.get(reverse("accounts:login"))
    assert student.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_tokens_are_redacted_from_request_logs() -> None:
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        "",
        0,
        '"GET %s HTTP/1.1" 200',
        ("/account/activeren/MQ/c1x-abc123/",),
        None,
    )
    RedactTokensFilter().filter(record)
    assert "abc123" not in record.getMessage()
    assert "/account/activeren/[verborgen]/[verborgen]/" in record.getMessage()
