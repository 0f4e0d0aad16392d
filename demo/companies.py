"""Demo learning companies with varied offers (some unsigned, some unverified crebos)."""

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
    SizeClass,
)
from demo.school import DemoSchool
from programmes.models import WorkProcess

LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
TYPES = {
    "sd": ["ict-bedrijf", "softwarebureau", "gemeente"],
    "vig": ["zorginstelling", "thuiszorg", "ziekenhuis"],
    "pmk": ["kinderopvang", "bso", "onderwijs"],
}
LEARNING = {
    "sd": [
        "Je bouwt mee aan webapplicaties voor klanten en leert testen en code reviewen "
        "in een scrumteam.",
        "Je ontwerpt en programmeert koppelingen tussen systemen en databases.",
        "Je werkt aan onze mobiele app en presenteert je werk in de sprint review.",
        "Je leert software testen, fouten vinden en verbetervoorstellen doen.",
    ],
    "vig": [
        "Je verleent zorg aan ouderen met dementie op een kleinschalige woongroep.",
        "Je werkt in de wijk bij cliënten thuis en voert verpleegtechnische handelingen uit.",
        "Je stelt samen met de cliënt het zorgplan op en voert het uit.",
        "Je leert werken in een multidisciplinair team op een revalidatieafdeling.",
    ],
    "pmk": [
        "Je begeleidt peuters en bedenkt activiteiten die hun ontwikkeling stimuleren.",
        "Je werkt op de buitenschoolse opvang met kinderen van 4 tot 12 jaar.",
        "Je verzorgt baby's en werkt nauw samen met ouders.",
        "Je volgt de ontwikkeling van kinderen en bespreekt die met collega's.",
    ],
}
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
    number = 0
    for key, count in school.spec.companies.items():
        programme = school.programmes[key]
        wps = list(WorkProcess.objects.filter(core_task__programme=programme).order_by("code"))
        for _ in range(count):
            number += 1
            if number == 1:
                school.logins.append(("Praktijkopleider", school.email("bedrijf001")))
            kvk = kvk_number(school.spec.kvk_offset, number)
            name = fake.company()
            place = rng.choice(school.places)
            contact_name = fake.name()
            if Company.objects.filter(institution=school.institution, kvk_number=kvk).exists():
                continue
            company = Company.objects.create(
                institution=school.institution,
                legal_name=name,
                kvk_number=kvk,
                street=f"{fake.street_name()} {rng.randint(1, 200)}",
                postcode=f"{rng.randint(6500, 6700)} {rng.choice(LETTERS)}{rng.choice(LETTERS)}",
                place=place,
                organisation_type=school.organisation_types[rng.choice(TYPES[key])],
                size_class=rng.choice(list(SizeClass)),
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
                learning_text=rng.choice(LEARNING[key]),
                activities="Meedraaien in het dagelijkse werk, met een vaste praktijkopleider.",
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
                presentation=rng.choice(LEARNING[key]),
            )
            offer.work_processes.set(rng.sample(wps, k=rng.randint(3, len(wps))))
            # Keuzedelen a student can do here (own generator: the rest of the demo is unchanged).
            own = random.Random(f"offer-electives-{school.spec.seed}-{offer.pk}")
            electives = list(programme.electives.all())
            if electives:
                offer.electives.set(own.sample(electives, k=own.randint(0, min(2, len(electives)))))
