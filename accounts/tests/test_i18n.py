from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory


@pytest.mark.django_db
def test_dutch_by_default_english_after_the_switch() -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")  # a browser in English still gets Dutch first
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="nl"' in page and "Wachtwoord vergeten?" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="en"' in page and "Forgot your password?" in page


@pytest.mark.django_db
def test_list_pages_do_not_query_per_row(django_assert_max_num_queries) -> None:
    from companies.tests.factories import CompanyFactory
    from students.tests.factories import StudentFactory

    coordinator = UserFactory.create(role=Role.COORDINATOR)
    for _ in range(15):
        StudentFactory.create(user__institution=coordinator.institution)
        CompanyFactory.create(institution=coordinator.institution)
    client = Client()
    client.force_login(coordinator)
    for name in ("students:staff-list", "companies:staff-list", "matching:dashboard"):
        with django_assert_max_num_queries(16):
            assert client.get(reverse(name)).status_code == 200
