"""No secrets in logs or on the console: an invitation and a password reset, written to the
development outbox, leave neither the address nor the link's token in any log line."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from accounts.services import user_create_invited
from accounts.tests.factories import InstitutionFactory, UserFactory

LINK = re.compile(r"/(?:activeren|wachtwoord/reset)/([^/\s]+)/([^/\s]+)/")


@pytest.mark.django_db
def test_invitation_and_password_reset_leave_no_address_or_token_in_the_logs(
    settings: Any,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.EMAIL_BACKEND = "stagematching.mail.OutboxBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    caplog.set_level(logging.DEBUG)
    institution = InstitutionFactory.create()
    invited = "uitgenodigd.persoon@example.nl"
    with django_capture_on_commit_callbacks(execute=True):
        user_create_invited(
            email=invited, full_name="Nieuw", role=Role.COORDINATOR, institution=institution
        )
    resetting = UserFactory.create(email="vergeten.wachtwoord@example.nl", institution=institution)
    client = Client()
    response = client.post(reverse("accounts:password-reset"), {"email": resetting.email})
    assert response.status_code == 302
    mails = "\n".join(p.read_text() for p in tmp_path.iterdir())
    secrets = [invited, resetting.email]
    for uid, token in LINK.findall(mails):
        secrets += [uid, token]
    assert len(secrets) == 6, "both mails were written, each with its link"
    # Following the links logs nothing secret either.
    for link in LINK.finditer(mails):
        client.get(link.group(0))
    out, err = capsys.readouterr()
    logs = caplog.text + out + err
    assert "e-mail(s) geschreven" in caplog.text
    leaked = [s for s in secrets if s in logs]
    assert leaked == []


def test_every_address_with_a_token_is_hidden_in_the_console_log() -> None:
    """runserver's access log (django.server) and request errors print the path: every URL
    of the app that carries a token (activation, password reset, the guardian's signing link)
    loses it in the console handler's filter."""
    from django.urls import get_resolver, reverse

    from accounts.logging import RedactTokensFilter
    from accounts.tests.urlconf import named_patterns

    secret = "Zx9-geheim-token"
    with_token = [
        (name, "uidb64" in str(pattern.pattern))
        for name, pattern in named_patterns(get_resolver())
        if "token" in str(pattern.pattern)
    ]
    assert len(with_token) >= 3
    for name, has_uid in with_token:
        kwargs = {"token": secret, **({"uidb64": "MQ"} if has_uid else {})}
        url = reverse(name, kwargs=kwargs)
        record = logging.LogRecord(
            "django.server", logging.INFO, __file__, 1, '"GET %s HTTP/1.1" 200 512', (url,), None
        )
        RedactTokensFilter().filter(record)
        assert secret not in record.getMessage(), name
        assert "[verborgen]" in record.getMessage(), name
