"""Demo students with varied, realistic learning profiles (some incomplete, some opted out)."""

from __future__ import annotations

import datetime as dt
import random
from datetime import date
from typing import TypeVar

from django.db import transaction
from django.utils import timezone
from faker import Faker

from accounts.models import Role, User
from cockpit.models import PlanningStep, StepKind
from demo.school import DemoSchool
from programmes.models import Programme, WorkProcess
from students.models import (
    LearningProfile,
    ProfileStatus,
    Student,
    SupportNote,
    TransportMode,
    WishedWorkProcess,
)

T = TypeVar("T")
COHORT = 2026

LEARNING_WISHES = {
    "sd": [
        "Ik wil leren hoe je een webapplicatie bouwt en test in een echt team.",
        "Ik wil gestructureerd leren werken in een klein team met scrum.",
        "Ik wil leren om software te ontwerpen voordat ik ga programmeren.",
        "Ik wil beter worden in testen en het vinden van fouten in code.",
        "Ik wil leren presenteren wat ik heb gemaakt aan een klant.",
        "Ik wil werken aan een app voor mobiele telefoons.",
        "Ik wil leren werken met databases en koppelingen tussen systemen.",
    ],
    "vig": [
        "Ik wil leren om zelfstandig verpleegtechnische handelingen uit te voeren.",
        "Ik wil leren werken met ouderen met dementie.",
        "Ik wil ervaring opdoen in de thuiszorg bij cliënten thuis.",
        "Ik wil leren hoe je een zorgplan opstelt samen met de cliënt.",
        "Ik wil leren rustig te reageren in onverwachte situaties.",
        "Ik wil gestructureerd leren werken in een klein team.",
    ],
    "pmk": [
        "Ik wil leren activiteiten te bedenken en uit te voeren voor peuters.",
        "Ik wil leren hoe je de ontwikkeling van een kind volgt en stimuleert.",
        "Ik wil ervaring opdoen op een buitenschoolse opvang met oudere kinderen.",
        "Ik wil leren hoe je goed samenwerkt met ouders.",
        "Ik wil leren werken met baby's in een kinderdagverblijf.",
    ],
}
PREFERRED_TYPES = {
    "sd": ["ict-bedrijf", "softwarebureau", "gemeente"],
    "vig": ["zorginstelling", "thuiszorg", "ziekenhuis"],
    "pmk": ["kinderopvang", "bso", "onderwijs"],
}
TRANSPORT = [
    (TransportMode.BIKE, 45),
    (TransportMode.PUBLIC_TRANSPORT, 35),
    (TransportMode.SCOOTER, 10),
    (TransportMode.CAR, 5),
    (TransportMode.WALK, 5),
]
STATUSES = [
    (ProfileStatus.SUBMITTED, 75),
    (ProfileStatus.DRAFT, 10),
    (ProfileStatus.NOT_STARTED, 8),
    (ProfileStatus.OPTED_OUT, 7),
]


def _pick(rng: random.Random, weighted: list[tuple[T, int]]) -> T:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights, k=1)[0]


def plan_intake_close(school: DemoSchool, programme: Programme) -> None:
    """The demo cohort's intake deadline, in the planning (the one source of intake dates):
    the form closes on 15 January, at the end of the day."""
    PlanningStep.objects.get_or_create(
        institution=school.institution,
        school_year=COHORT,
        programme=programme,
        kind=StepKind.INTAKE_CLOSE,
        defaults={"due_on": dt.date(COHORT + 1, 1, 15), "owner": school.staff["coordinator"]},
    )


@transaction.atomic
def demo_load(school: DemoSchool) -> None:
    rng = random.Random(school.spec.seed)
    fake = Faker("nl_NL")
    fake.seed_instance(school.spec.seed)
    counsellors = [school.staff["slb1"], school.staff["slb2"]]
    now = timezone.now()
    number = 0
    for key, count in school.spec.students.items():
        programme = school.programmes[key]
        plan_intake_close(school, programme)
        wps = list(WorkProcess.objects.filter(core_task__programme=programme).order_by("code"))
        electives = list(programme.electives.all())
        for i in range(count):
            number += 1
            if number == 1:
                school.logins.append(("Student", school.email("student001")))
            full_name = fake.name()
            status = _pick(rng, STATUSES)
            transport = _pick(rng, TRANSPORT)
            place = rng.choice(school.places)
            if Student.objects.filter(
                programme=programme, student_number=f"D{number:05d}"
            ).exists():
                continue
            user = User.objects.create(
                email=school.email(f"student{number:03d}"),
                full_name=full_name,
                role=Role.STUDENT,
                institution=school.institution,
                password=school.password_hash,
            )
            student = Student.objects.create(
                user=user,
                programme=programme,
                student_number=f"D{number:05d}",
                cohort=COHORT,
                counsellor=counsellors[i % 2],
            )
            profile = LearningProfile.objects.create(student=student, status=status)
            if status == ProfileStatus.NOT_STARTED:
                continue
            wishes = rng.sample(LEARNING_WISHES[key], k=rng.randint(1, 3))
            profile.learning_wish_1 = wishes[0]
            if status == ProfileStatus.SUBMITTED or rng.random() < 0.5:
                profile.learning_wish_2 = wishes[1] if len(wishes) > 1 else ""
                profile.learning_wish_3 = wishes[2] if len(wishes) > 2 else ""
                rng.randint(6500, 6700)  # was the 4-digit postcode; kept so the demo stays alike
                profile.home_place = place
                profile.transport_mode = transport
                profile.max_travel_minutes = rng.choice([20, 30, 30, 45, 45, 60])
                profile.available_from = date(COHORT + 1, 2, 1)
                profile.available_until = date(COHORT + 1, 6, rng.choice([26, 30]))
                profile.hours_per_week = rng.choice([24, 32, 32, 36])
                profile.unavailable_days = rng.choice([[], [], [4], [2]])
                profile.needs_extra_supervision = rng.random() < 0.1
            if status in (ProfileStatus.SUBMITTED, ProfileStatus.OPTED_OUT):
                profile.submitted_at = now
            profile.save()
            for rank, wp in enumerate(rng.sample(wps, k=rng.randint(2, 5)), start=1):
                WishedWorkProcess.objects.create(profile=profile, work_process=wp, rank=rank)
            types = [school.organisation_types[s] for s in PREFERRED_TYPES[key]]
            profile.organisation_types.set(rng.sample(types, k=rng.randint(1, 2)))
            if electives and rng.random() < 0.6:
                profile.electives.set(rng.sample(electives, k=1))
            # A few need a workplace without stairs (own generator: the rest stays alike).
            step_free = random.Random(f"step-free-{school.spec.seed}-{number}").random() < 0.03
            if profile.needs_extra_supervision or step_free:
                SupportNote.objects.create(
                    student=student,
                    text=(
                        "Een vaste begeleider en elke dag hetzelfde ritme helpen mij."
                        if profile.needs_extra_supervision
                        else ""
                    ),
                    needs_step_free_access=step_free,
                )
