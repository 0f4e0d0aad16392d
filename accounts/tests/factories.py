from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from accounts.models import Institution, Role, Team, User


class InstitutionFactory(DjangoModelFactory):
    class Meta:
        model = Institution
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"ROC Test {n}")
    slug = factory.Sequence(lambda n: f"roc-test-{n}")


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.nl")
    full_name = factory.Faker("name", locale="nl_NL")
    role = Role.COORDINATOR
    institution = factory.SubFactory(InstitutionFactory)
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]  # noqa: N805
        if create:
            obj.save()
