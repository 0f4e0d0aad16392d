from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from accounts.tests.factories import InstitutionFactory, TeamFactory
from programmes.models import CoreTask, Programme, WorkProcess


class ProgrammeFactory(DjangoModelFactory[Programme]):
    class Meta:
        model = Programme

    institution = factory.SubFactory(InstitutionFactory)
    team = factory.SubFactory(TeamFactory, institution=factory.SelfAttribute("..institution"))
    name = "Software developer"
    crebo = factory.Sequence(lambda n: f"{25000 + n:05d}")
    level = 4
    pathway = "BOL"


class CoreTaskFactory(DjangoModelFactory[CoreTask]):
    class Meta:
        model = CoreTask

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"B1-K{n + 1}")
    name = "Realiseert software"


class WorkProcessFactory(DjangoModelFactory[WorkProcess]):
    class Meta:
        model = WorkProcess

    core_task = factory.SubFactory(CoreTaskFactory)
    code = factory.Sequence(lambda n: f"B1-K1-W{n + 1}")
    name = "Ontwerpt software"
