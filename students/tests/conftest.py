from __future__ import annotations

from dataclasses import dataclass

import pytest

from accounts.models import Role
from accounts.tests.factories import InstitutionFactory, UserFactory
from catalog.tests.factories import PlaceFactory
from programmes.tests.factories import CoreTaskFactory, ProgrammeFactory, WorkProcessFactory
from students.models import Student
from students.tests.factories import StudentFactory


@dataclass
class School:
    institution: object
    programme: object
    wps: list
    nijmegen: object
    wijchen: object
    counsellor: object
    student: Student


@pytest.fixture
def school(db) -> School:  # type: ignore[no-untyped-def]
    institution = InstitutionFactory()
    programme = ProgrammeFactory(institution=institution, crebo="25604")
    task = CoreTaskFactory(programme=programme, code="B1-K1")
    wps = [WorkProcessFactory(core_task=task, code=f"B1-K1-W{i}") for i in range(1, 6)]
    counsellor = UserFactory(role=Role.REVIEWER, institution=institution)
    student = StudentFactory(
        user__institution=institution, programme=programme, counsellor=counsellor
    )
    return School(
        institution, programme, wps,
        PlaceFactory(name="Nijmegen", latitude=51.8425, longitude=5.85278),
        PlaceFactory(name="Wijchen", latitude=51.80917, longitude=5.725),
        counsellor, student,
    )  # fmt: skip
