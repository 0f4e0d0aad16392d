from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import Role, User
from accounts.tests.factories import InstitutionFactory, UserFactory
from catalog.models import Place
from catalog.tests.factories import OrganisationTypeFactory
from companies.models import AgreementSignature, AgreementVersion, RecognitionCheck
from companies.tests.factories import CompanyContactFactory, OfferFactory
from matching.models import Round
from matching.services import proposal, rounds, rounds_moves, runs
from programmes.tests.factories import CoreTaskFactory, ProgrammeFactory, WorkProcessFactory
from students.models import LearningProfile, ProfileStatus, WishedWorkProcess
from students.tests.factories import StudentFactory


@dataclass
class World:
    coordinator: User
    reviewer: User
    reviewer2: User
    students: list[Any]
    offers: list[Any]
    contacts: list[Any]
    programme: Any
    round: Round
    counsellor: User  # the students' slb'er: never reviews their matches

    def refresh(self) -> Round:
        self.round.refresh_from_db()
        return self.round


def build_world(n_students: int = 6, capacities: tuple[int, ...] = (2, 2, 1)) -> World:
    institution = InstitutionFactory.create()
    programme = ProgrammeFactory.create(institution=institution, crebo="25604", level=4)
    task = CoreTaskFactory.create(programme=programme, code="B1-K1")
    wps = [WorkProcessFactory.create(core_task=task, code=f"B1-K1-W{i}") for i in (1, 2, 3)]
    coordinator = UserFactory.create(role=Role.COORDINATOR, institution=institution)
    reviewer = UserFactory.create(role=Role.REVIEWER, institution=institution)
    reviewer2 = UserFactory.create(role=Role.REVIEWER, institution=institution)
    counsellor = UserFactory.create(role=Role.REVIEWER, institution=institution)
    agreement = AgreementVersion.objects.create(
        institution=institution, version=1, text="x", published_at=timezone.now()
    )
    nijmegen = Place.objects.get_or_create(
        name="Nijmegen",
        municipality="Nijmegen",
        defaults={"province": "Gelderland", "latitude": 51.8425, "longitude": 5.85278},
    )[0]
    org = OrganisationTypeFactory.create(slug="ict-bedrijf")
    offers, contacts = [], []
    for i, cap in enumerate(capacities):
        contact = CompanyContactFactory.create(
            company__institution=institution,
            company__place=nijmegen,
            company__organisation_type=org,
        )
        RecognitionCheck.objects.create(
            company=contact.company, crebo="25604", outcome="recognised", verified_at=timezone.now()
        )
        AgreementSignature.objects.create(
            company=contact.company,
            version=agreement,
            signed_by=contact.user,
            signer_name="x",
            signer_role="y",
            signed_at=timezone.now(),
        )
        offer = OfferFactory.create(
            company=contact.company,
            programme=programme,
            capacity=cap,
            hours_per_week=32,
            learning_text=f"Je bouwt webapplicaties en test software, team {i}.",
        )
        offer.work_processes.set(wps[: i + 1])
        offers.append(offer)
        contacts.append(contact)
    students = []
    for i in range(n_students):
        s = StudentFactory.create(
            user__institution=institution,
            programme=programme,
            counsellor=counsellor,
            cohort=2026,
            user__full_name=f"Geheime Naam{i}",
        )
        profile = LearningProfile.objects.create(
            student=s,
            status=ProfileStatus.SUBMITTED,
            learning_wish_1="Ik wil webapplicaties leren bouwen en testen.",
            home_place=nijmegen,
            transport_mode="bike",
            max_travel_minutes=30,
            available_from=dt.date(2027, 2, 1),
            available_until=dt.date(2027, 6, 30),
            hours_per_week=32,
        )
        WishedWorkProcess.objects.create(profile=profile, work_process=wps[i % 3], rank=1)
        students.append(s)
    rnd = rounds.round_create(
        institution=institution,
        name="Ronde 1",
        programmes=[programme],
        cohort=2026,
        variant="direct",
        by=coordinator,
    )
    return World(
        coordinator, reviewer, reviewer2, students, offers, contacts, programme, rnd, counsellor
    )


def to_review(world: World) -> Any:
    rounds_moves.round_open_intake(round=world.round, by=world.coordinator)
    rounds_moves.round_close_intake(round=world.round, by=world.coordinator)
    run = runs.run_prepare(round=world.round, by=world.coordinator)
    runs.run_start(run=run, by=world.coordinator)
    # The task is queued after commit; run its body here (it is idempotent: a later call no-ops).
    runs.run_execute(run_id=run.pk)
    run.refresh_from_db()
    proposal.run_choose(run=run, by=world.coordinator)
    world.refresh()
    return run


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def reviewed(world: World) -> World:
    to_review(world)
    return world
