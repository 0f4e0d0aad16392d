from __future__ import annotations

import pytest

from accounts.models import Role, User
from accounts.tests.factories import InstitutionFactory, UserFactory
from companies.tests.factories import CompanyContactFactory
from programmes.tests.factories import ProgrammeFactory
from students.tests.factories import StudentFactory


@pytest.fixture
def institution():
    return InstitutionFactory.create()


@pytest.fixture
def programme(institution):
    return ProgrammeFactory.create(institution=institution)


@pytest.fixture
def users_by_role(institution, programme) -> dict[Role, User]:
    users = {
        role: UserFactory.create(role=role, institution=institution)
        for role in (Role.COORDINATOR, Role.REVIEWER, Role.CARE_COORDINATOR, Role.INSTITUTION_ADMIN)
    }
    reviewer = users[Role.REVIEWER]
    users[Role.STUDENT] = StudentFactory.create(
        user__institution=institution, programme=programme, counsellor=reviewer
    ).user
    users[Role.COMPANY_CONTACT] = CompanyContactFactory.create(
        company__institution=institution
    ).user
    return users
