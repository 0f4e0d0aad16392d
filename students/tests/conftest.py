from __future__ import annotations

from dataclasses import dataclass

import pytest

from accounts.models import Institution, Role, User
from accounts.tests.factories import InstitutionFactory, UserFactory
from catalog.models import Place
from catalog.tests.factories import PlaceFactory
from programmes.models import Programme, WorkProcess
from programmes.tests.factories import CoreTaskFactory, ProgrammeFactory, WorkProcessFactory
from students.models import Student
from students.tests.factories import StudentFactory


@dataclass
class School:
    institution: Institution
    programme: Programme
    wps: list[WorkProcess]
    nijmegen: Place
    wijchen: Place
    counsellor: User
    student: Student


@pytest.fixture
def school(db) -> School:
    institution = InstitutionFactory.create()
    programme = ProgrammeFactory.create(institution=institution, crebo="25604")
    task = CoreTaskFactory.create(programme=programme, code="B1-K1")
    wps = [WorkProcessFactory.create(core_task=task, code=f"B1-K1-W{i}") for i in range(1, 6)]
    counsellor = UserFactory.create(role=Role.REVIEWER, institution=institution)
    student = StudentFactory.create(
        user__institution=institution, programme=programme, counsellor=counsellor
    )
    return School(
        institution,
        programme,
        wps,
        PlaceFactory.create(name="Nijmegen", latitude=51.8425, longitude=5.85278),
        PlaceFactory.create(name="Wijchen", latitude=51.80917, longitude=5.725),
        counsellor,
        student,
    )
