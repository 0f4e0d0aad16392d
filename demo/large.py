"""A large demo school of any size, built with bulk inserts (`load_demo --students N`).

The same programmes, wishes and offer texts as the demo school, with companies and offers in
proportion (one company per three students, as in the demo school). Student and company
number i is the same whatever N is (its programme and its random draws depend on i only), so
building a larger school later adds the missing ones and changes nothing that exists.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone
from faker import Faker

from accounts.models import Role, User
from companies.models import (
    AgreementSignature,
    AgreementVersion,
    Company,
    CompanyContact,
    CompanyStatus,
    Offer,
    OfferStatus,
    RecognitionCheck,
    RecognitionOutcome,
    SizeClass,
)
from companies.wording.lexicon import VERSION as LEXICON_VERSION
from demo import companies as companies_demo
from demo import school as school_demo
from demo import students as students_demo
from demo.school import DemoSchool, SchoolSpec
from programmes.models import WorkProcess
from students.models import (
    LearningProfile,
    ProfileStatus,
    Student,
    SupportNote,
    WishedWorkProcess,
)

M = TypeVar("M", bound=models.Model)
BATCH = 2000
STUDENTS_PER_COMPANY = 3
# The demo school's mix of programmes (120 : 100 : 80), as a cycle of 15.
PROGRAMME_CYCLE = ("sd",) * 6 + ("vig",) * 5 + ("pmk",) * 4


def large_spec(n_students: int) -> SchoolSpec:
    per = {k: PROGRAMME_CYCLE.count(k) for k in ("sd", "vig", "pmk")}
    n_companies = max(1, n_students // STUDENTS_PER_COMPANY)
    return SchoolSpec(
        slug="roc-de-regio",
        name="ROC De Regio (demo, grote school)",
        domain=f"regio.{school_demo.DEMO_DOMAIN}",
        centre=school_demo.WAALKANT.centre,
        staff_names=("Ingrid Peters", "Youssef Amrani", "Eva de Boer", "Ruud Smit", "Nina Kok"),
        students={k: n_students * v // len(PROGRAMME_CYCLE) for k, v in per.items()},
        companies={k: n_companies * v // len(PROGRAMME_CYCLE) for k, v in per.items()},
        seed=4242,
        kvk_offset=60000000,
    )


def _bulk(model: type[M], rows: Sequence[M]) -> list[M]:
    return model._default_manager.bulk_create(rows, batch_size=BATCH)


def _chunks(n: int, size: int = BATCH) -> Iterator[range]:
    for start in range(1, n + 1, size):
        yield range(start, min(n, start + size - 1) + 1)


class _Names:
    """Fake names drawn once, combined per number (Faker per row would dominate the build)."""

    def __init__(self, seed: int) -> None:
        fake = Faker("nl_NL")
        fake.seed_instance(seed)
        self.first = sorted({fake.first_name() for _ in range(400)})
        self.last = sorted({fake.last_name() for _ in range(400)})
        families = sorted({fake.last_name() for _ in range(100)})
        self.companies = {
            key: companies_demo.name_pool(key, families) for key in companies_demo.KINDS
        }
        self.streets = sorted({fake.street_name() for _ in range(300)})

    def person(self, rng: random.Random) -> str:
        return f"{rng.choice(self.first)} {rng.choice(self.last)}"


def large_load(n_students: int) -> DemoSchool:
    spec = large_spec(n_students)
    school = school_demo.demo_load(spec)
    names = _Names(spec.seed)
    for chunk in _chunks(n_students):
        _students(school, names, chunk)
    n_companies = max(1, n_students // STUDENTS_PER_COMPANY)
    for chunk in _chunks(n_companies, BATCH // 2):
        _companies(school, names, chunk)
    school.logins += [
        ("Student", school.email("student00001")),
        ("Praktijkopleider", school.email("bedrijf00001")),
    ]
    return school


def _rng(school: DemoSchool, kind: int, number: int) -> random.Random:
    return random.Random(school.spec.seed * 10_000_019 + kind * 1_000_003 + number)


@transaction.atomic
def _students(school: DemoSchool, names: _Names, numbers: range) -> None:
    wanted = {n: f"R{n:06d}" for n in numbers}
    existing = set(
        Student.objects.filter(
            programme__institution=school.institution, student_number__in=wanted.values()
        ).values_list("student_number", flat=True)
    )
    numbers_new = [n for n in numbers if wanted[n] not in existing]
    if not numbers_new:
        return
    wps = {
        key: list(WorkProcess.objects.filter(core_task__programme=p).order_by("code"))
        for key, p in school.programmes.items()
    }
    electives = {key: list(p.electives.all()) for key, p in school.programmes.items()}
    for programme in school.programmes.values():
        students_demo.plan_intake_close(school, programme)
    counsellors = [school.staff["slb1"], school.staff["slb2"]]
    rngs = {n: _rng(school, 1, n) for n in numbers_new}
    users = _bulk(
        User,
        [
            User(
                email=school.email(f"student{n:05d}"),
                full_name=names.person(rngs[n]),
                role=Role.STUDENT,
                institution=school.institution,
                password=school.password_hash,
            )
            for n in numbers_new
        ],
    )
    keys = {n: PROGRAMME_CYCLE[n % len(PROGRAMME_CYCLE)] for n in numbers_new}
    students = _bulk(
        Student,
        [
            Student(
                user=user,
                programme=school.programmes[keys[n]],
                student_number=wanted[n],
                cohort=students_demo.COHORT,
                counsellor=counsellors[n % 2],
            )
            for n, user in zip(numbers_new, users, strict=True)
        ],
    )
    profiles = _bulk(
        LearningProfile,
        [
            _profile(school, student, keys[n], rngs[n])
            for n, student in zip(numbers_new, students, strict=True)
        ],
    )
    wishes, org_types, chosen_electives, notes = [], [], [], []
    through_types = LearningProfile.organisation_types.through
    through_electives = LearningProfile.electives.through
    for n, profile in zip(numbers_new, profiles, strict=True):
        if profile.status == ProfileStatus.NOT_STARTED:
            continue
        rng, key = rngs[n], keys[n]
        for rank, wp in enumerate(rng.sample(wps[key], k=rng.randint(2, 5)), start=1):
            wishes.append(WishedWorkProcess(profile=profile, work_process=wp, rank=rank))
        types = [school.organisation_types[s] for s in students_demo.PREFERRED_TYPES[key]]
        for t in rng.sample(types, k=rng.randint(1, 2)):
            org_types.append(through_types(learningprofile=profile, organisationtype=t))
        if electives[key] and rng.random() < 0.6:
            chosen_electives.append(
                through_electives(learningprofile=profile, elective=rng.choice(electives[key]))
            )
        if profile.needs_extra_supervision:
            notes.append(SupportNote(student_id=profile.student_id, text=SUPPORT_TEXT))
    _bulk(WishedWorkProcess, wishes)
    _bulk(through_types, org_types)
    _bulk(through_electives, chosen_electives)
    _bulk(SupportNote, notes)


SUPPORT_TEXT = "Heeft baat bij een vaste begeleider en een vaste dagstructuur."


def _profile(school: DemoSchool, student: Student, key: str, rng: random.Random) -> Any:
    status = students_demo._pick(rng, students_demo.STATUSES)
    profile = LearningProfile(student=student, status=status)
    if status == ProfileStatus.NOT_STARTED:
        return profile
    wishes = rng.sample(students_demo.LEARNING_WISHES[key], k=rng.randint(1, 3)) + ["", ""]
    profile.learning_wish_1, profile.learning_wish_2, profile.learning_wish_3 = wishes[:3]
    rng.randint(6500, 6700)  # was the 4-digit postcode (no longer asked); keeps the demo alike
    profile.home_place = rng.choice(school.places)
    profile.transport_mode = students_demo._pick(rng, students_demo.TRANSPORT)
    profile.max_travel_minutes = rng.choice([20, 30, 30, 45, 45, 60])
    year = students_demo.COHORT + 1
    profile.available_from = date(year, 2, 1)
    profile.available_until = date(year, 6, rng.choice([26, 30]))
    profile.hours_per_week = rng.choice([24, 32, 32, 36])
    profile.unavailable_days = rng.choice([[], [], [4], [2]])
    profile.needs_extra_supervision = rng.random() < 0.1
    if status in (ProfileStatus.SUBMITTED, ProfileStatus.OPTED_OUT):
        profile.submitted_at = timezone.now()
    return profile


@transaction.atomic
def _companies(school: DemoSchool, names: _Names, numbers: range) -> None:
    spec = school.spec
    kvks = {n: companies_demo.kvk_number(spec.kvk_offset, n) for n in numbers}
    existing = set(
        Company.objects.filter(
            institution=school.institution, kvk_number__in=kvks.values()
        ).values_list("kvk_number", flat=True)
    )
    new = [n for n in numbers if kvks[n] not in existing]
    if not new:
        return
    now = timezone.now()
    agreement, _ = AgreementVersion.objects.get_or_create(
        institution=school.institution,
        version=1,
        defaults={"text": companies_demo.AGREEMENT_TEXT, "published_at": now - timedelta(120)},
    )
    rngs = {n: _rng(school, 2, n) for n in new}
    keys = {n: PROGRAMME_CYCLE[n % len(PROGRAMME_CYCLE)] for n in new}
    companies = _bulk(Company, [_company(school, names, n, keys[n], rngs[n], kvks[n]) for n in new])
    users = _bulk(
        User,
        [
            User(
                email=school.email(f"bedrijf{n:05d}"),
                full_name=names.person(rngs[n]),
                role=Role.COMPANY_CONTACT,
                institution=school.institution,
                password=school.password_hash,
            )
            for n in new
        ],
    )
    _bulk(
        CompanyContact,
        [
            CompanyContact(user=u, company=c, job_title="Praktijkopleider")
            for u, c in zip(users, companies, strict=True)
        ],
    )
    checks, signatures, offers = [], [], []
    for n, company, user in zip(new, companies, users, strict=True):
        rng, key = rngs[n], keys[n]
        verified = rng.random() > 0.08
        checks.append(
            RecognitionCheck(
                company=company,
                crebo=school.programmes[key].crebo,
                outcome=RecognitionOutcome.RECOGNISED
                if verified
                else RecognitionOutcome.NOT_RECOGNISED,
                verified_by=school.staff["coordinator"],
                verified_at=now - timedelta(days=rng.randint(1, 300)),
            )
        )
        signed = rng.random() > 0.1
        if signed:
            signatures.append(
                AgreementSignature(
                    company=company,
                    version=agreement,
                    signed_by=user,
                    signer_name=user.full_name,
                    signer_role="Praktijkopleider",
                    signed_at=now - timedelta(days=rng.randint(1, 100)),
                )
            )
        offers.append(_offer(school, company, user, key, rng, signed and verified))
    _bulk(RecognitionCheck, checks)
    _bulk(AgreementSignature, signatures)
    offers = _bulk(Offer, offers)
    wps = {
        key: list(WorkProcess.objects.filter(core_task__programme=p).order_by("code"))
        for key, p in school.programmes.items()
    }
    through = Offer.work_processes.through
    _bulk(
        through,
        [
            through(offer=offer, workprocess=wp)
            for n, offer in zip(new, offers, strict=True)
            for wp in rngs[n].sample(wps[keys[n]], k=rngs[n].randint(3, len(wps[keys[n]])))
        ],
    )


def _company(
    school: DemoSchool, names: _Names, n: int, key: str, rng: random.Random, kvk: str
) -> Company:
    letters = companies_demo.LETTERS
    name, organisation_type = rng.choice(names.companies[key])
    return Company(
        institution=school.institution,
        legal_name=f"{name} ({n})",
        kvk_number=kvk,
        street=f"{rng.choice(names.streets)} {rng.randint(1, 200)}",
        postcode=f"{rng.randint(6500, 6700)} {rng.choice(letters)}{rng.choice(letters)}",
        place=rng.choice(school.places),
        organisation_type=school.organisation_types[organisation_type],
        size_class=rng.choice(list(SizeClass)),
        website=f"https://www.regiobedrijf{n:05d}.example.nl",
        sbb_id=f"{200000 + n}",
        claimed_crebos=[school.programmes[key].crebo],
        status=CompanyStatus.ACTIVE,
    )


def _offer(
    school: DemoSchool, company: Company, user: User, key: str, rng: random.Random, live: bool
) -> Offer:
    extra = rng.random() < 0.3
    text = rng.choice(companies_demo.LEARNING[key])
    return Offer(
        company=company,
        programme=school.programmes[key],
        status=OfferStatus.PUBLISHED if live else OfferStatus.DRAFT,
        period_start=date(2027, 2, 1),
        period_end=date(2027, 6, 30),
        capacity=rng.choice([1, 2, 2, 3, 3, 4, 5]),
        learning_text=text,
        activities="Meedraaien in het dagelijkse werk, met een vaste praktijkopleider.",
        supervision=f"{user.full_name}, praktijkopleider",
        supervision_hours=rng.choice([2, 3, 4]),
        extra_supervision_possible=extra,
        extra_supervision_text=(
            "Een vaste begeleider, een rustige werkplek en elke dag een kort overleg."
            if extra
            else ""
        ),
        hours_per_week=rng.choice([24, 32, 36]),
        working_days=[0, 1, 2, 3, 4],
        wheelchair_accessible=rng.random() < 0.5,
        near_public_transport=rng.random() < 0.7,
        presentation=text,
        text_flags_version=LEXICON_VERSION,
    )
