"""Two schools in one database, for the walks that try every URL across schools.

School A has data of every kind (a reviewed round with a run, matches, an objection, an
import, an own placement, a support note); school B has one user of every role. Every name
and text of school A carries `MARKER`, so a page of school B that shows it has leaked.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone

from accounts.models import Institution, Role, User
from accounts.tenancy import school_path
from accounts.tests.factories import InstitutionFactory, UserFactory
from accounts.tests.test_access import life_objects
from cockpit.models import PlanningStep
from companies.models import Company
from companies.tests.factories import CompanyContactFactory
from matching.models import Match, Objection, Round, RoundJob, RoundStatus
from matching.tests.conftest import build_world, to_review
from programmes.tests.factories import ProgrammeFactory
from spreadsheets.models import ImportBatch
from students.models import OwnPlacement, SupportNote
from students.tests.factories import StudentFactory

MARKER = "ALFAGEHEIM"


@dataclass
class TwoSchools:
    a: Institution
    b: Institution
    a_objects: dict[str, Any]
    b_users: dict[Role, User]
    a_users: dict[Role, User] = field(default_factory=dict)


def build_two_schools() -> TwoSchools:
    world = build_world(n_students=4, capacities=(2, 2))
    run = to_review(world)
    rnd = world.round
    Round.objects.filter(pk=rnd.pk).update(status=RoundStatus.RELEASED, release_at=timezone.now())
    a = rnd.institution
    match = Match.objects.filter(round=rnd, offer__isnull=False).first()
    assert match is not None
    student = world.students[0]
    contact = world.contacts[0]
    a_users = {
        Role.COORDINATOR: world.coordinator,
        Role.REVIEWER: world.reviewer,
        Role.STUDENT: student.user,
        Role.COMPANY_CONTACT: contact.user,
    }
    for role in (Role.CARE_COORDINATOR, Role.INSTITUTION_ADMIN):
        a_users[role] = UserFactory.create(role=role, institution=a)
    a_objects = {
        "programme": world.programme,
        "student": student,
        "placement": OwnPlacement.objects.create(
            student=world.students[1],
            company=contact.company,
            period_start=date(2027, 2, 1),
            period_end=date(2027, 6, 30),
        ),
        "offer": world.offers[0],
        "batch": ImportBatch.objects.create(
            institution=a, kind="companies", filename="a.csv", created_by=world.coordinator
        ),
        "round": rnd,
        "run": run,
        "job": RoundJob.objects.create(round=rnd, kind="prepare", created_by=world.coordinator),
        "match": match,
        "objection": Objection.objects.create(match=match, reason=f"{MARKER} te ver"),
        "support_note": SupportNote.objects.create(student=student, text=f"{MARKER} notitie"),
        "step": PlanningStep.objects.create(
            institution=a,
            school_year=2026,
            kind="run",
            due_on=date(2027, 1, 1),
            programme=world.programme,
            owner=world.coordinator,
        ),
    }
    a_objects.update(life_objects(student, world.offers[0]))
    # Every visible name of school A carries the marker.
    Institution.objects.filter(pk=a.pk).update(name=f"ROC {MARKER}")
    for user in User.objects.filter(institution=a):
        User.objects.filter(pk=user.pk).update(full_name=f"{MARKER} Persoon {user.pk}")
    for company in Company.objects.filter(institution=a):
        Company.objects.filter(pk=company.pk).update(legal_name=f"{MARKER} BV {company.pk}")

    b = InstitutionFactory.create(name="ROC Bravo", slug="roc-bravo")
    programme_b = ProgrammeFactory.create(institution=b, crebo="25604")
    b_users = {
        role: UserFactory.create(role=role, institution=b)
        for role in (Role.COORDINATOR, Role.REVIEWER, Role.CARE_COORDINATOR, Role.INSTITUTION_ADMIN)
    }
    b_users[Role.STUDENT] = StudentFactory.create(
        user__institution=b, programme=programme_b, counsellor=b_users[Role.REVIEWER]
    ).user
    b_users[Role.COMPANY_CONTACT] = CompanyContactFactory.create(company__institution=b).user
    return TwoSchools(a=a, b=b, a_objects=a_objects, b_users=b_users, a_users=a_users)


def school_models() -> list[tuple[type[models.Model], str]]:
    """Every model holding school data, with its path to the institution."""
    found = []
    for model in apps.get_models():
        path = school_path(model)
        if path is not None:
            found.append((model, path))
    return found


def fingerprint(institution: Institution) -> str:
    """A hash over every row of one school (and its users), to prove nothing was written."""
    digest = hashlib.sha256()
    tables: list[tuple[type[models.Model], str]] = [
        *school_models(),
        (User, "institution"),
        (Institution, "pk"),
    ]
    for model, path in tables:
        rows = model._base_manager.filter(**{path: institution.pk}).order_by("pk").values()
        digest.update(f"{model.__name__}:{list(rows)!r}".encode())
    return digest.hexdigest()
