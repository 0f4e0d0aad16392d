"""The demo school: institution, programmes with their qualification structure, and staff.

`load_demo` calls `demo_load` here, then `demo.students` and `demo.companies`, which
extend the same `DemoSchool`. Every step is idempotent: it looks rows up by natural key.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.models import Institution, Role, Team, User
from catalog.models import Elective, OrganisationType, Place
from catalog.places import places_load
from programmes.models import CoreTask, Programme, WorkProcess

DEMO_PASSWORD = "demo-stagematching"
DEMO_DOMAIN = "demo.stagematching.nl"
DEMO_RADIUS_KM = 30.0

ORGANISATION_TYPES = [
    ("zorginstelling", "Zorginstelling"),
    ("thuiszorg", "Thuiszorg"),
    ("ziekenhuis", "Ziekenhuis"),
    ("kinderopvang", "Kinderopvang"),
    ("bso", "Buitenschoolse opvang"),
    ("onderwijs", "Onderwijs"),
    ("ict-bedrijf", "ICT-bedrijf"),
    ("softwarebureau", "Softwarebureau"),
    ("gemeente", "Gemeente"),
    ("retail", "Retail"),
    ("horeca", "Horeca"),
    ("installatiebedrijf", "Installatiebedrijf"),
]

# (key, name, crebo, level, team, core tasks {code: (name, [(wp code, wp name)])}, electives)
PROGRAMMES = [
    (
        "sd",
        "Software developer",
        "25604",
        4,
        "Team ICT",
        {
            "B1-K1": (
                "Realiseert software",
                [
                    ("B1-K1-W1", "Plant werkzaamheden en bewaakt de voortgang"),
                    ("B1-K1-W2", "Ontwerpt software"),
                    ("B1-K1-W3", "Realiseert (onderdelen van) software"),
                    ("B1-K1-W4", "Test software"),
                    ("B1-K1-W5", "Doet verbetervoorstellen voor de software"),
                ],
            ),
            "B1-K2": (
                "Werkt in een ontwikkelteam",
                [
                    ("B1-K2-W1", "Voert overleg"),
                    ("B1-K2-W2", "Presenteert het opgeleverde werk"),
                    ("B1-K2-W3", "Reflecteert op het werk"),
                ],
            ),
        },
        [
            ("K0080", "Verdieping software"),
            ("K1014", "Internet of Things"),
            ("K0911", "Security in ICT"),
        ],
    ),
    (
        "vig",
        "Verzorgende-IG",
        "25655",
        3,
        "Team Zorg",
        {
            "B1-K1": (
                "Biedt zorg, ondersteuning en begeleiding",
                [
                    ("B1-K1-W1", "Onderkent de behoefte aan zorg en ondersteuning"),
                    ("B1-K1-W2", "Stelt het zorgplan op en bij"),
                    ("B1-K1-W3", "Voert interventies en activiteiten uit"),
                    ("B1-K1-W4", "Voert verpleegtechnische handelingen uit"),
                    ("B1-K1-W5", "Reageert op onvoorziene en crisissituaties"),
                    ("B1-K1-W6", "Geeft informatie, advies en voorlichting"),
                ],
            ),
            "B1-K2": (
                "Stemt de zorg af en werkt samen",
                [
                    ("B1-K2-W1", "Stemt af met mantelzorgers en vrijwilligers"),
                    ("B1-K2-W2", "Werkt samen met andere zorgprofessionals"),
                    ("B1-K2-W3", "Werkt aan de eigen deskundigheid"),
                ],
            ),
        },
        [
            ("K0237", "Werken met ouderen met dementie"),
            ("K0069", "Wondzorg"),
        ],
    ),
    (
        "pmk",
        "Pedagogisch medewerker kinderopvang",
        "25698",
        3,
        "Team Kind en Educatie",
        {
            "B1-K1": (
                "Begeleidt kinderen",
                [
                    ("B1-K1-W1", "Volgt en stimuleert de ontwikkeling van het kind"),
                    ("B1-K1-W2", "Biedt verzorging"),
                    ("B1-K1-W3", "Voert activiteiten uit"),
                    ("B1-K1-W4", "Zorgt voor een veilige en gezonde omgeving"),
                ],
            ),
            "B1-K2": (
                "Werkt aan kwaliteit en samenwerking",
                [
                    ("B1-K2-W1", "Werkt samen met ouders en verzorgers"),
                    ("B1-K2-W2", "Werkt samen met collega's en andere professionals"),
                    ("B1-K2-W3", "Evalueert en verbetert de eigen werkzaamheden"),
                ],
            ),
        },
        [("K0527", "Taalontwikkeling jonge kind"), ("K0680", "Sport en bewegen kinderen")],
    ),
]

STAFF_ROLES = [
    ("coordinator", Role.COORDINATOR),
    ("slb1", Role.REVIEWER),
    ("slb2", Role.REVIEWER),
    ("zorg", Role.CARE_COORDINATOR),
    ("beheer", Role.INSTITUTION_ADMIN),
]


@dataclass(frozen=True)
class SchoolSpec:
    """One demo school: its name, addresses, region and size (students and companies per
    programme key of PROGRAMMES)."""

    slug: str
    name: str
    domain: str
    centre: tuple[float, float]
    staff_names: tuple[str, ...]
    students: dict[str, int]
    companies: dict[str, int]
    seed: int
    kvk_offset: int


# The main demo school, and a second, small one in the same database, so that every page can
# be tried across schools (log in as beheer@ijsseldelta... and nothing of De Waalkant shows).
WAALKANT = SchoolSpec(
    slug="roc-de-waalkant",
    name="ROC De Waalkant (demo)",
    domain=DEMO_DOMAIN,
    centre=(51.8425, 5.85278),  # Nijmegen
    staff_names=(
        "Marieke de Vries",
        "Ahmed el Amrani",
        "Sanne Jansen",
        "Kees van Dijk",
        "Fatma Yilmaz",
    ),
    students={"sd": 120, "vig": 100, "pmk": 80},
    companies={"sd": 40, "vig": 35, "pmk": 25},
    seed=2026,
    kvk_offset=80000000,
)
IJSSELDELTA = SchoolSpec(
    slug="roc-ijsseldelta",
    name="ROC IJsseldelta (demo)",
    domain=f"ijsseldelta.{DEMO_DOMAIN}",
    centre=(51.9851, 5.89872),  # Arnhem
    staff_names=("Joost Bakker", "Samira Haddou", "Lotte Visser", "Wim de Graaf", "Priya Ramdin"),
    students={"sd": 16, "vig": 12},
    companies={"sd": 6, "vig": 5},
    seed=7,
    kvk_offset=70000000,
)
SCHOOLS = (WAALKANT, IJSSELDELTA)


@dataclass
class DemoSchool:
    spec: SchoolSpec
    institution: Institution
    programmes: dict[str, Programme]
    staff: dict[str, User]
    places: list[Place]
    organisation_types: dict[str, OrganisationType]
    password_hash: str
    logins: list[tuple[str, str]] = field(default_factory=list)

    def email(self, local: str) -> str:
        return demo_email(local, self.spec)


def demo_email(local: str, spec: SchoolSpec = WAALKANT) -> str:
    return f"{local}@{spec.domain}"


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def _region_places(centre: tuple[float, float]) -> list[Place]:
    if not Place.objects.exists():
        places_load()
    return sorted(
        (
            p
            for p in Place.objects.all()
            if distance_km(p.latitude, p.longitude, *centre) <= DEMO_RADIUS_KM
        ),
        key=lambda p: (p.name, p.municipality),
    )


@transaction.atomic
def demo_load(spec: SchoolSpec = WAALKANT) -> DemoSchool:
    institution, _ = Institution.objects.get_or_create(
        slug=spec.slug, defaults={"name": spec.name, "contact_email": demo_email("bpv", spec)}
    )
    org_types = {
        slug: OrganisationType.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in ORGANISATION_TYPES
    }
    programmes: dict[str, Programme] = {}
    for key, name, crebo, level, team_name, core_tasks, electives in PROGRAMMES:
        if key not in spec.students:
            continue
        team, _ = Team.objects.get_or_create(institution=institution, name=team_name)
        programme, _ = Programme.objects.get_or_create(
            institution=institution,
            crebo=crebo,
            pathway="BOL",
            defaults={"name": name, "level": level, "team": team},
        )
        for ct_code, (ct_name, work_processes) in core_tasks.items():
            core_task, _ = CoreTask.objects.get_or_create(
                programme=programme, code=ct_code, defaults={"name": ct_name}
            )
            for wp_code, wp_name in work_processes:
                WorkProcess.objects.get_or_create(
                    core_task=core_task, code=wp_code, defaults={"name": wp_name}
                )
        # Exactly the programme's own keuzedelen (an older demo gave Verzorgende-IG an ICT one).
        programme.electives.set(
            Elective.objects.get_or_create(code=code, defaults={"name": elective_name})[0]
            for code, elective_name in electives
        )
        programmes[key] = programme

    password_hash = make_password(DEMO_PASSWORD)
    staff: dict[str, User] = {}
    logins: list[tuple[str, str]] = []
    for (local, role), full_name in zip(STAFF_ROLES, spec.staff_names, strict=True):
        user, created = User.objects.get_or_create(
            email=demo_email(local, spec),
            defaults={"full_name": full_name, "role": role, "institution": institution},
        )
        if created:
            user.password = password_hash
            user.save(update_fields=["password"])
        staff[local] = user
        logins.append((str(role.label), user.email))
    return DemoSchool(
        spec=spec,
        institution=institution,
        programmes=programmes,
        staff=staff,
        places=_region_places(spec.centre),
        organisation_types=org_types,
        password_hash=password_hash,
        logins=logins,
    )
