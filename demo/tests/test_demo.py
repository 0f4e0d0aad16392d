from __future__ import annotations

import pytest
from django.core.management import call_command

from accounts.models import Institution, Role, User
from catalog.models import Place
from companies.models import Company, Offer
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
