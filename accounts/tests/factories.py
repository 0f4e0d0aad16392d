from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from accounts.models import (
    CoreTask,
    Elective,
    Institution,
    OrganisationType,
    Place,
    Programme,
    Role,
    Team,
    User,
    WorkProcess,
)


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


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    institution = factory.SubFactory(InstitutionFactory)
    team = factory.SubFactory(TeamFactory, institution=factory.SelfAttribute("..institution"))
    name = "Software developer"
    crebo = factory.Sequence(lambda n: f"{25000 + n:05d}")
    level = 4
    pathway = "BOL"


class CoreTaskFactory(DjangoModelFactory):
    class Meta:
        model = CoreTask

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"B1-K{n + 1}")
    name = "Realiseert software"


class WorkProcessFactory(DjangoModelFactory):
    class Meta:
        model = WorkProcess

    core_task = factory.SubFactory(CoreTaskFactory)
    code = factory.Sequence(lambda n: f"B1-K1-W{n + 1}")
    name = "Ontwerpt software"


class ElectiveFactory(DjangoModelFactory):
    class Meta:
        model = Elective

    code = factory.Sequence(lambda n: f"K{n:04d}")
    name = "Verdieping software"


class OrganisationTypeFactory(DjangoModelFactory):
    class Meta:
        model = OrganisationType
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"type-{n}")
    name = factory.Sequence(lambda n: f"Type {n}")


class PlaceFactory(DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Plaats {n}")
    municipality = factory.LazyAttribute(lambda o: o.name)
    province = "Gelderland"
    latitude = 51.8425
    longitude = 5.85278


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
