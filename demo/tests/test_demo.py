from __future__ import annotations

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from accounts.models import Institution, Role, User
from catalog.models import Place
from companies.models import Company, Offer
from followup.models import Agreement, ContactMoment, Ending, IntroMeeting, Signal
from matching.models import Round
from placements.models import Placement
from programmes.models import Programme
from students.models import LearningProfile, ProfileStatus, Student


def _counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "programmes": Programme.objects.count(),
        "students": Student.objects.count(),
        "companies": Company.objects.count(),
        "offers": Offer.objects.count(),
        "places": Place.objects.count(),
    }


@pytest.mark.django_db
def test_load_demo_builds_a_school_and_is_idempotent(capsys) -> None:
    call_command("load_demo")
    first = _counts()
    out = capsys.readouterr().out
    call_command("load_demo")
    assert _counts() == first
    main = Programme.objects.filter(institution__slug="roc-de-waalkant")
    assert main.count() >= 3
    assert 280 <= Student.objects.filter(programme__in=main).count() <= 320
    assert 90 <= Company.objects.filter(institution__slug="roc-de-waalkant").count() <= 110
    # The second, small school: every role, its own students and companies.
    second = Institution.objects.get(slug="roc-ijsseldelta")
    assert 20 <= Student.objects.filter(programme__institution=second).count() <= 40
    assert 5 <= Company.objects.filter(institution=second).count() <= 20
    assert set(User.objects.filter(institution=second).values_list("role", flat=True)) == set(Role)
    assert "beheer@ijsseldelta.demo.stagematching.nl" in out
    assert first["places"] > 600
    for role in Role:
        assert User.objects.filter(role=role).exists(), role
    assert "coordinator@demo.stagematching.nl" in out
    assert "student001@demo.stagematching.nl" in out
    statuses = set(LearningProfile.objects.values_list("status", flat=True))
    assert {ProfileStatus.SUBMITTED, ProfileStatus.DRAFT, ProfileStatus.OPTED_OUT} <= statuses
    assert LearningProfile.objects.filter(needs_extra_supervision=True).exists()
    sd = main.get(crebo="25604")
    codes = set(sd.core_tasks.values_list("work_processes__code", flat=True))
    assert {"B1-K1-W1", "B1-K2-W3"} <= codes
    _companies_fit_their_programme()


def _companies_fit_their_programme() -> None:
    """A kinderdagverblijf offers childcare places, a software company ICT ones: every offer's
    company is of a kind of its programme, with the programme's own work processes and
    keuzedelen, and no school has two companies of the same name."""
    from demo.companies import TYPES
    from demo.school import PROGRAMMES

    key_of = {crebo: key for key, _, crebo, *_ in PROGRAMMES}
    offers = Offer.objects.select_related("company__organisation_type", "programme")
    for offer in offers.prefetch_related("work_processes__core_task", "electives"):
        key = key_of[offer.programme.crebo]
        assert offer.company.organisation_type.slug in TYPES[key], offer.company
        assert {wp.core_task.programme_id for wp in offer.work_processes.all()} == {
            offer.programme_id
        }
        assert set(offer.electives.all()) <= set(offer.programme.electives.all())
    vig = Programme.objects.filter(crebo="25655").first()
    assert vig is not None and not vig.electives.filter(name__icontains="ICT").exists()
    for institution in Institution.objects.all():
        names = list(Company.objects.filter(institution=institution).values_list("legal_name"))
        assert len(names) == len(set(names))


@pytest.mark.django_db
def test_load_places_reads_dutch_places_with_municipality() -> None:
    call_command("load_places")
    nijmegen = Place.objects.get(name="Nijmegen")
    assert nijmegen.municipality == "Nijmegen"
    assert nijmegen.province == "Gelderland"
    assert 51.8 < nijmegen.latitude < 51.9
    lindenholt = Place.objects.get(name="Lindenholt")
    assert lindenholt.municipality == "Nijmegen"
    n = Place.objects.count()
    call_command("load_places")
    assert Place.objects.count() == n


def test_kvk_numbers_have_eight_digits_and_differ_for_every_company_number() -> None:
    from demo.companies import kvk_number

    numbers = [kvk_number(80000000, n) for n in range(1, 20001)]
    assert all(len(k) == 8 and k.isdigit() for k in numbers)
    assert len(set(numbers)) == len(numbers)
    assert kvk_number(80000000, 1) == "80007919"  # the demo school's numbers stay as they were


@pytest.mark.django_db
def test_large_school_is_built_in_proportion_and_grows_without_duplicates() -> None:
    from companies.selectors import offers_for_matching
    from demo.large import large_load

    school = large_load(60)
    inst = school.institution
    students = Student.objects.filter(programme__institution=inst)
    assert students.count() == 60
    assert Company.objects.filter(institution=inst).count() == 20
    assert set(students.values_list("programme__crebo", flat=True)) == {"25604", "25655", "25698"}
    submitted = LearningProfile.objects.filter(
        student__programme__institution=inst, status=ProfileStatus.SUBMITTED
    )
    assert submitted.count() > 30
    assert all(p.home_place_id and p.wishes.exists() for p in submitted)
    assert offers_for_matching(inst.pk).exists()
    first = set(students.values_list("student_number", "user__email", "user__full_name"))
    large_load(90)
    after = set(students.values_list("student_number", "user__email", "user__full_name"))
    assert first < after and len(after) == 90
    assert Company.objects.filter(institution=inst).count() == 30


@pytest.mark.django_db
def test_the_demo_year_has_a_released_round_and_placements_in_every_state() -> None:
    call_command("load_demo", "--year")
    with scopes_disabled():
        counts = {
            "rounds": Round.objects.count(),
            "placements": Placement.objects.count(),
            "contacts": ContactMoment.objects.count(),
        }
        (rnd,) = Round.objects.filter(status="released")
        assert rnd.is_released() and counts["placements"] > 100
        meetings = set(IntroMeeting.objects.values_list("status", flat=True))
        assert {"proposed", "accepted", "held"} <= meetings
        assert set(Agreement.objects.values_list("status", flat=True)) == {"sent", "complete"}
        assert counts["contacts"] == 3 and Signal.objects.count() == 1
        assert set(Ending.objects.values_list("reason", flat=True)) == {"refusal", "student"}
        assert Placement.objects.filter(status="ended_early").count() == 1
        call_command("load_demo", "--year")  # again: nothing changes
        assert Round.objects.count() == counts["rounds"]
        assert Placement.objects.count() == counts["placements"]
