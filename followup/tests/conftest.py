from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Role, User
from accounts.tests.factories import UserFactory
from companies.models import CompanyContact
from companies.tests.factories import CompanyContactFactory, OfferFactory
from placements.models import Placement, PlacementSource
from placements.services import Claim, placements_hold, placements_make_visible
from students.models import Student
from students.tests.factories import StudentFactory


@dataclass
class Life:
    placement: Placement
    student: Student
    contact: CompanyContact
    coordinator: User
    second: User  # a second staff member (approver, bpv-docent)
    care: User
    reviewer: User

    def client(self, user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client


def make_placement(student: Student, offer, by: User, on: dt.date | None = None) -> Placement:
    """A released placement through the ledger, as a round's release makes it."""
    held = placements_hold(
        claims=[Claim(student_id=student.pk, offer_id=offer.pk, label="S-TEST")],
        by=by,
        on=on or offer.period_start,
    )
    placements_make_visible(placement_ids=[p.pk for p in held], at=timezone.now())
    held[0].refresh_from_db()
    assert held[0].source == PlacementSource.MATCH
    return held[0]


@pytest.fixture
def life() -> Life:
    coordinator = UserFactory.create(role=Role.COORDINATOR, full_name="Cora Coordinator")
    school = coordinator.institution
    contact = CompanyContactFactory.create(
        company__institution=school,
        company__legal_name="Bakkerij Brood BV",
        company__kvk_number="12345678",
        user__full_name="Piet Praktijk",
    )
    offer = OfferFactory.create(company=contact.company, capacity=2)
    student = StudentFactory.create(
        user__institution=school, user__full_name="Sam Student", programme=offer.programme
    )
    return Life(
        placement=make_placement(student, offer, coordinator),
        student=student,
        contact=contact,
        coordinator=coordinator,
        second=UserFactory.create(role=Role.COORDINATOR, institution=school),
        care=UserFactory.create(role=Role.CARE_COORDINATOR, institution=school),
        reviewer=UserFactory.create(role=Role.REVIEWER, institution=school),
    )
