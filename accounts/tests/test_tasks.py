from __future__ import annotations

import time

import pytest
from django.core import mail
from django.db import transaction

from accounts.models import Role
from accounts.services import user_create_invited
from accounts.tests.factories import InstitutionFactory


@pytest.mark.integration
def test_invitation_is_sent_by_a_real_worker(celery_worker_real) -> None:
    institution = InstitutionFactory.create()
    with transaction.atomic():
        user_create_invited(
            email="worker@example.nl", full_name="Sam", role=Role.STUDENT, institution=institution
        )
    deadline = time.monotonic() + 20
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [m.to for m in mail.outbox] == [["worker@example.nl"]]
