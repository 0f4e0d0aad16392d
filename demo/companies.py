"""Demo learning companies with varied offers (some unsigned, some unverified crebos).

Every company is of a kind that trains students of its programme (a kinderdagverblijf offers
childcare places, a software company ICT ones, a woonzorgcentrum places for Verzorgende-IG),
with an invented name, texts that fit the kind, the work processes it always offers and the
keuzedelen a student can do there."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
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
)
from demo.kinds import KINDS, Kind
from demo.school import DemoSchool
from programmes.models import WorkProcess

LETTERS = "ABCDEGHJKLMNPRSTVWXZ"


# What other modules (the large school, the students' preferred types) read of the kinds.
TYPES = {key: [k.type for k in kinds] for key, kinds in KINDS.items()}
LEARNING = {key: [t for k in kinds for t in k.learning] for key, kinds in KINDS.items()}
AGREEMENT_TEXT = """Stagematchingsovereenkomst

1. Wij accepteren de student die de school aan ons koppelt. Wij wijzen een student niet af
   op subjectieve gronden, zoals een gebrek aan 'klik' of 'past niet in het team'.
2. Het kennismakingsgesprek is geen selectiemoment, maar een eerste kennismaking.
3. Wij signaleren discriminatie op de werkvloer vroeg en pakken die samen met de school aan.
4. Wij geven de begeleiding die wij in ons aanbod beschrijven.
"""


def kvk_number(offset: int, number: int) -> str:
    """Eight digits for every company number below 10 million: 7919 is prime, so the numbers
    stay distinct within the offset's block of 10 million."""
    return f"{offset + (number * 7919) % 10_000_000:08d}"


def _kind(key: str, rng: random.Random) -> Kind:
    kinds = KINDS[key]
    return rng.choices(kinds, weights=[k.weight for k in kinds], k=1)[0]


def company_name(kind: Kind, family: str, rng: random.Random, used: set[str]) -> str | None:
    """An invented name for a company of this kind that the school does not have yet (None
    when the kind's names are used up): "Woonzorgcentrum De Linde", "Van Dijk Software"."""
    family = family[:1].upper() + family[1:]
    taken = {name.split(" ", 1)[-1] for name in used}  # one "De Boomhut", whatever its prefix
    options = [f"{p} {n}" for p in kind.prefixes for n in kind.names if n not in taken]
    options += [pattern.format(family) for pattern in kind.family_names]
    options = [o for o in options if o not in used]
    return rng.choice(options) if options else None


def name_pool(key: str, families: list[str]) -> list[tuple[str, str]]:
    """Every invented name of the programme's kinds with its organisation type, the family
    names filled in (the large school draws from this list)."""
    pool = []
    for kind in KINDS[key]:
        names = [f"{p} {n}" for p in kind.prefixes for n in kind.names]
        names += [pat.format(f[:1].upper() + f[1:]) for f in families for pat in kind.family_names]
        pool += [(name, kind.type) for name in names]
    return sorted(set(pool))


def _named_kind(key: str, fake: Faker, rng: random.Random, used: set[str]) -> tuple[Kind, str]:
    first = _kind(key, rng)
    family = fake.last_name().split(" en ")[0]  # "Van Hoevel en van Zwindrecht": one name
    for kind in (first, *KINDS[key]):
        name = company_name(kind, family, rng, used)
        if name is not None:
            used.add(name)
            return kind, name
    # More companies than names: another location of one ("Zorgcentrum De Linde, locatie 2").
    name = f"{company_name(first, family, rng, set())}, locatie {len(used) + 1}"
    used.add(name)
    return first, name


def offer_work_processes(
    kind: Kind, wps: list[WorkProcess], rng: random.Random
) -> list[WorkProcess]:
    """The kind's own work processes, and one to three others of the programme."""
    own = [wp for wp in wps if wp.code in kind.work_processes]
    others = [wp for wp in wps if wp.code not in kind.work_processes]
    return own + rng.sample(others, k=min(len(others), rng.randint(1, 3)))


@transaction.atomic
def demo_load(school: DemoSchool) -> None:
    rng = random.Random(school.spec.seed + 1999)
    fake = Faker("nl_NL")
    fake.seed_instance(school.spec.seed + 1999)
    coordinator = school.staff["coordinator"]
    now = timezone.now()
    agreement, _ = AgreementVersion.objects.get_or_create(
        institution=school.institution,
        version=1,
        defaults={"text": AGREEMENT_TEXT, "published_at": now - timedelta(days=120)},
    )
    used = set(
        Company.objects.filter(institution=school.institution).values_list("legal_name", flat=True)
    )
    number = 0
    for key, count in school.spec.companies.items():
        programme = school.programmes[key]
        wps = list(WorkProcess.objects.filter(core_task__programme=programme).order_by("code"))
        electives = {e.code: e for e in programme.electives.all()}
        for _ in range(count):
            number += 1
            if number == 1:
                school.logins.append(("Praktijkopleider", school.email("bedrijf001")))
            kvk = kvk_number(school.spec.kvk_offset, number)
            if Company.objects.filter(institution=school.institution, kvk_number=kvk).exists():
                continue
            kind, name = _named_kind(key, fake, rng, used)
            place = rng.choice(school.places)
            contact_name = fake.name()
            company = Company.objects.create(
                institution=school.institution,
                legal_name=name,
                kvk_number=kvk,
                street=f"{fake.street_name()} {rng.randint(1, 200)}",
                postcode=f"{rng.randint(6500, 6700)} {rng.choice(LETTERS)}{rng.choice(LETTERS)}",
                place=place,
                organisation_type=school.organisation_types[kind.type],
                size_class=rng.choice(kind.sizes),
                website=f"https://www.bedrijf{number:03d}.example.nl",
                sbb_id=f"{100000 + number}",
                claimed_crebos=[programme.crebo],
                status=CompanyStatus.ACTIVE,
            )
            user = User.objects.create(
                email=school.email(f"bedrijf{number:03d}"),
                full_name=contact_name,
                role=Role.COMPANY_CONTACT,
                institution=school.institution,
                password=school.password_hash,
            )
            CompanyContact.objects.create(user=user, company=company, job_title="Praktijkopleider")
            verified = rng.random() > 0.08
            RecognitionCheck.objects.create(
                company=company,
                crebo=programme.crebo,
                outcome=RecognitionOutcome.RECOGNISED
                if verified
                else RecognitionOutcome.NOT_RECOGNISED,
                verified_by=coordinator,
                verified_at=now - timedelta(days=rng.randint(1, 400)),
            )
            signed = rng.random() > 0.1
            if signed:
                AgreementSignature.objects.create(
                    company=company,
                    version=agreement,
                    signed_by=user,
                    signer_name=contact_name,
                    signer_role="Praktijkopleider",
                    signed_at=now - timedelta(days=rng.randint(1, 100)),
                )
            extra = rng.random() < 0.3
            offer = Offer.objects.create(
                company=company,
                programme=programme,
                status=OfferStatus.PUBLISHED if (signed and verified) else OfferStatus.DRAFT,
                period_start=date(2027, 2, 1),
                period_end=date(2027, 6, 30),
                capacity=rng.choice([1, 2, 2, 3, 3, 4, 5]),
                learning_text=rng.choice(kind.learning),
                activities=kind.activities,
                supervision=f"{contact_name}, praktijkopleider",
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
                presentation=kind.presentation,
            )
            offer.work_processes.set(offer_work_processes(kind, wps, rng))
            # Keuzedelen a student can do here: some of the kind's that the programme has.
            fitting = [electives[c] for c in kind.electives if c in electives]
            offer.electives.set(
                rng.sample(fitting, k=rng.randint(min(1, len(fitting)), len(fitting)))
            )
