from __future__ import annotations

import factory
from django.contrib.auth.hashers import make_password
from factory.django import DjangoModelFactory

from accounts.models import Institution, Role, Team, User

PASSWORD = "geheim-wachtwoord-123"


class InstitutionFactory(DjangoModelFactory[Institution]):
    class Meta:
        model = Institution
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"ROC Test {n}")
    slug = factory.Sequence(lambda n: f"roc-test-{n}")


class TeamFactory(DjangoModelFactory[Team]):
    class Meta:
        model = Team

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"user{n}@example.nl")
    full_name = factory.Faker("name", locale="nl_NL")
    role = Role.COORDINATOR
    institution = factory.SubFactory(InstitutionFactory)
    # Hashed when the user is made, with the hasher in force (MD5 in tests, see conftest.py).
    password = factory.LazyFunction(lambda: make_password(PASSWORD))
