from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from catalog.models import Elective, OrganisationType, Place


class ElectiveFactory(DjangoModelFactory[Elective]):
    class Meta:
        model = Elective

    code = factory.Sequence(lambda n: f"K{n:04d}")
    name = "Verdieping software"


class OrganisationTypeFactory(DjangoModelFactory[OrganisationType]):
    class Meta:
        model = OrganisationType
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"type-{n}")
    name = factory.Sequence(lambda n: f"Type {n}")


class PlaceFactory(DjangoModelFactory[Place]):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Plaats {n}")
    municipality = factory.LazyAttribute(lambda o: o.name)
    province = "Gelderland"
    latitude = 51.8425
    longitude = 5.85278
